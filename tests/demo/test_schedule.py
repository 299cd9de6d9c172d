import datetime as dt

import pytest

from demo.schedule import academic_year_start, first_monday, term_runs


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (dt.date(2026, 6, 30), 2025),
        (dt.date(2026, 7, 1), 2026),
        (dt.date(2026, 11, 23), 2026),
        (dt.date(2027, 3, 1), 2026),
    ],
)
def test_academic_year_starts_in_july(today, year):
    assert academic_year_start(today) == year


def test_first_monday_of_a_month():
    assert first_monday(2026, 10) == dt.date(2026, 10, 5)
    assert first_monday(2027, 2) == dt.date(2027, 2, 1)


def test_a_four_week_run_ends_on_the_sunday_four_weeks_later():
    fall, spring = term_runs(
        dt.date(2026, 11, 23), weeks=4, fall_month=10, spring_month=2
    )
    assert (fall.start, fall.end) == (dt.date(2026, 10, 5), dt.date(2026, 11, 1))
    assert spring.label == "Spring 2027"
    assert spring.enrollment_opens < dt.date(2026, 11, 23) < spring.enrollment_closes
