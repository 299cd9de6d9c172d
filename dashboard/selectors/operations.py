"""An admin's home: the portal's operations at a glance, each figure read
through its owning app's selectors in one query."""

import datetime as dt

from django.db.models import Count, Min
from django.utils import timezone

from certificates.selectors.awards import awards_needing_attention
from certificates.selectors.evaluation_requests import evaluation_requests_stuck
from core import clock
from enrollments import selectors as enrollment_selectors
from enrollments.jobs.selectors import bulk_jobs_needing_attention
from enrollments.selectors import invoices as invoice_selectors
from reviews import selectors as review_selectors

from .facilitator import days_waited

FAILED_JOBS_SHOWN_FOR = dt.timedelta(days=30)


def _week_start(now: dt.datetime) -> dt.datetime:
    """The start of the portal's local day six days ago: "this week" is the
    last seven days, today included."""
    first_day = clock.local_day(now) - dt.timedelta(days=6)
    return timezone.make_aware(dt.datetime.combine(first_day, dt.time.min))


def operations_context(*, now: dt.datetime) -> dict:
    """Work waiting for review and the oldest wait, awards that need an admin,
    progress evaluations failed or late, unpaid invoices and their totals, bulk
    jobs running or failed, enrollments this week. Six queries, whatever the
    portal's size.

    For an admin only: the waiting work is every offering's (an admin's queue),
    read without listing the offerings first."""
    waiting = review_selectors.waiting_for_review().aggregate(
        count=Count("pk"), oldest=Min("submitted_at")
    )
    oldest = waiting["oldest"]
    return {
        "waiting_count": waiting["count"],
        "oldest_waiting": oldest,
        "oldest_days": days_waited(oldest, now) if oldest else None,
        "awards": awards_needing_attention(),
        "evaluations_stuck": evaluation_requests_stuck(now=now).count(),
        "unpaid": invoice_selectors.unpaid_invoice_totals(),
        "jobs": bulk_jobs_needing_attention(failed_since=now - FAILED_JOBS_SHOWN_FOR),
        "enrollments_this_week": enrollment_selectors.enrollments_created_since(
            moment=_week_start(now)
        ),
    }
