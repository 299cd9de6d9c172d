"""After an admin saves a previewed change to a completion rule: a change, an
addition or a deletion."""

import datetime as dt

from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_event_record
from programs.models import CompletionRule, Unit

from ..models import Award
from ..selectors.rule_changes import RuleChangePreview
from .evaluation import progress_evaluate


@transaction.atomic
def rule_change_apply(
    *,
    actor,
    rule: CompletionRule,
    preview: RuleChangePreview,
    today: dt.date,
    change: str = "changed",
) -> list[Award]:
    """Record the saved change and evaluate, now, the learners it lets qualify.

    ``change`` is "changed", "added" or "deleted" (then ``rule`` is the one
    deleted, its id kept as the event's target). Call in the transaction that
    saved or deleted ``rule``. The evaluation is the usual one
    (``progress_evaluate``): an award is requested only if it is earned today (a
    run not ended yet waits for the progress sweep). Learners who no longer qualify
    keep every award they hold: nothing is revoked.
    """
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.COMPLETION_RULE_CHANGED,
        target=rule,
        summary=f"{preview.credential}: rule {change}: "
        f"{preview.proposed or preview.current}",
        before={"rule": preview.current or None},
        after={
            "change": change,
            "rule": preview.proposed or None,
            "newly_qualifying": [learner.pk for learner in preview.newly_qualifying],
            "losing": [learner.pk for learner in preview.losing],
        },
    )
    owner = preview.credential
    unit = owner if isinstance(owner, Unit) else owner.units.order_by("pk").first()
    if unit is None:
        return []
    awarded = []
    for learner in preview.newly_qualifying:
        awarded += progress_evaluate(
            learner_id=learner.pk, unit_id=unit.pk, today=today
        )
    return awarded
