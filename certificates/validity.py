"""How long an award is valid: pure, the dates passed in.

A credential valid for N months is valid from the day it is earned through the
day before the same date N months later (the anniversary is its first day no
longer valid): 24 months from 2027-03-01 is valid until 2029-02-28. A date the
later month lacks is clamped to its last day first (relativedelta: one month
from January 31 is February 28, so it is valid until February 27).
``Award.expires_on`` stores that last valid day; None: it never expires.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta


def valid_until(*, earned_on: dt.date, valid_for_months: int | None) -> dt.date | None:
    """The last day an award earned on ``earned_on`` is valid; None: never expires."""
    if not valid_for_months:
        return None
    return earned_on + relativedelta(months=valid_for_months) - dt.timedelta(days=1)


def is_expired(*, expires_on: dt.date | None, today: dt.date) -> bool:
    """Expired from the day after its last valid day."""
    return expires_on is not None and today > expires_on


def days_left(*, expires_on: dt.date, today: dt.date) -> int:
    """Days from today to the last valid day (0 on that day, negative once expired)."""
    return (expires_on - today).days
