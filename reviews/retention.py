"""When a provider's retention policy deletes a run's uploaded files: pure dates.

A run's files are deleted ``Provider.artifact_retention_months`` after the run's
end date (the offering's). A provider without a policy keeps files; a run without
an end date (open enrollment) has no day to count from and keeps them too.
"""

import datetime as dt

from enrollments.deadlines import add_months

# The learner is emailed this many days before their files are deleted.
NOTICE_DAYS_BEFORE = 30
# The dashboard lists the deletions coming within this many days.
WARNING_DAYS_BEFORE = 90


def files_deleted_on(*, run_ends: dt.date | None, months: int | None) -> dt.date | None:
    """The day the run's files are deleted, or None when they are kept."""
    if run_ends is None or months is None:
        return None
    return add_months(run_ends, months)


def notice_due(*, deletion_day: dt.date, today: dt.date) -> bool:
    """The email goes out from ``NOTICE_DAYS_BEFORE`` days before the deletion
    until the day before it (a sweep that missed a day still sends it)."""
    return 0 < (deletion_day - today).days <= NOTICE_DAYS_BEFORE


def warning_due(*, deletion_day: dt.date, today: dt.date) -> bool:
    return 0 <= (deletion_day - today).days <= WARNING_DAYS_BEFORE
