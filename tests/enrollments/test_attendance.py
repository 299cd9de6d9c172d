"""Attendance at required sessions: by hand, or by a time-limited QR check-in."""

import time

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from audit.models import AuditEvent
from enrollments.attendance import services as service
from enrollments.models import Attendance
from tests.factories import EnrollmentFactory, FacilitatorFactory, SessionFactory
from tests.reviews.scenarios import iste_portfolio

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    """An ISTE cohort with a session taking place now."""
    world = iste_portfolio()
    session = SessionFactory(
        offering=world.offering, title="Session 1", starts_at=timezone.now()
    )
    return world, session


def test_a_facilitator_marks_a_learner_present_and_it_is_audited(cohort):
    world, session = cohort
    attendance = service.attendance_mark(
        marked_by=world.facilitator, enrollment=world.enrollment, session=session
    )
    attendance.refresh_from_db()
    assert (attendance.method, attendance.marked_by) == ("manual", world.facilitator)
    event = AuditEvent.objects.get(action="attendance.marked")
    assert (event.before, event.after) == (
        {"present": False},
        {"present": True, "method": "manual"},
    )


def test_marking_twice_is_refused(cohort):
    world, session = cohort
    service.attendance_mark(
        marked_by=world.facilitator, enrollment=world.enrollment, session=session
    )
    with pytest.raises(service.AttendanceRefused) as refused:
        service.attendance_mark(
            marked_by=world.facilitator, enrollment=world.enrollment, session=session
        )
    assert refused.value.message == service.ALREADY_PRESENT % {
        "learner": world.enrollment.learner,
        "session": "Session 1",
    }


def test_a_facilitator_of_another_offering_cannot_mark(cohort):
    world, session = cohort
    with pytest.raises(PermissionDenied):
        service.attendance_mark(
            marked_by=FacilitatorFactory(), enrollment=world.enrollment, session=session
        )
    assert not Attendance.objects.exists()


def test_the_register_matches_the_ticks_and_audits_removals(cohort):
    world, session = cohort
    other = EnrollmentFactory(offering=world.offering)
    service.session_attendance_set(
        marked_by=world.facilitator,
        session=session,
        present_enrollment_ids={world.enrollment.pk, other.pk},
    )
    marked, removed = service.session_attendance_set(
        marked_by=world.facilitator,
        session=session,
        present_enrollment_ids={other.pk},
    )
    assert (marked, removed) == (0, 1)
    assert list(Attendance.objects.values_list("enrollment", flat=True)) == [other.pk]
    assert AuditEvent.objects.filter(action="attendance.removed").count() == 1


def test_a_learner_checks_in_with_a_fresh_code(cohort):
    world, session = cohort
    token = service.check_in_token_make(session=session)
    attendance, created = service.attendance_check_in(
        learner=world.enrollment.learner, token=token
    )
    assert created
    assert attendance.method == "check_in"
    again, created_again = service.attendance_check_in(
        learner=world.enrollment.learner, token=token
    )
    assert (again, created_again) == (attendance, False)


def test_an_expired_check_in_code_is_refused(cohort, monkeypatch):
    # given a code made 16 minutes ago
    world, session = cohort
    sixteen_minutes_ago = time.time() - 16 * 60
    monkeypatch.setattr(signing.time, "time", lambda: sixteen_minutes_ago)
    token = service.check_in_token_make(session=session)
    monkeypatch.undo()

    # when the learner scans it now, it is refused and nothing is recorded
    with pytest.raises(service.AttendanceRefused) as refused:
        service.attendance_check_in(learner=world.enrollment.learner, token=token)
    assert refused.value.message == service.CHECK_IN_EXPIRED
    assert not Attendance.objects.exists()


def test_a_forged_check_in_code_is_refused(cohort):
    world, session = cohort
    token = service.check_in_token_make(session=session)
    forged = f"{int(token.split(':')[0]) + 1}:{token.split(':', 1)[1]}"
    with pytest.raises(service.AttendanceRefused) as refused:
        service.attendance_check_in(learner=world.enrollment.learner, token=forged)
    assert refused.value.message == service.CHECK_IN_INVALID


def test_someone_not_enrolled_cannot_check_in(cohort):
    _, session = cohort
    stranger = EnrollmentFactory().learner
    token = service.check_in_token_make(session=session)
    with pytest.raises(service.AttendanceRefused):
        service.attendance_check_in(learner=stranger, token=token)
    assert not Attendance.objects.exists()
