"""When a requirement is due: pure date arithmetic, no database and no clock.

The rule comes from ``Requirement.deadline`` and its fields; the dates from the
offering. Deadlines are whole days: work is due by the end of the returned day.
The reviews app reuses ``requirement_deadline_on`` to enforce what the dashboard shows.
"""

import calendar
import datetime as dt

from programs.models import Requirement

Deadline = Requirement.Deadline


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter.

    Nov 8 + 6 months is May 8; Aug 31 + 6 months is the last day of February.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


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

    An extension (an admin's recorded exception) replaces the computed deadline.
    "Before the first session" is due the day before the first session (or, with no
    sessions, before the offering starts), since sessions may meet at any hour.
    An offering without dates (open enrollment) has no relative deadline.
    """
    if extension is not None:
        return extension
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
    requirement,
    offering,
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
