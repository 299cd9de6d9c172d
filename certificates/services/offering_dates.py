"""After an admin saves an offering's new dates: audit, then re-evaluate its
learners (an award may have become due) once the change commits."""

import datetime as dt

from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_event_record
from enrollments.models import Enrollment
from programs.models import Offering

from ..enqueue import offering_evaluate_on_commit
from ..selectors.offering_dates import OfferingDatesPreview
from .evaluation import progress_evaluate


@transaction.atomic
def offering_dates_apply(
    *, actor, offering: Offering, preview: OfferingDatesPreview
) -> None:
    """Record the saved change of dates and enqueue, after commit, the evaluation
    of every learner of the run. Call in the transaction that saved ``offering``."""
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.OFFERING_DATES_CHANGED,
        target=offering,
        summary=f"{offering}: dates changed "
        + ", ".join(
            f"{name} {before} -> {after}" for name, before, after in preview.changes
        ),
        before={name: before for name, before, _ in preview.changes},
        after={
            "dates": {name: after for name, _, after in preview.changes},
            "becoming_due": [learner.pk for learner in preview.becoming_due],
            "deadlines_moved": [move.requirement for move in preview.deadlines],
        },
    )
    offering_evaluate_on_commit(offering.pk)


def offering_learners_evaluate(
    *, offering_id: int, today: dt.date | None = None
) -> dict[str, int]:
    """Evaluate each learner of the run (not withdrawn) through the usual
    ``progress_evaluate``, each in its own transaction, on the provider's day
    unless ``today`` is given; return how many awards were requested."""
    offering = Offering.objects.get(pk=offering_id)
    learner_ids = (
        Enrollment.objects.filter(offering=offering)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .order_by("learner_id")
        .values_list("learner_id", flat=True)
    )
    requested = 0
    for learner_id in learner_ids:
        requested += len(
            progress_evaluate(
                learner_id=learner_id, unit_id=offering.unit_id, today=today
            )
        )
    return {"requested": requested}
