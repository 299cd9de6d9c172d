"""The subscriptions of certificates: a learner's progress changed; an award was
written (what the shared cache keeps from it is renewed)."""

import datetime as dt

from django.db import transaction

from core import clock, derived

from . import verify_page
from .models import Award
from .selectors.listing import awards_counts_forget
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


def on_award_written(sender, *, instance: Award, **kwargs) -> None:
    """Once the write commits, the shared verification pages of this award and
    of the award it replaces (whose page links it while it is issued), and the
    kept counts of the admins' list, are never served again: whoever wrote it (a
    service, the admin, the worker)."""
    code, replaces_id = instance.verification_code, instance.replaces_id

    def forget() -> None:
        codes = [code]
        if replaces_id is not None:
            codes += Award.objects.filter(pk=replaces_id).values_list(
                "verification_code", flat=True
            )
        verify_page.forget(codes)
        awards_counts_forget()

    if derived.shared():
        transaction.on_commit(forget, robust=True)
