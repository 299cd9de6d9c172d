"""Awards over time: revoked apart, superseded not at all; filters narrow them."""

import datetime as dt

import pytest
from django.utils import timezone

from certificates.models import Award
from programs.models import CredentialProgram, Provider
from reports.filters import ReportFilters
from reports.months import MonthCount
from reports.selectors import awards_per_month
from reports.services.rollup import report_rollup
from tests.factories import LearnerFactory
from tests.reports import worlds

pytestmark = pytest.mark.django_db


@pytest.fixture
def awards(demo_catalog):
    first, second, third = LearnerFactory(), LearnerFactory(), LearnerFactory()
    worlds.issued_award(first, slug="sotl", day=dt.date(2026, 9, 30))
    worlds.issued_award(second, slug="sotl", day=dt.date(2026, 11, 2))
    revoked = worlds.issued_award(third, slug="sotl", day=dt.date(2026, 9, 3))
    revoked.status = Award.Status.REVOKED
    revoked.revoked_at = worlds.at(dt.date(2026, 11, 20))
    revoked.revoke_reason = "Issued to the wrong person."
    revoked.save()
    superseded = worlds.issued_award(third, slug="otla", day=dt.date(2026, 9, 3))
    superseded.status = Award.Status.SUPERSEDED
    superseded.save()
    worlds.issued_award(third, slug="otla", day=dt.date(2026, 9, 4))
    worlds.issued_award(first, slug=worlds.LOYOLA_FULL, day=dt.date(2026, 11, 3))
    report_rollup()


def test_revoked_awards_count_apart_and_superseded_ones_not_at_all(awards):
    assert awards_per_month(filters=ReportFilters()) == [
        MonthCount(month=dt.date(2026, 9, 1), issued=2, revoked=0),
        MonthCount(month=dt.date(2026, 10, 1), issued=0, revoked=0),
        MonthCount(month=dt.date(2026, 11, 1), issued=2, revoked=1),
    ]


def test_the_program_provider_and_dates_narrow_the_months(awards):
    cmte = CredentialProgram.objects.get(slug="cmte")
    loyola = Provider.objects.get(slug="loyola")
    november = {"date_from": dt.date(2026, 11, 1), "date_to": dt.date(2026, 11, 30)}

    assert awards_per_month(filters=ReportFilters(program=cmte, **november)) == [
        MonthCount(month=dt.date(2026, 11, 1), issued=1, revoked=1)
    ]
    assert awards_per_month(filters=ReportFilters(provider=loyola)) == [
        MonthCount(month=dt.date(2026, 11, 1), issued=1, revoked=0)
    ]


def test_an_award_issued_late_in_the_evening_counts_on_its_local_day(demo_catalog):
    # 23:30 in New York on Oct 31 is Nov 1 in UTC: still October here.
    award = worlds.issued_award(LearnerFactory(), slug="sotl")
    award.issued_at = dt.datetime(
        2026, 10, 31, 23, 30, tzinfo=timezone.get_default_timezone()
    )
    award.save()
    report_rollup()

    assert awards_per_month(filters=ReportFilters()) == [
        MonthCount(month=dt.date(2026, 10, 1), issued=1, revoked=0)
    ]
    october_only = ReportFilters(date_to=dt.date(2026, 10, 31))
    assert awards_per_month(filters=october_only) == [
        MonthCount(month=dt.date(2026, 10, 1), issued=1, revoked=0)
    ]
