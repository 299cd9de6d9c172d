"""An award's page and its portable forms: Open Badges 3.0 JSON, VC-JWT, baked
badge; and the issuers' public profiles and keys."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import parse_etags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import clock

from .selectors import openbadges as selectors
from .selectors.renewal import renewal_cases
from .selectors.status_lists import status_list_get
from .services.openbadges import (
    EXPORTABLE_STATUSES,
    award_badge_export,
    award_evidence_share,
)
from .services.status_lists import status_list_served

JSON_LD = "application/ld+json"
VC_JWT = "application/vc+jwt"
# How long a verifier may reuse a revocation list before asking again: a
# revocation reaches every verifier within this time (plus the worker's delay).
STATUS_LIST_MAX_AGE = 300
EXPORTS = {
    "json": ("credential.json", JSON_LD),
    "jwt": ("credential.jwt", VC_JWT),
    "svg": ("badge.svg", "image/svg+xml"),
}


@login_required
@require_GET
def award_detail(request, award_uuid):
    award = selectors.award_get_for_owner(user=request.user, award_uuid=award_uuid)
    exportable = award.status in EXPORTABLE_STATUSES
    linkedin = selectors.award_linkedin_url(award) if exportable else None
    renewals = renewal_cases(
        learner_id=award.learner_id, today=clock.today(), awards=[award]
    )
    return render(
        request,
        "certificates/award_detail.html",
        {
            "award": award,
            "exportable": exportable,
            "linkedin_url": linkedin,
            "renewals": renewals,
        },
    )


@login_required
@require_GET
def award_export(request, award_uuid, fmt: str):
    award = selectors.award_get_for_owner(user=request.user, award_uuid=award_uuid)
    if award.status not in EXPORTABLE_STATUSES:
        return HttpResponse(status=404)
    export = award_badge_export(award=award)
    filename, content_type = EXPORTS[fmt]
    body = {
        "json": json.dumps(export.credential, indent=2, ensure_ascii=False),
        "jwt": export.token,
        "svg": export.svg,
    }[fmt]
    response = HttpResponse(body, content_type=content_type)
    name = slugify(award.credential_name)[:60]
    response["Content-Disposition"] = f'attachment; filename="{name}-{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def award_evidence_toggle(request, award_uuid):
    award = selectors.award_get_for_learner(user=request.user, award_uuid=award_uuid)
    share = request.POST.get("share") == "1"
    award_evidence_share(award=award, share=share)
    messages.success(
        request,
        _("Your badge now lists your linked work as evidence.")
        if share
        else _("Your badge no longer lists your linked work."),
    )
    return redirect("certificates:award", award_uuid=award.uuid)


@require_GET
def issuer_profile(request, slug: str):
    """The issuer's Open Badges ``Profile``, with where its public keys are."""
    provider = selectors.issuer_get(slug=slug)
    issuer = selectors.issuer_for(provider)
    profile = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": issuer.id,
        "type": ["Profile"],
        "name": issuer.name,
    }
    if issuer.url:
        profile["url"] = issuer.url
    return JsonResponse(profile, content_type=JSON_LD)


@require_GET
def issuer_jwks(request, slug: str):
    """The issuer's public keys (RFC 7517 key set), retired ones included."""
    provider = selectors.issuer_get(slug=slug)
    keys = list(selectors.issuer_jwks(provider=provider).values())
    return JsonResponse({"keys": keys})


@require_GET
def status_list(request, slug: str, number: int):
    """The provider's signed revocation list (a Bitstring Status List credential
    as a VC-JWT), cacheable: ETag, ``Cache-Control``, 304 on ``If-None-Match``."""
    signed = status_list_served(status_list=status_list_get(slug=slug, number=number))
    etag = f'"{signed.etag}"'
    # If-None-Match compares weakly: W/"x" matches "x".
    wanted = {
        tag.removeprefix("W/")
        for tag in parse_etags(request.headers.get("If-None-Match", ""))
    }
    if etag in wanted or "*" in wanted:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(signed.token, content_type=VC_JWT)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={STATUS_LIST_MAX_AGE}"
    # Any verifier may fetch it, a wallet in a browser included.
    response["Access-Control-Allow-Origin"] = "*"
    return response
