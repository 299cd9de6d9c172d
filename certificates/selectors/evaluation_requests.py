"""The outbox of progress evaluations, read: what an admin should look at."""

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet

from ..models import ProgressEvaluationRequest


def stuck_since(now: dt.datetime) -> dt.datetime:
    """A request older than two progress sweeps was missed by its task and by a
    sweep: its worker or broker is down."""
    return now - dt.timedelta(seconds=2 * settings.PROGRESS_SWEEP_SECONDS)


def evaluation_requests_stuck(*, now: dt.datetime) -> QuerySet:
    """Requests whose evaluation failed (the sweep tries them again) or that have
    waited longer than two sweeps."""
    return ProgressEvaluationRequest.objects.filter(
        Q(attempts__gt=0) | Q(created_at__lt=stuck_since(now))
    )
