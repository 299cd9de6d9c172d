"""The pure time rules: when work (reviews), attendance (enrollments) and awards
(certificates) are possible."""

import datetime as dt

import pytest

from certificates.time_rules import award_may_be_earned, certified_until
from enrollments.time_rules import attendance_window
from reviews.time_rules import submissions_open_on

START = dt.date(2027, 2, 1)


@pytest.mark.parametrize(
    ("start", "days_before", "due_before_start", "opens"),
    [
        (START, 0, False, START),
        (START, 7, False, dt.date(2027, 1, 25)),
        (START, 0, True, None),  # a pre-assessment: open from enrollment
        (None, 0, False, None),  # open enrollment: any day
    ],
)
def test_submissions_open_on_the_start_or_days_before(
    start, days_before, due_before_start, opens
):
    assert (
        submissions_open_on(
            offering_start=start,
            days_before_start=days_before,
            due_before_start=due_before_start,
        )
        == opens
    )


@pytest.mark.parametrize(
    ("grace", "window"),
    [
        (0, (START, START)),
        (3, (START, dt.date(2027, 2, 4))),
    ],
)
def test_attendance_window_runs_from_the_session_day_through_the_grace(grace, window):
    assert attendance_window(session_day=START, grace_days=grace) == window


@pytest.mark.parametrize(
    ("end", "last_session", "until"),
    [
        (dt.date(2027, 2, 28), dt.date(2027, 2, 20), dt.date(2027, 2, 28)),
        (dt.date(2027, 2, 28), dt.date(2027, 3, 2), dt.date(2027, 3, 2)),
        (None, None, None),
    ],
)
def test_an_award_certifies_until_the_later_of_end_and_last_session(
    end, last_session, until
):
    assert certified_until(offering_end=end, last_session_day=last_session) == until


@pytest.mark.parametrize(
    ("today", "may"),
    [
        (dt.date(2027, 2, 27), False),
        (dt.date(2027, 2, 28), True),
        (dt.date(2027, 3, 1), True),
    ],
)
def test_an_award_is_earned_no_earlier_than_the_end(today, may):
    assert award_may_be_earned(ends_on=dt.date(2027, 2, 28), today=today) is may


def test_an_undated_run_never_holds_an_award_back():
    assert award_may_be_earned(ends_on=None, today=dt.date(2000, 1, 1))
