"""Retake allowances: an admin lets a learner take again a unit they already hold."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.roles import is_portal_admin
from audit.models import AuditEvent
from audit.services import audit_event_record
from programs.models import Unit

from ..models import RetakeAllowance


@transaction.atomic
def retake_allowance_grant(
    *, granted_by, learner, unit: Unit, reason: str
) -> RetakeAllowance:
    """Record the allowance and its audit event; only a portal admin may."""
    if not is_portal_admin(granted_by):
        raise PermissionDenied
    allowance = RetakeAllowance(
        learner=learner, unit=unit, reason=reason.strip(), granted_by=granted_by
    )
    allowance.full_clean()
    allowance.save()
    audit_event_record(
        actor=granted_by,
        action=AuditEvent.Action.RETAKE_ALLOWED,
        target=allowance,
        learner=learner,
        summary=f"{learner} may take {unit} again",
        after={"unit": unit.pk, "reason": allowance.reason},
    )
    return allowance


@transaction.atomic
def retake_allowance_withdraw(*, withdrawn_by, allowance: RetakeAllowance) -> None:
    """Delete the allowance, keeping an audit event of what it said."""
    if not is_portal_admin(withdrawn_by):
        raise PermissionDenied
    audit_event_record(
        actor=withdrawn_by,
        action=AuditEvent.Action.RETAKE_WITHDRAWN,
        target=allowance,
        learner=allowance.learner,
        summary=f"{allowance.learner} may no longer take {allowance.unit} again",
        before={"unit": allowance.unit_id, "reason": allowance.reason},
    )
    allowance.delete()
