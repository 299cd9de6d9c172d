"""Dates are written one way: Django's named formats, never a hand-made pattern."""

import datetime as dt
import re
from pathlib import Path

from django.template import Context, Template

from core.dates import format_date

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["accounts", "audit", "certificates", "core", "credentials_portal"]
SOURCES += [
    "dashboard",
    "demo",
    "enrollments",
    "programs",
    "reviews",
    "templates",
    "tests",
]
# The long form ("F j, Y") of the certificates and their verification page stays.
HAND_MADE = re.compile(r"%-d|%b %|strftime\(|\|date:\"M j")


def test_python_and_templates_write_a_date_the_same_way():
    day = dt.date(2026, 12, 1)
    rendered = Template("{{ day|date }}").render(Context({"day": day}))
    assert format_date(day) == rendered == "Dec 1, 2026"


def test_no_hand_made_date_pattern_is_left_in_the_source():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in SOURCES
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".html", ".txt"} and path.name != "test_dates.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if HAND_MADE.search(line)
    ]
    assert offenders == []
