"""Marking an enrollment completed when its unit is awarded (called by certificates)."""

import datetime as dt

from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_event_record

from ..models import Enrollment


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
    )
    return enrollment
