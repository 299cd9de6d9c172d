"""Requirement deadlines: fixed, months or days after the offering ends, before
the first session, and an admin's extension. Pure: no database, no clock."""

import datetime as dt

import pytest

from enrollments.deadlines import add_months, days_left, requirement_deadline

D = dt.date
END = D(2026, 11, 8)
START = D(2026, 9, 14)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 11, 8), 6, D(2027, 5, 8)),  # the ISTE portfolio window
        (D(2026, 8, 31), 6, D(2027, 2, 28)),  # February is shorter
        (D(2027, 8, 31), 6, D(2028, 2, 29)),  # a leap year
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 7, 15), 6, D(2027, 1, 15)),  # across the year end
        (D(2026, 12, 1), 12, D(2027, 12, 1)),
        (D(2026, 5, 20), 0, D(2026, 5, 20)),
    ],
)
def test_months_are_added_on_the_calendar(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"rule": "none"}, END),  # the run's end is a deadline for what is not done
        ({"rule": "fixed", "fixed_date": D(2027, 3, 1)}, D(2027, 3, 1)),
        ({"rule": "after_end", "months_after_end": 6}, D(2027, 5, 8)),
        ({"rule": "after_end", "days_after_end": 14}, D(2026, 11, 22)),
        (
            {"rule": "after_end", "months_after_end": 1, "days_after_end": 3},
            D(2026, 12, 11),
        ),
        (
            {"rule": "before_first_session", "first_session": D(2026, 9, 16)},
            D(2026, 9, 15),
        ),
        ({"rule": "before_first_session"}, D(2026, 9, 13)),  # no sessions: the start
    ],
)
def test_deadline_follows_the_requirement_rule(fields, expected):
    assert (
        requirement_deadline(offering_start=START, offering_end=END, **fields)
        == expected
    )


@pytest.mark.parametrize(
    "rule",
    ["none", "after_end", "before_first_session"],
    ids=["none", "after_end", "before_first"],
)
def test_open_enrollment_offering_has_no_relative_deadline(rule):
    assert requirement_deadline(rule=rule, months_after_end=6) is None


@pytest.mark.parametrize(
    ("fields", "extension"),
    [
        ({"rule": "after_end", "months_after_end": 6}, D(2027, 6, 30)),
        ({"rule": "fixed", "fixed_date": D(2027, 3, 1)}, D(2027, 2, 15)),
        ({"rule": "none"}, D(2027, 1, 10)),
    ],
)
def test_an_extension_replaces_the_computed_deadline(fields, extension):
    deadline = requirement_deadline(
        offering_start=START, offering_end=END, extension=extension, **fields
    )
    assert deadline == extension


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2027, 3, 26), 43),  # "due in 43 days"
        (D(2027, 5, 7), 1),
        (D(2027, 5, 8), 0),  # the last day still counts
        (D(2027, 5, 9), -1),
    ],
)
def test_days_left_until_the_portfolio_deadline(today, expected):
    assert days_left(D(2027, 5, 8), today=today) == expected
