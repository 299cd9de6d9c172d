"""Learners with work in the demo catalogue, written through the real services."""

import datetime as dt

from django.utils import timezone

from certificates.models import Award
from core import clock
from enrollments.group_orders.confirm import group_order_confirm
from enrollments.group_orders.services import group_order_create
from enrollments.services.registration import registration_create
from programs.models import Offering, Unit
from tests.catalog import demo_offering
from tests.certificates import journeys
from tests.factories import EnrollmentFactory, LearnerFactory, PortalAdminFactory

LOYOLA_FULL = "loyola-full-technology-integration"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(hour), tzinfo=timezone.get_default_timezone()
    )


def loyola_running() -> Offering:
    """The Loyola Full run under way on the test's day (``demo_catalog``)."""
    return demo_offering(LOYOLA_FULL, "current", today=clock.today())


def reviewed_learner(*, reviewer, decision: str, **person):
    """A learner in the running Loyola Full run, their activity reviewed."""
    learner = LearnerFactory(**person)
    enrollment = EnrollmentFactory(learner=learner, offering=loyola_running())
    version = journeys.submit(enrollment, "Module activities", now=clock.now())
    if decision == "met":
        journeys.met(version, reviewer)
    else:
        journeys.not_met(version, reviewer)
    return learner


def invoiced_learner(**person):
    """A learner enrolled in SOTL's next run and billed for their seat."""
    learner = LearnerFactory(**person)
    offering = Offering.objects.filter(unit__slug="sotl").order_by("start_date").last()
    registration_create(
        learner=learner, offering=offering, today=offering.enrollment_opens
    )
    return learner


def group_invoiced(*, leader, organisation: str):
    offering = Offering.objects.filter(unit__slug="sotl").order_by("start_date").last()
    day = offering.enrollment_opens
    order = group_order_create(
        leader=leader,
        offering=offering,
        participants=[
            ("Pat Participant", "pat.participant@example.org"),
            ("Sam Participant", "sam.participant@example.org"),
        ],
        today=day,
        organisation=organisation,
    )
    return group_order_confirm(order=order, today=day)


def issued_award(learner, *, slug: str = "sotl", day: dt.date | None = None) -> Award:
    """An issued unit award, earned on ``day`` (default: the test's day); the
    documents are not what these reports read."""
    day = day or clock.today()
    return Award.objects.create(
        learner=learner,
        unit=Unit.objects.get(slug=slug),
        status=Award.Status.ISSUED,
        earned_on=day,
        issued_at=at(day, 18),
        email_learner=False,
    )


def an_admin():
    return PortalAdminFactory(legal_name="Ada Admin")
