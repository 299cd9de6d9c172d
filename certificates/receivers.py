"""The one subscription of certificates: a learner's progress changed."""

import datetime as dt

from core import clock

from .services.evaluation import progress_evaluate


def on_progress_changed(
    sender, *, learner_id: int, unit_id: int, now: dt.datetime | None = None, **kwargs
) -> None:
    """Evaluate inside the sender's transaction: the pending awards it writes
    commit or roll back with the progress that earned them.

    ``now`` is the moment the progress changed, when the sender knows it: a
    service called for a past moment (the demo's history) earns on that day, the
    unit's provider's local day of that moment.
    """
    progress_evaluate(learner_id=learner_id, unit_id=unit_id, now=now or clock.now())
