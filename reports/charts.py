"""Geometry of the report's bar charts, drawn as inline SVG by templates.

Pure: values in, coordinates out (SVG user units inside a ``viewBox``, so the
chart scales with the page). Templates draw with attributes and classes only,
no script and no ``style=``, so the pages keep working under a strict
Content-Security-Policy.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

# Column chart (one column per month).
BAND = 100
COLUMN = 48
PLOT_HEIGHT = 180
TOP, LEFT, BOTTOM = 16, 40, 40
# Horizontal bar chart (one bar per offering, percentages).
ROW = 28
BAR = 18
LABEL_WIDTH = 300
PLOT_WIDTH = 360
RIGHT = 64


@dataclass(frozen=True)
class Bar:
    key: object  # what the bar stands for: a month, an offering
    value: Decimal | int
    x: float
    y: float
    width: float
    height: float
    label_x: float  # where the bar's name is written
    label_y: float
    value_x: float  # where its value is written
    value_y: float


@dataclass(frozen=True)
class Tick:
    value: int
    position: float  # y of a column chart's gridline, x of a bar chart's
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    bars: list[Bar]
    ticks: list[Tick]
    plot_left: float
    plot_top: float
    plot_right: float
    plot_bottom: float


def _count_ticks(top_value: int) -> list[int]:
    """0 and four steps of a whole number reaching at least ``top_value``."""
    step = max(1, math.ceil(top_value / 4))
    return [step * n for n in range(5)]


def column_chart(items: list[tuple[object, int]]) -> Chart:
    """Columns of counts from a zero baseline, gridlines at whole numbers."""
    ticks = _count_ticks(max((value for _, value in items), default=0))
    scale = PLOT_HEIGHT / ticks[-1]
    baseline = TOP + PLOT_HEIGHT
    bars = []
    for index, (key, value) in enumerate(items):
        centre = LEFT + index * BAND + BAND / 2
        top = baseline - value * scale
        bars.append(
            Bar(
                key=key,
                value=value,
                x=centre - COLUMN / 2,
                y=top,
                width=COLUMN,
                height=value * scale,
                label_x=centre,
                label_y=baseline + 18,
                value_x=centre,
                value_y=top - 4,
            )
        )
    return Chart(
        width=LEFT + BAND * max(len(items), 1) + 8,
        height=baseline + BOTTOM,
        bars=bars,
        ticks=[
            Tick(
                value=t,
                position=baseline - t * scale,
                label_x=LEFT - 6,
                label_y=baseline - t * scale + 4,
            )
            for t in ticks
        ],
        plot_left=LEFT,
        plot_top=TOP,
        plot_right=LEFT + BAND * max(len(items), 1),
        plot_bottom=baseline,
    )


def percent_bar_chart(items: list[tuple[object, Decimal]]) -> Chart:
    """Horizontal bars of percentages on a 0-100 scale, a label left of each."""
    scale = Decimal(PLOT_WIDTH) / 100
    bars = []
    for index, (key, value) in enumerate(items):
        top = TOP + index * ROW + (ROW - BAR) / 2
        width = float(value * scale)
        bars.append(
            Bar(
                key=key,
                value=value,
                x=LABEL_WIDTH,
                y=top,
                width=width,
                height=BAR,
                label_x=LABEL_WIDTH - 8,
                label_y=top + BAR / 2 + 4,
                value_x=LABEL_WIDTH + width + 6,
                value_y=top + BAR / 2 + 4,
            )
        )
    bottom = TOP + ROW * len(items)
    return Chart(
        width=LABEL_WIDTH + PLOT_WIDTH + RIGHT,
        height=bottom + BOTTOM,
        bars=bars,
        ticks=[
            Tick(
                value=t,
                position=LABEL_WIDTH + t * float(scale),
                label_x=LABEL_WIDTH + t * float(scale),
                label_y=bottom + 16,
            )
            for t in (0, 25, 50, 75, 100)
        ],
        plot_left=LABEL_WIDTH,
        plot_top=TOP,
        plot_right=LABEL_WIDTH + PLOT_WIDTH,
        plot_bottom=bottom,
    )
