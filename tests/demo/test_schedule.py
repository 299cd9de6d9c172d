import datetime as dt

import pytest

from demo.schedule import monday_of, season_label, term_runs


def test_monday_of_a_week():
    assert monday_of(dt.date(2026, 12, 1)) == dt.date(2026, 11, 30)
    assert monday_of(dt.date(2026, 11, 30)) == dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (dt.date(2027, 5, 31), "Spring 2027"),
        (dt.date(2027, 6, 1), "Summer 2027"),
        (dt.date(2027, 9, 1), "Fall 2027"),
    ],
)
def test_season_labels(day, label):
    assert season_label(day) == label


@pytest.mark.parametrize(
    "today",
    [
        *(dt.date(2026, 8, 1), dt.date(2026, 11, 23), dt.date(2026, 12, 1)),
        *(dt.date(2027, 3, 15), dt.date(2027, 6, 30), dt.date(2027, 1, 3)),
    ],
)
@pytest.mark.parametrize("weeks", [3, 4, 6, 13])
def test_one_run_ended_one_is_under_way_and_the_next_is_open(today, weeks):
    previous, current, nxt = term_runs(today, weeks=weeks)
    assert previous.end < today
    assert current.start <= today <= current.end
    assert nxt.enrollment_opens <= today <= nxt.enrollment_closes < nxt.start
    assert len({previous.label, current.label, nxt.label}) == 3


def test_a_four_week_run_ends_on_the_sunday_four_weeks_later():
    _, current, _ = term_runs(dt.date(2026, 11, 23), weeks=4)
    assert (current.start, current.end) == (dt.date(2026, 11, 9), dt.date(2026, 12, 6))
    assert current.label == "Fall 2026"
