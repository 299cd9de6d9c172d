"""Reads of enrollments: who sees what, and deadlines."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from core.clock import local_day
from enrollments.access import enrollments_visible_to
from enrollments.deadlines import add_months
from enrollments.models import Extension
from enrollments.selectors import (
    enrollment_deadlines,
    learner_enrollments,
)
from programs.models import Session, Unit
from tests.catalog import demo_offering
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    LearnerFactory,
    OfferingFactory,
    PortalAdminFactory,
    RequirementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class TestVisibility:
    def test_each_role_sees_its_share(self):
        mine, theirs = EnrollmentFactory(), EnrollmentFactory()
        facilitator = FacilitatorFactory()
        theirs.offering.facilitators.add(facilitator)
        assert list(enrollments_visible_to(user=mine.learner)) == [mine]
        assert list(enrollments_visible_to(user=facilitator)) == [theirs]
        assert set(enrollments_visible_to(user=PortalAdminFactory())) == {mine, theirs}

    def test_listed_as_facilitator_without_the_role_sees_nothing(self):
        enrollment, user = EnrollmentFactory(), LearnerFactory()
        enrollment.offering.facilitators.add(user)
        assert not enrollments_visible_to(user=user).exists()


def test_deadlines_use_the_first_session_and_extensions():
    offering = OfferingFactory(
        start_date=dt.date(2026, 9, 14), end_date=dt.date(2026, 11, 8)
    )
    pre = RequirementFactory(
        unit=offering.unit, title="Pre-assessment", deadline="before_first_session"
    )
    portfolio = RequirementFactory(
        unit=offering.unit,
        title="E-portfolio",
        deadline="after_end",
        deadline_months_after_end=6,
    )
    final = RequirementFactory(unit=offering.unit, title="No deadline of its own")
    Session.objects.create(
        offering=offering,
        title="Session 1",
        kind="live",
        starts_at=dt.datetime(2026, 9, 16, 19, tzinfo=ZoneInfo("America/New_York")),
    )
    enrollment = EnrollmentFactory(offering=offering)
    Extension.objects.create(
        enrollment=enrollment,
        requirement=portfolio,
        new_deadline=dt.date(2027, 6, 30),
        reason="Medical leave",
        granted_by=UserFactory(),
    )
    [loaded] = learner_enrollments(learner=enrollment.learner)
    dues = enrollment_deadlines(enrollment=loaded, today=dt.date(2026, 9, 1))
    assert [(d.requirement, d.deadline, d.days_left, d.extended) for d in dues] == [
        (pre, dt.date(2026, 9, 15), 14, False),
        (final, dt.date(2026, 11, 8), 68, False),  # the run's end
        (portfolio, dt.date(2027, 6, 30), 302, True),
    ]


def test_six_months_after_the_iste_course_end(demo_catalog, today):
    # the ISTE run that ended before the demo's day (its first format)
    offering = demo_offering("iste-certification", "previous", today=today)
    assert offering.end_date < today
    enrollment = EnrollmentFactory(offering=offering)
    [loaded] = learner_enrollments(learner=enrollment.learner)
    dues = {
        d.requirement.title: d.deadline
        for d in enrollment_deadlines(enrollment=loaded, today=today)
    }
    first_session = min(local_day(s.starts_at) for s in offering.sessions.all())
    assert dues["E-portfolio"] == add_months(offering.end_date, 6)
    assert dues["Pre-assessment"] == first_session - dt.timedelta(days=1)


def test_the_learners_enrollments_take_their_units_from_the_graph_or_read_them():
    # given an enrollment in a unit with a requirement, and another's unit that
    # a cached graph (``units``) lacks
    graph_unit = RequirementFactory(title="Sketchbook").unit
    learner = EnrollmentFactory(offering__unit=graph_unit).learner
    new = EnrollmentFactory(
        learner=learner, offering__unit=RequirementFactory(title="Portfolio").unit
    )
    graph = {graph_unit.pk: Unit.objects.get(pk=graph_unit.pk)}

    # when the learner's enrollments are read with the graph's units
    rows = learner_enrollments(learner=learner, units=graph)

    # then the graph's unit is used as it is, and the missing one read
    by_unit = {row.offering.unit_id: row.offering.unit for row in rows}
    assert by_unit[graph_unit.pk] is graph[graph_unit.pk]
    assert [r.title for r in by_unit[new.offering.unit_id].requirements.all()] == [
        "Portfolio"
    ]
