"""The reports' pure parts: the pass rate, waiting ages, months, charts, cells."""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from core import csv_cells
from reports import csv_writer
from reports.charts import PLOT_HEIGHT, TOP, column_chart, percent_bar_chart
from reports.csv_writer import cell
from reports.figures import waiting_ages
from reports.months import MonthCount, months_filled
from reports.pass_rate import pass_rate


@pytest.mark.parametrize(
    ("passed", "decided", "rate"),
    [
        (0, 0, None),
        (0, 1, Decimal("0.0")),
        (1, 1, Decimal("100.0")),
        (2, 3, Decimal("66.7")),
        (1, 3, Decimal("33.3")),
        (1, 8, Decimal("12.5")),
    ],
)
def test_pass_rate_is_passes_over_decisions(passed, decided, rate):
    assert pass_rate(passed=passed, decided=decided) == rate


def test_waiting_ages_with_the_median_of_the_middle_two():
    waiting = waiting_ages(Counter([1, 9, 4, 2]))
    assert (waiting.count, waiting.oldest_days, waiting.median_days) == (
        4,
        9,
        Decimal("3.0"),
    )


@pytest.mark.parametrize(
    ("ages", "median"),
    [([5], "5.0"), ([2, 2, 7], "2.0"), ([0, 3, 3, 3, 8, 8], "3.0"), ([1, 2], "1.5")],
)
def test_the_median_of_repeated_ages_is_that_of_the_ages_listed(ages, median):
    assert waiting_ages(Counter(ages)).median_days == Decimal(median)


def test_nothing_waiting_has_no_age():
    waiting = waiting_ages(Counter())
    assert (waiting.count, waiting.oldest_days, waiting.median_days) == (0, None, None)


def test_months_are_filled_from_the_first_to_the_last_across_a_year():
    rows = months_filled(
        {dt.date(2026, 11, 1): 3, dt.date(2027, 2, 1): 1}, {dt.date(2026, 12, 1): 1}
    )
    assert rows == [
        MonthCount(dt.date(2026, 11, 1), 3, 0),
        MonthCount(dt.date(2026, 12, 1), 0, 1),
        MonthCount(dt.date(2027, 1, 1), 0, 0),
        MonthCount(dt.date(2027, 2, 1), 1, 0),
    ]


def test_no_months_without_counts():
    assert months_filled({}, {}) == []


def test_columns_stand_on_the_baseline_scaled_to_the_top_gridline():
    chart = column_chart([("a", 8), ("b", 2), ("c", 0)])
    assert [t.value for t in chart.ticks] == [0, 2, 4, 6, 8]
    tallest, short, empty = chart.bars
    baseline = TOP + PLOT_HEIGHT
    assert (tallest.y, tallest.height) == (TOP, PLOT_HEIGHT)
    assert short.height == PLOT_HEIGHT / 4
    assert short.y + short.height == baseline
    assert empty.height == 0
    assert tallest.x < short.x < empty.x


def test_a_column_chart_of_zeros_still_has_a_scale():
    chart = column_chart([("a", 0)])
    assert [t.value for t in chart.ticks] == [0, 1, 2, 3, 4]


def test_percent_bars_are_as_long_as_their_share_of_the_plot():
    chart = percent_bar_chart([("x", Decimal("100.0")), ("y", Decimal("25.0"))])
    full, quarter = chart.bars
    assert full.width == chart.plot_right - chart.plot_left
    assert quarter.width == full.width / 4
    assert quarter.y > full.y


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ('=HYPERLINK("http://x.test","y")', '\'=HYPERLINK("http://x.test","y")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("Lucía Learner-Ortega", "Lucía Learner-Ortega"),
        ("a=b", "a=b"),
        (Decimal("300.00"), "300.00"),
        (Decimal("1E+3"), "1000"),
        (dt.date(2026, 11, 23), "2026-11-23"),
        (None, ""),
        (True, "yes"),
        (7, "7"),
    ],
)
def test_a_cell_is_plain_text_and_a_formula_is_escaped(value, text):
    assert cell(value) == text


@pytest.mark.parametrize("prefix", csv_cells.FORMULA_PREFIXES)
def test_what_the_imports_refuse_as_a_formula_the_export_escapes(prefix):
    # One list of prefixes for both: the writer reads the imports' own.
    assert csv_writer.FORMULA_PREFIXES is csv_cells.FORMULA_PREFIXES
    assert csv_cells.formula_refusal(where="Line 2", value=f"{prefix}x") is not None
    assert cell(f"{prefix}x") == f"'{prefix}x"


def test_a_datetime_cell_is_its_day_in_the_portals_time_zone(settings):
    # 02:00 UTC on Nov 24 is still Nov 23 in New York.
    assert cell(dt.datetime(2026, 11, 24, 2, tzinfo=dt.UTC)) == "2026-11-23"
