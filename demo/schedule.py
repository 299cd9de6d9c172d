"""Dates of the demo offerings: runs placed around the day the demo is loaded.

Every unit has a run that ended (last term), one under way (it started two weeks
before the load day) and the next one (its enrollment is open on the load day), so
that whatever the day, the demo shows work in progress, finished work and a run to
join. Pure functions over dates so tests can pin the clock.
"""

import datetime as dt
from dataclasses import dataclass

# Longer than any season below: consecutive runs never share a label.
RUN_SPACING = dt.timedelta(weeks=27)
UNDER_WAY_FOR = dt.timedelta(weeks=2)
ENROLLMENT_OPENS_BEFORE = dt.timedelta(weeks=30)


@dataclass(frozen=True)
class Run:
    label: str
    start: dt.date
    end: dt.date
    enrollment_opens: dt.date
    enrollment_closes: dt.date


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def season_label(day: dt.date) -> str:
    """ "Spring 2027" (January to May), "Summer 2027" (June to August) or "Fall"."""
    season = "Spring" if day.month <= 5 else "Summer" if day.month <= 8 else "Fall"
    return f"{season} {day.year}"


def term_runs(today: dt.date, *, weeks: int) -> list[Run]:
    """The previous, current and next run of ``weeks`` weeks (at least three).

    The current run started on the Monday two weeks before ``today``'s week, so it
    is under way on ``today``; the previous one ended months before; the next one
    starts in about six months and takes enrollments on ``today``.
    """
    current = monday_of(today) - UNDER_WAY_FOR
    return [
        Run(
            label=season_label(start),
            start=start,
            end=start + dt.timedelta(weeks=weeks, days=-1),
            enrollment_opens=start - ENROLLMENT_OPENS_BEFORE,
            enrollment_closes=start - dt.timedelta(days=1),
        )
        for start in (current - RUN_SPACING, current, current + RUN_SPACING)
    ]
