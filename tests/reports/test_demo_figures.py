"""The reports on the demo data, loaded on Nov 23, 2026 and read on Dec 2."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from programs.models import CredentialProgram
from reports.filters import ReportFilters
from reports.months import MonthCount
from reports.selectors import awards_per_month, report_rows

pytestmark = pytest.mark.django_db

READ_AT = dt.datetime(2026, 12, 2, 12, tzinfo=timezone.get_default_timezone())


def figures(row):
    t, w = row.tally, row.waiting
    return (
        str(row.subject),
        (t.active, t.completed, t.withdrawn, t.awarded),
        (w.count, w.oldest_days, w.median_days),
        (t.passed, t.decided, row.pass_rate),
    )


NONE_WAITING = (0, None, None)
NO_DECISION = (0, 0, None)
OFFERINGS = [
    ("OTLA · Fall 2026", (1, 0, 0, 0), NONE_WAITING, NO_DECISION),
    ("OTLA · Spring 2026", (0, 1, 0, 1), NONE_WAITING, NO_DECISION),
    ("SOTL · Fall 2026", (1, 0, 0, 0), NONE_WAITING, NO_DECISION),
    ("SOTL · Spring 2026", (0, 1, 0, 1), NONE_WAITING, NO_DECISION),
    # learner2's group of ten in the next run
    ("SOTL · Spring 2027", (10, 0, 0, 0), NONE_WAITING, NO_DECISION),
    ("The Online Classroom · Spring 2026", (0, 1, 0, 1), NONE_WAITING, NO_DECISION),
    (
        "ISTE Certification · Fully online cohort · Spring 2027",
        (1, 0, 0, 0),
        NONE_WAITING,
        NO_DECISION,
    ),
    # learner3's portfolio, 22 of 25 (the pass mark is 20)
    (
        "ISTE Certification · METC online cohort · Spring 2026",
        (0, 1, 0, 1),
        NONE_WAITING,
        (1, 1, Decimal("100.0")),
    ),
    (
        "Digital Tools Foundations · Open enrollment",
        (0, 1, 0, 1),
        NONE_WAITING,
        (1, 1, Decimal("100.0")),
    ),
    # learner1's submission waits since Nov 23; learner2's was Not Met
    (
        "Technology Integration (Full) · Fall 2026",
        (2, 0, 0, 0),
        (1, 9, Decimal("9.0")),
        (0, 1, Decimal("0.0")),
    ),
]


def test_demo_figures_per_offering_program_and_month(demo_loaded):
    admin = get_user_model().objects.get(email="admin@demo.test")

    rows = report_rows(user=admin, filters=ReportFilters(), now=READ_AT)

    assert [figures(row) for row in rows["offerings"]] == OFFERINGS
    programs = [(*figures(row), row.issued, row.revoked) for row in rows["programs"]]
    assert programs == [
        (
            "Certificate in Media and Technology for Education",
            (12, 3, 0, 3),
            NONE_WAITING,
            NO_DECISION,
            1,
            0,
        ),
        (
            "ISTE Certified Educator",
            (1, 1, 0, 1),
            NONE_WAITING,
            (1, 1, Decimal("100.0")),
            1,
            0,
        ),
        (
            "Loyola Full Micro-credentials",
            (2, 0, 0, 0),
            (1, 9, Decimal("9.0")),
            (0, 1, Decimal("0.0")),
            0,
            0,
        ),
        (
            "Stacked Continuing Education Certificate",
            (0, 1, 0, 1),
            NONE_WAITING,
            (1, 1, Decimal("100.0")),
            0,
            0,
        ),
    ]
    # learner3's seven awards: three workshops, the CMTE Certificate, the ISTE
    # course and ISTE Certified Educator, the first stacked badge
    assert awards_per_month(filters=ReportFilters()) == [
        MonthCount(month=dt.date(2026, 11, 1), issued=7, revoked=0)
    ]
    iste = ReportFilters(
        program=CredentialProgram.objects.get(slug="iste-certified-educator")
    )
    assert awards_per_month(filters=iste) == [
        MonthCount(month=dt.date(2026, 11, 1), issued=2, revoked=0)
    ]
    # after the demo's day: nothing enrolled, decided or issued, and the work
    # still waiting (counted as of now, whatever the dates)
    later = report_rows(
        user=admin, filters=ReportFilters(date_from=dt.date(2026, 12, 1)), now=READ_AT
    )
    assert [figures(row) for row in later["offerings"]] == [
        (
            "Technology Integration (Full) · Fall 2026",
            (0, 0, 0, 0),
            (1, 9, Decimal("9.0")),
            NO_DECISION,
        )
    ]
    assert awards_per_month(filters=ReportFilters(date_from=dt.date(2026, 12, 1))) == []
