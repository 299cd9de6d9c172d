"""The subscriptions of certificates: a learner's progress changed; an award was
written (what the shared cache keeps from it is bumped)."""

import datetime as dt

from core import clock

from . import verify_page
from .models import Award
from .selectors.listing import awards_written
from .services.evaluation_requests import progress_evaluation_request


def on_progress_changed(
    sender, *, learner_id: int, unit_id: int, now: dt.datetime | None = None, **kwargs
) -> None:
    """Record, inside the sender's transaction, that the progress is to be
    evaluated (the outbox); the worker evaluates it after commit. The change and
    the request commit or roll back together, and no evaluation can undo the change.

    ``now`` is the moment the progress changed, when the sender knows it: a
    service called for a past moment (the demo's history) earns on that day, the
    unit's provider's local day of that moment.
    """
    progress_evaluation_request(
        learner_id=learner_id, unit_id=unit_id, changed_at=now or clock.now()
    )


def on_award_written(sender, *, instance: Award, **kwargs) -> None:
    """Once the write commits, the shared verification pages of this award and
    of the award it replaces, and the kept counts of the admins' list, are never
    served again: whoever wrote it (a service, the admin, the worker)."""
    verify_page.award_written(instance)
    awards_written()
