"""Enrollment refusals, each with its exact message; nothing is written when refused."""

import datetime as dt

import pytest

from enrollments.messages import EnrollmentRefused
from enrollments.models import Enrollment, PastCompletion
from enrollments.services.enrollment import enrollment_create
from enrollments.time_rules import OfferingWindow, window_refusal
from programs.models import Offering, Unit
from tests.factories import OfferingFactory, UnitFactory, UserFactory

TODAY = dt.date(2026, 11, 23)
WINDOW = OfferingWindow(
    name="SOTL · Spring 2027",
    start_date=dt.date(2027, 2, 1),
    end_date=dt.date(2027, 2, 28),
    enrollment_opens=dt.date(2026, 10, 1),
    enrollment_closes=dt.date(2027, 1, 31),
    capacity=40,
)


@pytest.mark.parametrize(
    ("today", "taken", "message"),
    [
        (
            dt.date(2026, 9, 30),
            0,
            "Enrollment for SOTL · Spring 2027 opens on Oct 1, 2026.",
        ),
        (dt.date(2026, 10, 1), 0, None),
        (dt.date(2027, 1, 31), 39, None),
        (
            dt.date(2027, 1, 31),
            40,
            "SOTL · Spring 2027 is full: all 40 places are taken.",
        ),
        (
            dt.date(2027, 2, 1),
            0,
            "Enrollment for SOTL · Spring 2027 closed on Jan 31, 2027.",
        ),
    ],
)
def test_enrollment_window_and_capacity(today, taken, message):
    assert window_refusal(WINDOW, today=today, taken=taken) == message


def test_open_enrollment_without_dates_is_always_open():
    window = OfferingWindow("Open", None, None, None, None, None)
    assert window_refusal(window, today=TODAY, taken=10_000) is None


@pytest.mark.django_db
class TestEnrollmentCreate:
    def test_learner_enrolls_in_an_open_offering(self):
        learner, offering = UserFactory(), OfferingFactory()
        enrollment = enrollment_create(learner=learner, offering=offering, today=TODAY)
        assert enrollment.status == Enrollment.Status.ACTIVE

    def test_duplicate_enrollment_is_refused_and_changes_nothing(self):
        learner, offering = UserFactory(), OfferingFactory()
        enrollment_create(learner=learner, offering=offering, today=TODAY)
        with pytest.raises(EnrollmentRefused) as refusal:
            enrollment_create(learner=learner, offering=offering, today=TODAY)
        assert str(refusal.value) == f"You are already enrolled in {offering}."
        assert Enrollment.objects.count() == 1

    def test_second_run_of_a_unit_while_active_is_refused(self):
        learner, first = UserFactory(), OfferingFactory()
        second = OfferingFactory(unit=first.unit, label="Later run")
        enrollment_create(learner=learner, offering=first, today=TODAY)
        with pytest.raises(EnrollmentRefused, match="You are already enrolled in Unit"):
            enrollment_create(learner=learner, offering=second, today=TODAY)

    def test_full_offering_is_refused(self):
        offering = OfferingFactory(capacity=1)
        enrollment_create(learner=UserFactory(), offering=offering, today=TODAY)
        with pytest.raises(EnrollmentRefused, match="is full: all 1 places are taken"):
            enrollment_create(learner=UserFactory(), offering=offering, today=TODAY)
        assert offering.enrollments.count() == 1

    def test_missing_prerequisite_is_refused_until_completed(self):
        first = UnitFactory(title="Stacked 1")
        second = OfferingFactory(unit=UnitFactory(title="Stacked 2"))
        second.unit.prerequisites.add(first)
        learner = UserFactory()
        with pytest.raises(EnrollmentRefused) as refusal:
            enrollment_create(learner=learner, offering=second, today=TODAY)
        assert (
            str(refusal.value) == "Stacked 2 requires Stacked 1 to be completed first."
        )
        PastCompletion.objects.create(
            learner=learner, unit=first, completed_on=TODAY, imported_by=learner
        )
        assert enrollment_create(learner=learner, offering=second, today=TODAY)

    def test_recommended_order_never_blocks(self):
        sotl = UnitFactory(title="SOTL")
        otla = OfferingFactory(unit=UnitFactory(title="OTLA"))
        otla.unit.recommended_prior_units.add(sotl)
        assert enrollment_create(learner=UserFactory(), offering=otla, today=TODAY)

    def test_cael_track_is_chosen_at_enrollment(self):
        offering = OfferingFactory(unit=UnitFactory(has_tracks=True, title="Leading"))
        with pytest.raises(EnrollmentRefused) as refusal:
            enrollment_create(learner=UserFactory(), offering=offering, today=TODAY)
        assert str(refusal.value) == (
            "Choose a track for Leading: graduate credit or non-credit."
        )
        enrollment = enrollment_create(
            learner=UserFactory(), offering=offering, track="non_credit", today=TODAY
        )
        assert enrollment.track == Enrollment.Track.NON_CREDIT

    def test_open_ended_offering_accepts_anyone(self):
        offering = Offering.objects.create(
            unit=UnitFactory(kind=Unit.Kind.MICRO_CREDENTIAL), label="Open enrollment"
        )
        assert enrollment_create(learner=UserFactory(), offering=offering, today=TODAY)
