"""Enrollment windows and deadlines keep their provider's day (issue 20, item 9).

At 22:30 in California (01:30 the next day in Maryland), an offering whose
enrollment closes "today" is still open in California and already closed in
Maryland; a deadline falls on each provider's own day.
"""

import datetime as dt

import pytest
import time_machine

from core.dates import format_date
from enrollments import messages
from enrollments.messages import EnrollmentRefused
from enrollments.selectors import enrollment_deadlines
from enrollments.services.enrollment import enrollment_create
from programs.models import Requirement
from tests.factories import (
    EnrollmentFactory,
    LearnerFactory,
    OfferingFactory,
    RequirementFactory,
    SessionFactory,
    UnitFactory,
)
from tests.zones import california, maryland, pacific_evening

pytestmark = pytest.mark.django_db


def _offering(provider, day, **dates):
    return OfferingFactory(
        unit=UnitFactory(provider=provider),
        enrollment_opens=day - dt.timedelta(days=30),
        enrollment_closes=day,
        start_date=day + dt.timedelta(days=7),
        end_date=day + dt.timedelta(days=35),
        **dates,
    )


def test_enrollment_closing_today_follows_each_providers_day(today):
    west, east = _offering(california(), today), _offering(maryland(), today)
    learner = LearnerFactory()
    with time_machine.travel(pacific_evening(today), tick=True):
        # California is still on its closing day: the window is open
        enrollment = enrollment_create(learner=learner, offering=west)
        # Maryland has moved past it: closed, with its closing day named
        with pytest.raises(EnrollmentRefused) as refused:
            enrollment_create(learner=learner, offering=east)
    assert enrollment.offering == west
    assert refused.value.message == messages.CLOSED % {
        "offering": east,
        "date": format_date(today),
    }


def test_a_deadline_is_due_on_each_providers_own_day(today):
    dues = {}
    for provider in (california(), maryland()):
        offering = _offering(provider, today - dt.timedelta(days=40))
        RequirementFactory(
            unit=offering.unit,
            title="Reflection",
            deadline=Requirement.Deadline.FIXED,
            deadline_date=today,
        )
        dues[provider.time_zone] = EnrollmentFactory(offering=offering)
    with time_machine.travel(pacific_evening(today), tick=True):
        west = enrollment_deadlines(enrollment=dues["America/Los_Angeles"])
        east = enrollment_deadlines(enrollment=dues["America/New_York"])
    # due today in California, a day late in Maryland
    assert [(d.deadline, d.days_left) for d in west] == [(today, 0)]
    assert [(d.deadline, d.days_left) for d in east] == [(today, -1)]


def test_the_day_before_the_first_session_is_read_in_the_providers_zone(today):
    """A session at 22:00 in California is 01:00 the next day in Maryland: a
    pre-assessment is due the day before the session's local day."""
    moment = pacific_evening(today) - dt.timedelta(minutes=30)
    dues = {}
    for provider in (california(), maryland()):
        offering = _offering(provider, today - dt.timedelta(days=10))
        SessionFactory(offering=offering, starts_at=moment)
        RequirementFactory(
            unit=offering.unit,
            title="Pre-assessment",
            deadline=Requirement.Deadline.BEFORE_FIRST_SESSION,
        )
        enrollment = EnrollmentFactory(offering=offering)
        (due,) = enrollment_deadlines(enrollment=enrollment, today=today)
        dues[provider.time_zone] = due.deadline
    assert dues == {
        "America/Los_Angeles": today - dt.timedelta(days=1),
        "America/New_York": today,
    }
