"""The learner's transcript page, its PDF and share links; the public page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.refusal import Refusal

from . import selectors
from .models import TranscriptDocument
from .services import (
    transcript_pdf_request,
    transcript_share_create,
    transcript_share_revoke,
)


@login_required
@require_GET
def transcript(request):
    learner = request.user
    transcript = selectors.transcript_for(learner=learner)
    document = selectors.transcript_document_for(learner=learner)
    shares = list(selectors.transcript_shares(learner=learner))
    return render(
        request,
        "transcripts/transcript.html",
        {
            "transcript": transcript,
            "document": document,
            "document_current": document is not None
            and document.status == TranscriptDocument.Status.READY
            and document.fingerprint == transcript.fingerprint,
            "active_share": next((s for s in shares if s.is_active), None),
            "revoked_shares": [s for s in shares if not s.is_active],
        },
    )


@login_required
@require_POST
def pdf_request(request):
    try:
        document = transcript_pdf_request(learner=request.user, now=timezone.now())
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        # Without a broker the task ran in-process on commit: read what it left.
        document.refresh_from_db()
        if document.status == TranscriptDocument.Status.READY:
            messages.success(request, _("Your transcript PDF is ready to download."))
        elif document.status == TranscriptDocument.Status.PENDING:
            messages.info(request, _("Your transcript PDF is being prepared."))
        else:
            messages.error(
                request, _("Your PDF could not be prepared. Please ask again.")
            )
    return redirect("transcripts:transcript")


@login_required
@require_GET
def pdf_download(request):
    """The learner's own current PDF; only ever their own (no id in the URL)."""
    document = selectors.transcript_document_for(learner=request.user)
    if document is None or not document.file:
        raise Http404
    stated = selectors.transcript_for(learner=request.user).name
    name = slugify(stated)[:60] or "learner"
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"transcript-{name}-{document.produced_on:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def share_create(request):
    try:
        transcript_share_create(learner=request.user)
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Your public link is ready to share."))
    return redirect("transcripts:transcript")


@login_required
@require_POST
def share_revoke(request, pk: int):
    share = selectors.transcript_share_get_for_learner(learner=request.user, pk=pk)
    try:
        transcript_share_revoke(share=share, actor=request.user, now=timezone.now())
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("The link is revoked: it no longer opens your transcript.")
        )
    return redirect("transcripts:transcript")


@require_GET
def shared(request, token: str):
    """Public: the transcript's credentials and their verification pages; no
    email, nothing in progress. A revoked or unknown token is a bare 404."""
    share = selectors.transcript_share_get_public(token=token)
    if share is None:
        raise Http404
    response = render(
        request,
        "transcripts/shared.html",
        {"transcript": selectors.transcript_for(learner=share.learner)},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
