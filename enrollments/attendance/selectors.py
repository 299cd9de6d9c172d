"""Reads for attendance registers and check-in confirmations."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from programs.models import Offering, Session

from ..models import Attendance, Enrollment


@dataclass(frozen=True)
class Register:
    """An offering's sessions, who takes part, and who was present at each session."""

    sessions: list[Session]
    enrollments: list[Enrollment]
    present: dict[int, list[int]]  # session id -> enrollment ids


def attendance_register(*, offering: Offering) -> Register:
    """The register of ``offering`` (already checked for the facilitator); 3 queries."""
    enrollments = list(
        offering.enrollments.filter(status__in=Enrollment.TAKING_PART)
        .select_related("learner")
        .order_by("learner__legal_name", "learner__email")
    )
    present: dict[int, list[int]] = {}
    for session_id, enrollment_id in Attendance.objects.filter(
        session__offering=offering
    ).values_list("session_id", "enrollment_id"):
        present.setdefault(session_id, []).append(enrollment_id)
    return Register(list(offering.sessions.all()), enrollments, present)


def attendance_get_for_learner(*, user, session_pk: int) -> Attendance:
    """The user's own attendance at a session, or 404."""
    return get_object_or_404(
        Attendance.objects.select_related("session__offering__unit"),
        session_id=session_pk,
        enrollment__learner=user,
    )
