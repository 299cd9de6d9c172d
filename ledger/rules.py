"""The ledger's rules as pure functions over plain data, the day passed in.

A renewal window ends on the certificate's expiry and starts the day after the
same date ``years`` earlier (a 5-year window of a certificate expiring June 30,
2029 runs from July 1, 2024). Reminders go 12, 6 and 3 months before the expiry,
each at most once, and only the latest one due: a certificate recorded 5 months
before its expiry gets the 6-month reminder, never a late 12-month one.
"""

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]

REMINDER_MONTHS = (12, 6, 3)
CENTS = Decimal("0.01")


def renewal_window(*, expires_on: dt.date, years: int) -> tuple[dt.date, dt.date]:
    """The first and last day on which earned credits count (both included)."""
    return expires_on - relativedelta(years=years) + dt.timedelta(days=1), expires_on


def in_window(day: dt.date, window: tuple[dt.date, dt.date]) -> bool:
    return window[0] <= day <= window[1]


def renewal_credits(amount: Decimal, per_credit: Decimal | None) -> Decimal | None:
    """``amount`` of a unit in renewal credits, rounded down to the cent (a
    learner is never told they hold more than they do); None: it does not count."""
    if per_credit is None:
        return None
    return (amount / per_credit).quantize(CENTS, rounding=ROUND_DOWN)


def reminder_due(*, expires_on: dt.date, today: dt.date) -> int | None:
    """The months-before of the reminder due today (the latest one whose day
    has come), or None: more than 12 months left, or already expired."""
    if today > expires_on:
        return None
    due = [
        months
        for months in REMINDER_MONTHS
        if today >= expires_on - relativedelta(months=months)
    ]
    return min(due) if due else None
