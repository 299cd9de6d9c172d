"""The outbox of progress evaluations: a change records that a learner's progress
in a unit is to be evaluated, in its own transaction; the worker evaluates it
after commit (``evaluation.progress_request_evaluate``), and the progress sweep
finishes whatever is left.

A facilitator's review therefore never waits for the completion rules and is never
undone by them: an evaluation that raises leaves the review saved and its request
in place (with the failure counted) for the next attempt.
"""

import datetime as dt

from core import clock

from ..enqueue import progress_evaluate_on_commit
from ..models import ProgressEvaluationRequest


def progress_evaluation_request(
    *, learner_id: int, unit_id: int, changed_at: dt.datetime
) -> None:
    """Record, in the caller's transaction, that the learner's progress in the unit
    changed at ``changed_at``, and evaluate it once that transaction commits.

    Each change is a row of its own, inserted without a conflict: a change never
    waits for an evaluation under way (which holds the rows it read), and is
    evaluated by the task its commit sends, or by the sweep. Rows waiting together
    are evaluated once, at the latest of their moments (never on a day before the
    change that completed the unit).
    """
    ProgressEvaluationRequest.objects.create(
        learner_id=learner_id,
        unit_id=unit_id,
        changed_at=changed_at,
        created_at=clock.now(),
    )
    progress_evaluate_on_commit(learner_id, unit_id)
