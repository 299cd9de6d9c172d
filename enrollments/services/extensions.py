"""Deadlines of one learner's requirement, and the extensions admins grant."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_portal_admin
from audit.models import AuditEvent
from audit.services import audit_event_record
from core.dates import format_date
from core.refusal import Refusal
from programs.models import Requirement

from ..deadlines import enrollment_due_date
from ..models import Enrollment, Extension
from ..signals import progress_changed

EXTENSION_NOT_IN_UNIT = _("%(requirement)s is not a requirement of %(unit)s.")
EXTENSION_NO_DEADLINE = _("%(requirement)s has no deadline to extend.")
EXTENSION_NOT_LATER = _("The new deadline must be after the current one, %(date)s.")
EXTENSION_REASON_REQUIRED = _("Give the reason for the extension; it is recorded.")


class ExtensionRefused(Refusal):
    """Extension refused; ``message`` says why."""


def deadline_for(*, enrollment: Enrollment, requirement: Requirement) -> dt.date | None:
    """The learner's deadline for one requirement, their latest extension included."""
    return enrollment_due_date(
        requirement=requirement,
        offering=enrollment.offering,
        session_starts=enrollment.offering.sessions.values_list("starts_at", flat=True),
        extensions=Extension.objects.filter(
            enrollment=enrollment, requirement=requirement
        ),
    )


@transaction.atomic
def extension_grant(
    *,
    granted_by,
    enrollment: Enrollment,
    requirement: Requirement,
    new_deadline: dt.date,
    reason: str,
) -> Extension:
    """Record an admin's exception to one learner's deadline, with an audit event."""
    if not is_portal_admin(granted_by):
        raise PermissionDenied
    enrollment = (
        Enrollment.objects.select_for_update()
        .select_related("offering__unit", "learner")
        .get(pk=enrollment.pk)
    )
    params = {"requirement": requirement.title, "unit": enrollment.offering.unit}
    if requirement.unit_id != enrollment.offering.unit_id:
        raise ExtensionRefused(EXTENSION_NOT_IN_UNIT % params)
    current = deadline_for(enrollment=enrollment, requirement=requirement)
    if current is None:
        raise ExtensionRefused(EXTENSION_NO_DEADLINE % params)
    if new_deadline <= current:
        raise ExtensionRefused(EXTENSION_NOT_LATER % {"date": format_date(current)})
    if not reason.strip():
        raise ExtensionRefused(EXTENSION_REASON_REQUIRED)
    extension = Extension(
        enrollment=enrollment,
        requirement=requirement,
        new_deadline=new_deadline,
        reason=reason.strip(),
        granted_by=granted_by,
    )
    extension.full_clean()
    extension.save()
    audit_event_record(
        actor=granted_by,
        action=AuditEvent.Action.EXTENSION_GRANTED,
        target=extension,
        learner=enrollment.learner,
        summary=f"{requirement} for {enrollment.learner}: until {new_deadline}",
        before={"deadline": current},
        after={"deadline": new_deadline, "reason": extension.reason},
    )
    progress_changed.send(
        sender=Extension,
        learner_id=enrollment.learner_id,
        unit_id=enrollment.offering.unit_id,
    )
    return extension
