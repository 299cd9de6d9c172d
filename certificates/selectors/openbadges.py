"""Reads for Open Badges exports: issuers, their published keys, an award's
achievement URL and the evidence a learner chose to share."""

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from accounts.roles import is_portal_admin
from core import clock
from core.site import absolute_url
from programs.models import Provider
from reviews.models import Review, SubmissionVersion

from ..models import Award, IssuerKey
from ..openbadges.credential import (
    STATUS_TYPE,
    CredentialIds,
    Evidence,
    Issuer,
    credential_build,
)
from ..openbadges.linkedin import linkedin_add_url
from ..time_rules import snapshot_zone
from .status_lists import award_status_entry
from .validity import award_is_expired


def award_provider(award: Award) -> Provider:
    owner = award.unit or award.program
    assert owner is not None  # noqa: S101  (a database check: a unit or a program)
    return owner.provider


def issuer_url(provider: Provider) -> str:
    return absolute_url(reverse("certificates:issuer", kwargs={"slug": provider.slug}))


def issuer_for(provider: Provider) -> Issuer:
    return Issuer(id=issuer_url(provider), name=provider.name, url=provider.website)


def issuer_get(*, slug: str) -> Provider:
    return get_object_or_404(Provider, slug=slug)


def issuer_keys(*, provider: Provider) -> QuerySet[IssuerKey]:
    """Every key the provider ever signed with: retired ones still verify."""
    return IssuerKey.objects.filter(provider=provider).order_by("created_at")


def issuer_jwks(*, provider: Provider) -> dict[str, dict]:
    return {key.kid: key.public_jwk for key in issuer_keys(provider=provider)}


def achievement_url(award: Award) -> str:
    if award.unit is not None:
        path = reverse("programs:unit_detail", kwargs={"slug": award.unit.slug})
    else:
        assert award.program is not None  # noqa: S101  (a unit or a program)
        path = reverse("programs:program_detail", kwargs={"slug": award.program.slug})
    return absolute_url(path)


def award_evidence(award: Award) -> list[Evidence]:
    """The links the learner submitted, in versions reviewed Met, in the award's
    unit (files and texts stay private: only what is already on the web)."""
    if not award.unit_id:
        return []
    met_versions = SubmissionVersion.objects.filter(
        submission__enrollment__learner_id=award.learner_id,
        submission__enrollment__offering__unit_id=award.unit_id,
        review__decision=Review.Decision.MET,
    ).select_related("submission__requirement")
    evidence: list[Evidence] = []
    for version in met_versions.order_by("submission__requirement__position", "id"):
        title = version.submission.requirement.title
        if version.link:
            evidence.append(Evidence(name=title, url=version.link))
        for artifact in version.artifacts.exclude(link="").order_by("position", "id"):
            evidence.append(
                Evidence(name=f"{title}: {artifact.title}", url=artifact.link)
            )
    return evidence


def shared_evidence_versions() -> QuerySet[SubmissionVersion]:
    """Every version that is evidence of an award its learner chose to share:
    reviewed Met, in the unit of an award with ``share_evidence`` (the versions
    ``award_evidence`` reads). The retention policy never deletes their files."""
    shared = Award.objects.filter(
        learner_id=OuterRef("submission__enrollment__learner_id"),
        unit_id=OuterRef("submission__enrollment__offering__unit_id"),
        share_evidence=True,
    )
    return SubmissionVersion.objects.filter(
        Exists(shared), review__decision=Review.Decision.MET
    )


def award_linkedin_url(award: Award) -> str:
    """LinkedIn's "Add to profile" link for an issued award."""
    return linkedin_add_url(
        name=award.credential_name,
        organisation=award.snapshot.get("issuer", ""),
        issued_on=dt.date.fromisoformat(award.snapshot["earned_on"]),
        credential_id=award.verification_code,
        url=award.verification_url,
    )


def award_get_for_learner(*, user, award_uuid) -> Award:
    """The learner's own award (what only its learner may change), else 404."""
    award = award_get_for_owner(user=user, award_uuid=award_uuid)
    if award.learner_id != user.pk:
        raise Http404
    return award


def award_get_for_owner(*, user, award_uuid) -> Award:
    """An award for its learner (or a portal admin); anyone else gets 404."""
    award = get_object_or_404(
        Award.objects.select_related("unit__provider", "program__provider", "learner")
        .exclude(status=Award.Status.SUPERSEDED)
        .prefetch_related("documents"),
        uuid=award_uuid,
    )
    if award.learner_id != user.pk and not is_portal_admin(user):
        raise Http404
    return award


def award_credential(*, award: Award, issuer: Issuer) -> dict:
    """The unsigned credential of an issued award."""
    if award.issued_at is None:
        raise ValueError("Only an issued award has a credential.")
    return credential_build(
        snapshot=award.snapshot,
        ids=CredentialIds(
            credential=f"urn:uuid:{award.uuid}",
            achievement=achievement_url(award),
        ),
        issuer=issuer,
        email=award.learner.email,
        salt=award.uuid.hex[:16],
        issued_at=award.issued_at,
        status=award_status_entry(award),
        evidence=award_evidence(award) if award.share_evidence else [],
    )


def _state(award: Award, *, today: dt.date) -> dict:
    status: dict[str, str | None] = {}
    if award.status == Award.Status.REVOKED:
        status |= {
            "status": "revoked",
            "revokedAt": (
                clock.local_moment(
                    award.revoked_at, snapshot_zone(award.snapshot)
                ).isoformat()
                if award.revoked_at
                else None
            ),
            "revocationReason": award.revoke_reason,
        }
    elif award.status == Award.Status.SUPERSEDED:
        replacement = getattr(award, "replaced_by", None)
        status |= {"status": "superseded"}
        if replacement is not None:
            status["replacedBy"] = f"urn:uuid:{replacement.uuid}"
    elif award_is_expired(award, today=today):
        # Not revoked: past the ``validUntil`` the credential states.
        status["status"] = "expired"
    else:
        status["status"] = "active"
    return status


def award_verification_document(*, award: Award, today: dt.date) -> dict:
    """What ``/verify/<code>/`` answers a client asking for JSON: the award's
    credential, its ``credentialStatus`` (the bit in the published list) with the
    award's current state on ``today`` added (a revocation or an expiry shows
    there), or the state alone for an award revoked before it was ever issued."""
    if award.issued_at is None:
        unissued = {"id": award.verification_url, "type": STATUS_TYPE}
        return {"credentialStatus": unissued | _state(award, today=today)}
    credential = award_credential(award=award, issuer=issuer_for(award_provider(award)))
    status = credential["credentialStatus"] | _state(award, today=today)
    return credential | {"credentialStatus": status}
