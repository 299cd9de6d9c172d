"""The learner's ledger pages, its PDF and evidence files; the verification
page of facilitators and admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import clock
from core.refusal import Refusal

from . import selectors
from .forms import HeldCertificateForm, HeldCertificateUpdateForm, OutsideCreditForm
from .models import LedgerDocument
from .services import (
    held_certificate_record,
    held_certificate_update,
    ledger_pdf_request,
    outside_credit_add,
    outside_credit_verify,
)


@login_required
@require_GET
def ledger(request):
    learner = request.user
    return render(
        request,
        "ledger/ledger.html",
        {
            "lines": selectors.ledger_lines_for(learner=learner),
            "outside_credits": list(selectors.outside_credits_for(learner=learner)),
            "document": selectors.ledger_document_for(learner=learner),
        },
    )


def _form_page(request, form, *, template: str, save, success: str, **context):
    """Validate, call one service; a refusal is the form's error, nothing saved."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except Refusal as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, success)
            return redirect("ledger:ledger")
    status = 400 if form.is_bound else 200
    return render(request, template, {"form": form, **context}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_add(request):
    form = HeldCertificateForm(request.POST or None)
    return _form_page(
        request,
        form,
        template="ledger/certificate_form.html",
        save=lambda data: held_certificate_record(
            learner=request.user, today=clock.today(), **data
        ),
        success=_("Your certificate is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_edit(request, pk: int):
    held = selectors.held_certificate_get_for_learner(learner=request.user, pk=pk)
    initial = {"number": held.number, "expires_on": held.expires_on}
    form = HeldCertificateUpdateForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        template="ledger/certificate_form.html",
        save=lambda data: held_certificate_update(
            certificate=held, today=clock.today(), **data
        ),
        success=_("Your certificate is updated."),
        held=held,
    )


@login_required
@require_http_methods(["GET", "POST"])
def credit_add(request):
    form = OutsideCreditForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        form,
        template="ledger/credit_form.html",
        save=lambda data: outside_credit_add(
            learner=request.user, today=clock.today(), **data
        ),
        success=_("Your credits are added; they count once verified."),
    )


@login_required
@require_GET
def evidence(request, uuid):
    """The evidence to its learner and whoever may verify it; else 404."""
    entry = selectors.outside_credit_get_for_viewer(user=request.user, uuid=uuid)
    try:
        handle = entry.evidence.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=entry.evidence_name or "evidence",
        content_type=entry.evidence_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def pdf_request(request):
    try:
        document = ledger_pdf_request(learner=request.user, now=clock.now())
    except Refusal as refusal:
        messages.error(request, refusal.message)
        return redirect("ledger:ledger")
    # Without a broker the task ran in-process on commit: read what it left.
    document.refresh_from_db()
    if document.status == LedgerDocument.Status.READY:
        messages.success(request, _("Your ledger PDF is ready to download."))
    elif document.status == LedgerDocument.Status.PENDING:
        messages.info(request, _("Your ledger PDF is being prepared."))
    else:
        messages.error(request, _("Your PDF could not be prepared. Please ask again."))
    return redirect("ledger:ledger")


@login_required
@require_GET
def pdf_download(request):
    """The learner's own current PDF; only ever their own (no id in the URL)."""
    document = selectors.ledger_document_for(learner=request.user)
    if document is None or not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"recertification-ledger-{document.produced_on:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_GET
def verification(request):
    """Entries awaiting verification that the user may verify; 404 for those
    who may verify none (learners)."""
    if not selectors.may_verify(user=request.user):
        raise Http404
    entries = selectors.outside_credits_for_verifier(user=request.user)
    return render(
        request,
        "ledger/verification.html",
        {"entries": list(entries.filter(verified_at__isnull=True))},
    )


@login_required
@require_POST
def verify(request, uuid):
    entry = (
        selectors.outside_credits_for_verifier(user=request.user)
        .filter(uuid=uuid)
        .first()
    )
    if entry is None:
        raise Http404
    try:
        outside_credit_verify(entry=entry, verifier=request.user, now=clock.now())
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The entry is verified: it counts from now on."))
    return redirect("ledger:verification")
