"""When a requirement is due: pure date arithmetic, no database and no clock.

The rule comes from ``Requirement.deadline`` and its fields; the dates from the
offering. Deadlines are whole days: work is due by the end of the returned day.
``enrollment_due_date`` is the one place a learner's deadline is computed (first
session and latest extension included): the dashboard, the reviews app and the
extensions service all call it, so they agree on every date.
"""

import datetime as dt
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]

from core import clock
from programs.models import Offering, Requirement
from programs.zones import offering_zone

from .models import Extension

Deadline = Requirement.Deadline


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter.

    Nov 8 + 6 months is May 8; Aug 31 + 6 months is the last day of February.
    """
    moved: dt.date = day + relativedelta(months=months)
    return moved


def requirement_deadline(
    *,
    rule: str,
    fixed_date: dt.date | None = None,
    months_after_end: int | None = None,
    days_after_end: int | None = None,
    offering_start: dt.date | None = None,
    offering_end: dt.date | None = None,
    first_session: dt.date | None = None,
    extension: dt.date | None = None,
) -> dt.date | None:
    """The last day to meet a requirement, or None when nothing dates it.

    A requirement with no deadline of its own is due when its offering ends: a
    run's end is the last day for everything not done in it. An offering without
    dates (open enrollment) gives it none.
    An extension (an admin's recorded exception) replaces the computed deadline.
    "Before the first session" is due the day before the first session (or, with no
    sessions, before the offering starts), since sessions may meet at any hour.
    An offering without dates (open enrollment) has no relative deadline.
    """
    if extension is not None:
        return extension
    if rule == Deadline.NONE:
        return offering_end
    if rule == Deadline.FIXED:
        return fixed_date
    if rule == Deadline.AFTER_OFFERING_END:
        if offering_end is None:
            return None
        due = add_months(offering_end, months_after_end or 0)
        return due + dt.timedelta(days=days_after_end or 0)
    if rule == Deadline.BEFORE_FIRST_SESSION:
        start = first_session or offering_start
        return start - dt.timedelta(days=1) if start else None
    return None


def days_left(deadline: dt.date, *, today: dt.date) -> int:
    """Whole days from ``today`` to ``deadline``: 0 on the day, negative when late."""
    return (deadline - today).days


def requirement_deadline_on(
    *,
    requirement: Requirement,
    offering: Offering,
    first_session: dt.date | None,
    extension: dt.date | None = None,
) -> dt.date | None:
    """The requirement's last day in this offering; an extension replaces it.

    Maps the catalogue rows (a ``Requirement`` and an ``Offering``, read only by
    attribute) onto ``requirement_deadline``, so that the dashboard, the reviews app
    and the extensions service agree on every date.
    """
    return requirement_deadline(
        rule=requirement.deadline,
        fixed_date=requirement.deadline_date,
        months_after_end=requirement.deadline_months_after_end,
        days_after_end=requirement.deadline_days_after_end,
        offering_start=offering.start_date,
        offering_end=offering.end_date,
        first_session=first_session,
        extension=extension,
    )


def enrollment_due_date(
    *,
    requirement: Requirement,
    offering: Offering,
    session_starts: Iterable[dt.datetime],
    extensions: Iterable[Extension],
) -> dt.date | None:
    """One learner's last day for a requirement: the one place that combines the
    rule, the offering's first session and the learner's latest extension.

    ``session_starts``: the offering's session start times (aware, any order; the
    first one's day is a day of the offering's provider's zone);
    ``extensions``: the learner's extension rows (read by attribute:
    ``requirement_id``, ``new_deadline``, ``granted_at``, ``pk``), any order and
    any requirement; the latest granted one for this requirement wins.
    """
    first = min(session_starts, default=None)
    zone = offering_zone(offering)
    own = [e for e in extensions if e.requirement_id == requirement.pk]
    latest = max(own, key=lambda e: (e.granted_at, e.pk), default=None)
    return requirement_deadline_on(
        requirement=requirement,
        offering=offering,
        first_session=clock.local_day(first, zone) if first else None,
        extension=latest.new_deadline if latest else None,
    )
