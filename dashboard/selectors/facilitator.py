"""A facilitator's home: what needs them now, across every offering they run."""

import datetime as dt
from dataclasses import dataclass

from core import clock
from enrollments.selectors import holds_enrollment
from programs.models import Offering, Session
from programs.zones import offering_zone
from reviews import selectors as review_selectors
from reviews.models import SubmissionVersion

# Waiting submissions listed on the home; the review queue holds the rest.
WAITING_SHOWN = 15
WEEK = dt.timedelta(days=6)  # today and the six days after it


@dataclass(frozen=True)
class Waiting:
    """A submission waiting for review and how long it has waited."""

    version: SubmissionVersion
    days: int  # whole days since it was submitted


@dataclass(frozen=True)
class SessionToRun:
    """A session today or this week, or a past one whose register is still open."""

    session: Session
    offering: Offering
    register_to_fill: bool  # past, nothing recorded, register still open


def days_waited(since: dt.datetime | None, now: dt.datetime) -> int:
    """Whole days from ``since`` to ``now``; 0 for a moment still to come (a
    clock a little ahead elsewhere) or none."""
    return max(0, (now - since).days) if since else 0


def _sessions_to_run(work, now: dt.datetime) -> list[SessionToRun]:
    rows = []
    for row in work:
        zone = offering_zone(row.offering)
        today = clock.local_day(now, zone)
        to_fill = {session.pk for session in row.attendance_to_take}
        for session in row.sessions:
            day = clock.local_day(session.starts_at, zone)
            if session.pk in to_fill or (
                session.starts_at >= now and day <= today + WEEK
            ):
                rows.append(SessionToRun(session, row.offering, session.pk in to_fill))
    return sorted(rows, key=lambda row: (row.session.starts_at, row.session.pk))


def facilitator_context(*, user, now: dt.datetime) -> dict:
    """Waiting submissions across every offering (oldest first, with their age),
    sessions this week and registers still to fill, then the offerings: running
    ones, and upcoming and ended ones apart, to be folded away; whether they are
    enrolled somewhere themselves (a link to their own learning). Five queries
    however many offerings and submissions."""
    work = review_selectors.offerings_to_run(user=user, now=now)
    versions = review_selectors.oldest_waiting(
        offering_ids=[row.offering.pk for row in work], shown=WAITING_SHOWN
    )
    return {
        "waiting": [Waiting(v, days_waited(v.submitted_at, now)) for v in versions],
        "waiting_total": sum(row.waiting for row in work),
        "sessions_to_run": _sessions_to_run(work, now),
        "running": [row for row in work if not row.ended and not row.upcoming],
        "upcoming": [row for row in work if row.upcoming],
        "ended": [row for row in work if row.ended],
        "learns_here": holds_enrollment(user=user),
    }
