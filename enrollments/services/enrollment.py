"""Writes of individual enrollments: enrolling, and completing when awarded."""

import datetime as dt

from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock
from programs.models import Offering
from programs.zones import offering_today

from .. import messages
from ..messages import EnrollmentRefused
from ..models import Enrollment, PastCompletion
from ..selectors.holdings import unit_holding
from ..selectors.windows import HOLDS_A_PLACE, offering_availability

__all__ = [
    "HOLDS_A_PLACE",
    "enrollment_complete",
    "enrollment_create",
    "offering_refusal",
]


def _completed_unit_ids(learner) -> set[int]:
    done = set(
        Enrollment.objects.filter(
            learner=learner, status=Enrollment.Status.COMPLETED
        ).values_list("offering__unit_id", flat=True)
    )
    return done | set(
        PastCompletion.objects.filter(learner=learner).values_list("unit_id", flat=True)
    )


def _check_learner(learner, offering: Offering) -> None:
    unit = offering.unit
    if Enrollment.objects.filter(learner=learner, offering=offering).exists():
        raise EnrollmentRefused(messages.DUPLICATE % {"offering": offering})
    current = (
        Enrollment.objects.filter(
            learner=learner,
            offering__unit=unit,
            status=Enrollment.Status.ACTIVE,
        )
        .select_related("offering")
        .first()
    )
    if current:
        raise EnrollmentRefused(
            messages.ALREADY_IN_UNIT
            % {"unit": unit.title, "offering": current.offering.label}
        )
    holding = unit_holding(learner=learner, unit=unit)
    if holding and holding.refusal:
        raise EnrollmentRefused(holding.refusal)
    completed = _completed_unit_ids(learner)
    for prerequisite in unit.prerequisites.all():
        if prerequisite.pk not in completed:
            raise EnrollmentRefused(
                messages.MISSING_PREREQUISITE
                % {"unit": unit.title, "prerequisite": prerequisite.title}
            )


def _check_track(offering: Offering, track: str) -> None:
    if offering.unit.has_tracks and not track:
        raise EnrollmentRefused(messages.TRACK_REQUIRED % {"unit": offering.unit.title})
    if track and not offering.unit.has_tracks:
        raise EnrollmentRefused(
            messages.TRACK_NOT_OFFERED % {"unit": offering.unit.title}
        )


def offering_refusal(
    *, offering: Offering, today: dt.date | None = None, seats: int = 1
) -> str | None:
    """Why ``seats`` more people cannot enroll in ``offering`` today (the
    provider's day unless given), or None."""
    return offering_availability(offering=offering, today=today, seats=seats).refusal


@transaction.atomic
def enrollment_create(
    *,
    learner,
    offering: Offering,
    track: str = "",
    group_order=None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Enrollment:
    """Enroll ``learner`` in ``offering`` or raise ``EnrollmentRefused`` with a message.

    The offering row is locked so that two people cannot take the last place at once.
    ``now`` is the moment of enrolling (the clock's by default); the window is
    judged on the provider's day at ``now`` (``offering_today``), or on ``today``
    when given alone.
    """
    now = now or clock.now()
    offering = (
        Offering.objects.select_for_update(of=("self", "unit"))
        .select_related("unit__provider")
        .get(pk=offering.pk)
    )
    today = today or offering_today(offering, now)
    refusal = offering_refusal(offering=offering, today=today)
    if refusal:
        raise EnrollmentRefused(refusal)
    _check_learner(learner, offering)
    _check_track(offering, track)
    enrollment = Enrollment(
        learner=learner,
        offering=offering,
        track=track,
        group_order=group_order,
        created_at=now,
    )
    enrollment.full_clean()
    enrollment.save()
    return enrollment


@transaction.atomic
def enrollment_complete(
    *,
    learner_id: int,
    unit_id: int,
    completed_at: dt.datetime,
    actor=None,
    reason: str,
) -> Enrollment | None:
    """Mark the learner's active enrollment in the unit completed, and audit it.

    ``actor`` is None when the system completes it (a unit awarded by the
    completion rules); ``reason`` says why, in the audit row. Returns None when
    there is no active enrollment (a unit completed before it was tracked here,
    say); an enrollment already completed is left as it is.
    """
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .filter(
            learner_id=learner_id,
            offering__unit_id=unit_id,
            status=Enrollment.Status.ACTIVE,
        )
        .order_by("-created_at")
        .first()
    )
    if enrollment is None:
        return None
    enrollment.status = Enrollment.Status.COMPLETED
    enrollment.completed_at = completed_at
    enrollment.full_clean()
    enrollment.save(update_fields=["status", "completed_at"])
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.ENROLLMENT_COMPLETED,
        target=enrollment,
        learner=enrollment.learner,
        summary=f"{enrollment}: completed ({reason})",
        before={"status": Enrollment.Status.ACTIVE},
        after={"status": enrollment.status, "completed_at": completed_at},
        at=completed_at,
    )
    return enrollment
