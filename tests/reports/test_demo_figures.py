"""The reports on the demo data, loaded on the test's day and read nine days on.

The demo's runs are placed around the load day (``demo.schedule.term_runs``), so
every offering is named from its place (previous, current, next run) and every
month from the demo's own awards, never typed in.
"""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Q

from certificates.models import Award
from core import clock
from demo.schedule import RUN_SPACING, term_runs
from programs.models import CredentialProgram, Offering
from reports.filters import ReportFilters
from reports.months import MonthCount
from reports.selectors import awards_per_month, report_rows
from reports.services.rollup import report_rollup
from tests.catalog import PLACES, demo_offering
from tests.clock import local_noon

pytestmark = pytest.mark.django_db

# learner1's Loyola submission is sent on the load day: read nine days on, it
# has waited nine whole days.
READ_AFTER = dt.timedelta(days=9)


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


def iste_online(place: str, *, today: dt.date) -> Offering:
    """The fully online ISTE cohort of the ``place`` run."""
    run = term_runs(today, weeks=1)[PLACES.index(place)]
    return Offering.objects.get(
        unit__slug="iste-certification",
        label__startswith="Fully online",
        start_date__gte=run.start,
        start_date__lt=run.start + RUN_SPACING,
    )


def in_report_order(rows):
    """By provider, then by the offering's name, as the report lists them."""
    return sorted(rows, key=lambda row: (str(row[0].unit.provider), str(row[0])))


def expected_offerings(today: dt.date) -> list[tuple]:
    def run(slug, place):
        return demo_offering(slug, place, today=today)

    rows = [
        # learner1's two workshops under way
        (run("otla", "current"), (1, 0, 0, 0), NONE_WAITING, NO_DECISION),
        (run("sotl", "current"), (1, 0, 0, 0), NONE_WAITING, NO_DECISION),
        # learner3's three workshops, ended and awarded
        (run("otla", "previous"), (0, 1, 0, 1), NONE_WAITING, NO_DECISION),
        (run("sotl", "previous"), (0, 1, 0, 1), NONE_WAITING, NO_DECISION),
        (
            run("the-online-classroom", "previous"),
            (0, 1, 0, 1),
            NONE_WAITING,
            NO_DECISION,
        ),
        # learner2's group of ten in the next run
        (run("sotl", "next"), (10, 0, 0, 0), NONE_WAITING, NO_DECISION),
        # learner2 in the next cohort; learner3's portfolio, 22 of 25 (pass: 20)
        (iste_online("next", today=today), (1, 0, 0, 0), NONE_WAITING, NO_DECISION),
        (
            iste_online("previous", today=today),
            (0, 1, 0, 1),
            NONE_WAITING,
            (1, 1, Decimal("100.0")),
        ),
        (
            Offering.objects.get(unit__slug="loyola-stacked-digital-tools-foundations"),
            (0, 1, 0, 1),
            NONE_WAITING,
            (1, 1, Decimal("100.0")),
        ),
        # learner3's Full micro-credential (it renewed CAEL) and learner4's (the
        # ledger's): their pieces reviewed Met after the run ended, and awarded
        (
            run("loyola-full-technology-integration", "previous"),
            (0, 2, 0, 2),
            NONE_WAITING,
            (4, 4, Decimal("100.0")),
        ),
        # learner1's submission waits since the load day; learner2's was Not Met
        (
            run("loyola-full-technology-integration", "current"),
            (2, 0, 0, 0),
            (1, 9, Decimal("9.0")),
            (0, 1, Decimal("0.0")),
        ),
    ]
    return [(str(offering), *rest) for offering, *rest in in_report_order(rows)]


def months_of(awards) -> list[MonthCount]:
    """Every month from the first award's to the last's, with its count."""
    counts = Counter(
        clock.local_day(award.issued_at).replace(day=1) for award in awards
    )
    months, month = [], min(counts)
    while month <= max(counts):
        months.append(MonthCount(month=month, issued=counts[month], revoked=0))
        month = (month + dt.timedelta(days=31)).replace(day=1)
    return months


def test_demo_figures_per_offering_program_and_month(demo_loaded, today):
    read_at = local_noon(today) + READ_AFTER
    with time_machine.travel(read_at, tick=False):
        assert report_rollup().finished_at == read_at

    rows = report_rows(filters=ReportFilters())

    assert [figures(row) for row in rows["offerings"]] == expected_offerings(today)
    programs = [(*figures(row), row.issued, row.revoked) for row in rows["programs"]]
    assert programs == [
        # learner3's renewal, issued (the modules were completed before the portal)
        (
            "Certificate in Advanced Education Leadership",
            (0, 0, 0, 0),
            NONE_WAITING,
            NO_DECISION,
            1,
            0,
        ),
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
            (2, 2, 0, 2),
            (1, 9, Decimal("9.0")),
            (4, 5, Decimal("80.0")),
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
    # learner3's nine awards (three workshops, the CMTE Certificate, the ISTE
    # course and ISTE Certified Educator, the first stacked badge, the Loyola Full
    # micro-credential and the CAEL renewal; the awards superseded by a re-issue
    # and by the renewal are no longer issued) and learner4's Loyola Full
    # micro-credential (the ledger's), each in the month it was issued, months
    # before the load day
    issued = Award.objects.filter(status=Award.Status.ISSUED)
    assert set(issued.values_list("learner__email", flat=True)) == {
        "learner3@demo.test",
        "learner4@demo.test",
    }
    assert issued.count() == 10
    assert all(clock.local_day(award.issued_at) < today for award in issued)
    assert awards_per_month(filters=ReportFilters()) == months_of(issued)
    iste_program = CredentialProgram.objects.get(slug="iste-certified-educator")
    iste = ReportFilters(program=iste_program)
    iste_awards = issued.filter(
        Q(program=iste_program) | Q(unit__programs=iste_program)
    ).distinct()
    assert iste_awards.count() == 2
    # the course and the program credential, earned by one review
    assert len(months_of(iste_awards)) == 1
    assert awards_per_month(filters=iste) == months_of(iste_awards)
    # after the demo's day: nothing enrolled, decided or issued, and the work
    # still waiting (counted as of the rollup, whatever the dates)
    after = ReportFilters(date_from=today + dt.timedelta(days=1))
    later = report_rows(filters=after)
    assert [figures(row) for row in later["offerings"]] == [
        (
            str(
                demo_offering(
                    "loyola-full-technology-integration", "current", today=today
                )
            ),
            (0, 0, 0, 0),
            (1, 9, Decimal("9.0")),
            NO_DECISION,
        )
    ]
    assert awards_per_month(filters=after) == []
