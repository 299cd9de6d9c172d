"""An award is never earned before the end of the run it certifies (issue 8)."""

import datetime as dt

import pytest
from django.utils import timezone

from certificates.models import Award
from certificates.services.evaluation import progress_evaluate, progress_sweep
from programs.models import Offering
from tests.factories import EnrollmentFactory, LearnerFactory

from . import journeys

pytestmark = pytest.mark.django_db

# The demo catalogue of Nov 23, 2026: SOTL's current run is Nov 9 - Dec 6, 2026.
END = dt.date(2026, 12, 6)


@pytest.fixture
def met_early(award_catalog):
    """A learner who submitted SOTL's final product while the run was under way."""
    learner = LearnerFactory()
    offering = Offering.objects.get(unit__slug="sotl", end_date=END)
    enrollment = EnrollmentFactory(learner=learner, offering=offering)
    journeys.submit(
        enrollment,
        "Final product",
        now=dt.datetime(2026, 11, 20, 10, tzinfo=timezone.get_current_timezone()),
    )
    return learner, offering


def evaluate(learner, offering, day):
    return progress_evaluate(learner_id=learner.pk, unit_id=offering.unit_id, today=day)


def test_a_rule_met_before_the_end_waits(met_early):
    learner, offering = met_early
    assert not Award.objects.filter(learner=learner).exists()
    assert evaluate(learner, offering, END - dt.timedelta(days=1)) == []
    assert not Award.objects.filter(learner=learner).exists()


def test_on_the_last_day_the_award_is_earned_dated_that_day(met_early):
    learner, offering = met_early
    (award,) = evaluate(learner, offering, END)
    assert (award.unit, award.earned_on) == (offering.unit, END)


def test_the_daily_sweep_earns_it_once_the_run_has_ended(met_early):
    learner, _ = met_early
    progress_sweep(today=END + dt.timedelta(days=1))
    award = Award.objects.get(learner=learner, unit__slug="sotl")
    assert award.earned_on == END + dt.timedelta(days=1)
