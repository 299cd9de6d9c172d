"""When a learner may submit work to an offering: a pure rule, the dates passed in."""

import datetime as dt


def submissions_open_on(
    *,
    offering_start: dt.date | None,
    days_before_start: int,
    due_before_start: bool,
) -> dt.date | None:
    """The first day a learner may submit work to an offering, or None (any day).

    Work opens on the start date, or ``days_before_start`` earlier when the offering
    says so. Work due before the first session (a pre-assessment) is open from
    enrollment, and an offering without dates (open enrollment) is always open.
    """
    if offering_start is None or due_before_start:
        return None
    return offering_start - dt.timedelta(days=days_before_start)
