"""An admin evaluates one learner now, from their progress page ("Evaluate now")."""

import datetime as dt

from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_event_record

from ..models import Award
from ..selectors.progress import learner_unit_ids
from .evaluation import progress_evaluate


@transaction.atomic
def learner_evaluate_now(
    *, actor, learner, today: dt.date | None = None
) -> list[Award]:
    """Evaluate every unit the learner is enrolled in or completed before (and the
    programs they count toward) and request each award due today (each unit's
    provider's day unless given); audited.

    The evaluation is the sweep's own (``progress_evaluate``): nothing is awarded
    before the last day of its run. The requested awards are issued after commit
    (in-process without a broker, else by the worker).
    """
    awarded: list[Award] = []
    for unit_id in learner_unit_ids(learner_id=learner.pk):
        awarded += progress_evaluate(
            learner_id=learner.pk, unit_id=unit_id, today=today
        )
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.PROGRESS_EVALUATED,
        target=learner,
        learner=learner,
        summary=f"{learner}: evaluated now, {len(awarded)} award(s) requested",
        after={"awards": [str(award) for award in awarded]},
    )
    return awarded
