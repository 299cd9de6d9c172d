"""An award is never earned before the end of the run it certifies (issue 8)."""

import datetime as dt

import pytest

from certificates.models import Award
from certificates.services.evaluation import progress_evaluate, progress_sweep
from tests.catalog import demo_offering
from tests.factories import EnrollmentFactory, LearnerFactory

from . import journeys

pytestmark = pytest.mark.django_db


@pytest.fixture
def met_early(award_catalog, now, today):
    """A learner who submitted SOTL's final product while its current run was
    under way (today, at least a week before the run ends)."""
    learner = LearnerFactory()
    offering = demo_offering("sotl", "current", today=today)
    assert offering.start_date < today < offering.end_date
    enrollment = EnrollmentFactory(learner=learner, offering=offering)
    journeys.submit(enrollment, "Final product", now=now)
    return learner, offering


def evaluate(learner, offering, day):
    return progress_evaluate(learner_id=learner.pk, unit_id=offering.unit_id, today=day)


def test_a_rule_met_before_the_end_waits(met_early):
    learner, offering = met_early
    assert not Award.objects.filter(learner=learner).exists()
    assert evaluate(learner, offering, offering.end_date - dt.timedelta(days=1)) == []
    assert not Award.objects.filter(learner=learner).exists()


def test_on_the_last_day_the_award_is_earned_dated_that_day(met_early):
    learner, offering = met_early
    (award,) = evaluate(learner, offering, offering.end_date)
    assert (award.unit, award.earned_on) == (offering.unit, offering.end_date)


def test_the_daily_sweep_earns_it_once_the_run_has_ended(met_early):
    learner, offering = met_early
    day_after = offering.end_date + dt.timedelta(days=1)
    progress_sweep(today=day_after)
    award = Award.objects.get(learner=learner, unit__slug="sotl")
    assert award.earned_on == day_after
