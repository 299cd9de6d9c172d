"""Writes of awards from the web side: request, revoke, re-issue, retry.

Rendering lives in ``issuance`` (worker only); here an award is written as pending
and its rendering is enqueued once the transaction commits.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from programs.models import CredentialProgram, Unit

from .. import messages
from ..enqueue import award_issue_on_commit
from ..models import Award, AwardEvent
from ..validity import valid_until
from .snapshot import award_snapshot
from .status_lists import status_list_changed


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def award_valid_until(
    *, unit: Unit | None, program: CredentialProgram | None, earned_on: dt.date
) -> dt.date | None:
    """The last day a new award of the unit or program earned on ``earned_on`` is
    valid, by the credential's validity now (frozen in the award); None: never."""
    owner = unit or program
    months = owner.valid_for_months if owner is not None else None
    return valid_until(earned_on=earned_on, valid_for_months=months)


def _lock_learner(learner_id: int) -> None:
    # One learner's evaluations and awards are serialised on their user row.
    get_user_model().objects.select_for_update().filter(pk=learner_id).first()


@transaction.atomic
def award_request(
    *,
    learner,
    unit: Unit | None = None,
    program: CredentialProgram | None = None,
    run_id: int | None = None,
    earned_on: dt.date,
    track: str = "",
    offering: str = "",
    ceus: Decimal | None = None,
    results: dict | None = None,
) -> tuple[Award, bool]:
    """The learner's award for ``unit`` or ``program``, written as pending if new.

    Idempotent: the learner's row is locked, an existing (not superseded) award is
    returned as it is, and the database allows one per learner and credential
    (per learner and run, ``run_id``, for a unit earned once per run).
    A new award's rendering is enqueued after commit, with its primary key only.
    """
    _lock_learner(learner.pk)
    existing = (
        Award.objects.exclude(status=Award.Status.SUPERSEDED)
        .filter(learner=learner, unit=unit, program=program, run_id=run_id)
        .first()
    )
    if existing:
        return existing, False
    expires_on = award_valid_until(unit=unit, program=program, earned_on=earned_on)
    award = Award(
        learner=learner,
        unit=unit,
        program=program,
        run_id=run_id,
        earned_on=earned_on,
        expires_on=expires_on,
        snapshot=award_snapshot(
            learner=learner,
            unit=unit,
            program=program,
            earned_on=earned_on,
            expires_on=expires_on,
            track=track,
            offering=offering,
            ceus=ceus,
            results=results,
        ),
    )
    award.full_clean()
    award.save()
    AwardEvent.objects.create(award=award, kind=AwardEvent.Kind.REQUESTED)
    award_issue_on_commit(award.pk)
    return award, True


@transaction.atomic
def award_revoke(*, award: Award, reason: str, actor, now: dt.datetime | None = None):
    """Revoke the award; its record and documents are kept and its public page
    says revoked, with the date and reason. Its bit in the provider's published
    list is set: the worker re-signs the list after commit."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.status not in {
        Award.Status.PENDING,
        Award.Status.ISSUED,
        Award.Status.FAILED,
    }:
        raise ValidationError(messages.REVOKE_NOT_ALLOWED)
    if not reason.strip():
        raise ValidationError(messages.REVOKE_REASON_REQUIRED)
    award.status = Award.Status.REVOKED
    award.revoked_at = now or timezone.now()
    award.revoke_reason = reason.strip()
    award.full_clean()
    award.save()
    AwardEvent.objects.create(
        award=award,
        kind=AwardEvent.Kind.REVOKED,
        actor=actor,
        detail={"reason": reason},
    )
    status_list_changed(award=award)
    return award


@transaction.atomic
def award_reissue(*, award: Award, actor) -> Award:
    """Replace an issued award with a new one from a fresh snapshot (a corrected
    name, say). The old award and its documents are kept as superseded; the new
    one keeps the date earned, the validity, the track and the results, with a
    new code. The old credential's bit is set in the published list (no longer
    to be accepted); the new one gets its own bit when it is issued."""
    _lock_learner(award.learner_id)
    old = Award.objects.select_for_update().get(pk=award.pk)
    if old.status != Award.Status.ISSUED:
        raise ValidationError(messages.REISSUE_NOT_ALLOWED)
    old.status = Award.Status.SUPERSEDED
    old.save(update_fields=["status"])
    new = Award(
        learner=old.learner,
        unit=old.unit,
        program=old.program,
        earned_on=old.earned_on,
        expires_on=old.expires_on,
        first_earned_on=old.first_earned_on,
        replaces=old,
        snapshot=award_snapshot(
            learner=old.learner,
            unit=old.unit,
            program=old.program,
            earned_on=old.earned_on,
            expires_on=old.expires_on,
            track=old.snapshot.get("track", ""),
            offering=old.snapshot.get("offering", ""),
            ceus=_decimal(old.snapshot.get("ceus")),
            results=old.snapshot.get("results"),
        ),
    )
    if old.snapshot.get("first_earned_on"):
        new.snapshot["first_earned_on"] = old.snapshot["first_earned_on"]
    new.full_clean()
    new.save()
    AwardEvent.objects.create(
        award=old, kind=AwardEvent.Kind.SUPERSEDED, actor=actor, detail={"by": new.pk}
    )
    AwardEvent.objects.create(award=new, kind=AwardEvent.Kind.REQUESTED, actor=actor)
    status_list_changed(award=old)
    award_issue_on_commit(new.pk)
    return new


@transaction.atomic
def award_retry(*, award: Award, actor) -> Award:
    """Put a failed award back to pending and enqueue its rendering again."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.status != Award.Status.FAILED:
        raise ValidationError(messages.RETRY_NOT_ALLOWED)
    award.status = Award.Status.PENDING
    award.attempts = 0
    award.save(update_fields=["status", "attempts"])
    AwardEvent.objects.create(award=award, kind=AwardEvent.Kind.REQUESTED, actor=actor)
    award_issue_on_commit(award.pk)
    return award
