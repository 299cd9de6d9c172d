from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    HttpResponse,
    HttpResponseNotModified,
    JsonResponse,
)
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.text import slugify
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from core import clock

from . import selectors, verify_page
from .selectors.openbadges import award_verification_document
from .selectors.validity import award_is_expired
from .services.openbadges import EXPORTABLE_STATUSES, award_badge_export
from .time_rules import snapshot_zone

VC_JWT = "application/vc+jwt"


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept or "application/ld+json" in accept


def _wants_jwt(request) -> bool:
    return VC_JWT in request.headers.get("Accept", "")


@require_GET
@vary_on_headers("Accept")
def verify(request, code: str):
    """Public: the award's current state (valid, expired, revoked, replaced),
    name, credential, issuer, date and validity only; to a client asking for
    ``application/vc+jwt``, the signed credential of an issued award (its
    revocation bit is in the published list)."""
    html = not (_wants_jwt(request) or _wants_json(request))
    if html and verify_page.shareable(request):
        return _verify_shared(request, code)
    award = selectors.award_get_for_verification(code=code)
    if _wants_jwt(request):
        if award is None or award.status not in EXPORTABLE_STATUSES:
            return HttpResponse(status=404, content_type="text/plain")
        return HttpResponse(award_badge_export(award=award).token, content_type=VC_JWT)
    if _wants_json(request):
        if award is None:
            return JsonResponse({"error": "unknown code"}, status=404)
        document = award_verification_document(award=award, today=_today(award))
        return JsonResponse(document, content_type="application/ld+json")
    return _verify_render(request, award, code)


def _today(award):
    """Valid or expired by the issuing provider's day."""
    return clock.today(snapshot_zone(award.snapshot) if award else None)


def _verify_render(request, award, code: str):
    zone = snapshot_zone(award.snapshot) if award else clock.portal_zone()
    with timezone.override(zone):  # a revocation is dated in the provider's zone
        return render(
            request,
            "certificates/verify.html",
            {
                "award": award,
                "expired": award is not None
                and award_is_expired(award, today=_today(award)),
                # a code that cannot be one (control characters, overlong) is
                # not echoed
                "code": selectors.normalize_code(code),
            },
            status=200 if award else 404,
        )


def _verify_shared(request, code: str):
    """An anonymous visitor's page, the same for all: from the shared cache
    without a query when it holds the page (``verify_page``), else rendered once
    per state; 304 when their copy is current; cacheable for a few minutes."""
    normalized = selectors.normalize_code(code)
    stamp = verify_page.stamp(normalized) if normalized else None
    if stamp is not None:
        page = verify_page.page(
            stamp,
            normalized,
            request=request,
            render=lambda award: _verify_render(request, award, code).content,
        )
        if page is None:
            return _verify_render(request, None, code)
        return _shared_response(request, page.tag, page.content)
    award = selectors.award_get_for_verification(code=code)
    if award is None:
        return _verify_render(request, None, code)
    tag = verify_page.etag(award, request=request)
    if _current(request, tag):
        return _shared_response(request, tag, None)
    content = verify_page.page_get(tag)
    if content is None:
        content = _verify_render(request, award, code).content
        verify_page.page_set(tag, content)
    return _shared_response(request, tag, content)


def _current(request, tag: str) -> bool:
    """Whether the visitor's copy has this ETag. If-None-Match compares weakly:
    a proxy that compresses may have weakened it."""
    held = parse_etags(request.headers.get("If-None-Match", ""))
    return "*" in held or tag in {t.removeprefix("W/") for t in held}


def _shared_response(request, tag: str, content: bytes | None):
    if content is None or _current(request, tag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content)
    response["ETag"] = tag
    patch_cache_control(response, public=True, max_age=verify_page.MAX_AGE_SECONDS)
    # a signed-in visitor gets another page (their navigation)
    patch_vary_headers(response, ("Cookie",))
    return response


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
