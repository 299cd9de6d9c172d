"""Dates of the demo offerings: the academic year that contains ``today``.

Pure functions over dates so tests can pin the clock.
"""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    label: str
    start: dt.date
    end: dt.date
    enrollment_opens: dt.date
    enrollment_closes: dt.date


def academic_year_start(today: dt.date) -> int:
    """The year in which the academic year containing ``today`` began (in July)."""
    return today.year if today.month >= 7 else today.year - 1


def first_monday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def term_runs(today: dt.date, *, weeks: int, fall_month: int, spring_month: int):
    """A fall and a spring run of ``weeks`` weeks in the current academic year."""
    year = academic_year_start(today)
    runs = []
    for season, start in (
        ("Fall", first_monday(year, fall_month)),
        ("Spring", first_monday(year + 1, spring_month)),
    ):
        runs.append(
            Run(
                label=f"{season} {start.year}",
                start=start,
                end=start + dt.timedelta(weeks=weeks, days=-1),
                enrollment_opens=start - dt.timedelta(days=120),
                enrollment_closes=start - dt.timedelta(days=1),
            )
        )
    return runs
