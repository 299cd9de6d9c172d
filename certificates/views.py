from django.contrib.auth.decorators import login_required
from django.http import FileResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from core import clock

from . import selectors
from .selectors.openbadges import award_verification_document
from .time_rules import snapshot_zone


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept or "application/ld+json" in accept


@require_GET
def verify(request, code: str):
    """Public: the award's current state, name, credential, issuer and date only."""
    award = selectors.award_get_for_verification(code=code)
    if _wants_json(request):
        if award is None:
            return JsonResponse({"error": "unknown code"}, status=404)
        document = award_verification_document(award=award)
        return JsonResponse(document, content_type="application/ld+json")
    zone = snapshot_zone(award.snapshot) if award else clock.portal_zone()
    with timezone.override(zone):  # a revocation is dated in the provider's zone
        return render(
            request,
            "certificates/verify.html",
            # a code that cannot be one (control characters, overlong) is not echoed
            {"award": award, "code": selectors.normalize_code(code)},
            status=200 if award else 404,
        )


@login_required
@require_GET
def document_download(request, award_uuid, kind: str):
    """A document for its learner (or a portal admin); anyone else gets 404."""
    document = selectors.award_document_get_for_user(
        user=request.user, award_uuid=award_uuid, kind=kind
    )
    name = slugify(document.award.credential_name)[:80]
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{name}-{document.filename}",
        content_type="application/pdf",
    )


@login_required
@require_GET
def my_awards(request):
    """The learner's awards with their documents, and why the others are not yet."""
    return render(
        request,
        "certificates/my_awards.html",
        {
            "awards": selectors.awards_for(learner=request.user),
            "progress_reports": selectors.progress_reports_for(learner=request.user),
        },
    )
