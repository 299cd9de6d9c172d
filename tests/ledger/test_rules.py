"""The ledger's pure rules at their boundaries: the window, conversions and
which reminder is due."""

import datetime as dt
from decimal import Decimal

import pytest

from ledger import rules


@pytest.mark.parametrize(
    ("expires_on", "years", "start"),
    [
        (dt.date(2029, 6, 30), 5, dt.date(2024, 7, 1)),
        (dt.date(2028, 2, 29), 1, dt.date(2027, 3, 1)),
        (dt.date(2027, 1, 1), 2, dt.date(2025, 1, 2)),
    ],
)
def test_the_window_ends_on_the_expiry_and_starts_the_day_after_years_before(
    expires_on, years, start
):
    assert rules.renewal_window(expires_on=expires_on, years=years) == (
        start,
        expires_on,
    )


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (dt.date(2024, 6, 30), False),
        (dt.date(2024, 7, 1), True),
        (dt.date(2029, 6, 30), True),
        (dt.date(2029, 7, 1), False),
    ],
)
def test_a_day_counts_inside_the_window_both_ends_included(day, inside):
    window = rules.renewal_window(expires_on=dt.date(2029, 6, 30), years=5)

    assert rules.in_window(day, window) is inside


@pytest.mark.parametrize(
    ("amount", "per_credit", "credits"),
    [
        (Decimal(1), Decimal(1), Decimal("1.00")),
        (Decimal(60), Decimal(15), Decimal("4.00")),
        (Decimal(10), Decimal(15), Decimal("0.66")),  # rounded down, never up
        (Decimal("0.6"), Decimal("1.5"), Decimal("0.40")),
        (Decimal(5), None, None),  # the state does not count that unit
    ],
)
def test_a_unit_converts_to_renewal_credits(amount, per_credit, credits):
    assert rules.renewal_credits(amount, per_credit) == credits


EXPIRY = dt.date(2029, 6, 30)


@pytest.mark.parametrize(
    ("today", "months"),
    [
        (dt.date(2028, 6, 29), None),  # more than 12 months left
        (dt.date(2028, 6, 30), 12),
        (dt.date(2028, 12, 29), 12),
        (dt.date(2028, 12, 30), 6),
        (dt.date(2029, 3, 29), 6),
        (dt.date(2029, 3, 30), 3),
        (dt.date(2029, 6, 30), 3),  # the expiry day itself
        (dt.date(2029, 7, 1), None),  # expired: no reminder
    ],
)
def test_the_latest_reminder_due_is_the_one_sent(today, months):
    assert rules.reminder_due(expires_on=EXPIRY, today=today) == months
