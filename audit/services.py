"""Writing the audit trail: call inside the transaction of the change it records."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from core import clock

from .models import AuditEvent


def audit_event_record(
    *,
    actor,
    action: str,
    target: models.Model,
    summary: str,
    learner=None,
    before: dict | None = None,
    after: dict | None = None,
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event about ``target``; fails loudly outside a transaction.

    Requiring an open transaction keeps the promise that an event and its change
    commit or roll back together. ``at`` is when the change happened (now by
    default; a change recorded for a past day, such as the demo's history, keeps
    its day).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "audit_event_record must run inside the change's transaction"
        )
    event = AuditEvent(
        actor=actor,
        action=action,
        learner=learner,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        summary=str(summary)[:300],
        before=before,
        after=after,
        created_at=at or clock.now(),
    )
    # The related rows are the saved objects passed in (the database's foreign
    # keys refuse any other): validating them would read each one back.
    event.full_clean(exclude=["actor", "learner", "target_type"])
    event.save()
    return event
