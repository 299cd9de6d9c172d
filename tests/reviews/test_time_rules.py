"""Submissions open when the offering starts; attendance on the session's day."""

import datetime as dt

import pytest
from django.urls import reverse

from enrollments.attendance import services as service
from enrollments.models import Attendance
from programs.models import Requirement
from reviews import messages
from reviews.models import SubmissionVersion
from reviews.services.submissions import draft_save, submission_submit
from tests.factories import SessionFactory
from tests.reviews.scenarios import iste_portfolio, loyola_full

pytestmark = pytest.mark.django_db

START = dt.date(2027, 2, 1)  # the factory offering runs Feb 1-28, 2027
SESSION_DAY = dt.date(2027, 2, 3)  # the factory session


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def drafted(world):
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="Plan")
    return world


def test_submission_before_offering_starts_is_refused():
    world = drafted(loyola_full())
    with pytest.raises(messages.ReviewsRefused) as refused:
        submission_submit(
            enrollment=world.enrollment,
            requirement=world.requirement,
            now=at(START - dt.timedelta(days=1)),
        )
    assert refused.value.message == messages.NOT_OPEN_YET % {
        "requirement": "Competency-based project",
        "date": "Feb 1, 2027",
    }
    assert SubmissionVersion.objects.get().status == "draft"


def test_submission_on_the_start_day_is_accepted():
    world = drafted(loyola_full())
    version = submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=at(START)
    )
    assert version.status == "submitted"


def test_an_offering_may_open_submissions_days_before_it_starts():
    world = drafted(loyola_full())
    world.offering.submissions_open_days_before_start = 7
    world.offering.save()
    early = START - dt.timedelta(days=7)
    with pytest.raises(messages.ReviewsRefused):
        submission_submit(
            enrollment=world.enrollment,
            requirement=world.requirement,
            now=at(early - dt.timedelta(days=1)),
        )
    version = submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=at(early)
    )
    assert version.status == "submitted"


def test_work_due_before_the_first_session_is_open_before_the_start():
    world = loyola_full()
    world.requirement.deadline = Requirement.Deadline.BEFORE_FIRST_SESSION
    world.requirement.save()
    drafted(world)
    version = submission_submit(
        enrollment=world.enrollment,
        requirement=world.requirement,
        now=at(dt.date(2026, 12, 1)),
    )
    assert version.status == "submitted"


def test_the_requirement_page_says_when_submissions_open_and_offers_no_form(
    client,
):
    world = loyola_full()  # starts Feb 1, 2027; the real today is before
    client.force_login(world.enrollment.learner)
    url = reverse(
        "reviews:requirement", args=[world.enrollment.pk, world.requirement.pk]
    )
    content = client.get(url).content.decode()
    assert (
        messages.NOT_OPEN_YET
        % {"requirement": world.requirement.title, "date": "Feb 1, 2027"}
    ) in content
    draft_url = reverse(
        "reviews:draft", args=[world.enrollment.pk, world.requirement.pk]
    )
    assert draft_url not in content


# Attendance


@pytest.fixture
def cohort():
    world = iste_portfolio()
    return world, SessionFactory(offering=world.offering, title="Session 1")


@pytest.mark.parametrize(
    ("days_after", "message"),
    [
        (-1, service.ATTENDANCE_TOO_EARLY),
        (0, None),
        (3, None),  # the default grace: three days
        (4, service.ATTENDANCE_TOO_LATE),
    ],
)
def test_marking_is_open_from_the_session_day_through_the_grace(
    cohort, days_after, message
):
    world, session = cohort
    today = SESSION_DAY + dt.timedelta(days=days_after)
    mark = {"marked_by": world.facilitator, "enrollment": world.enrollment}
    if message is None:
        service.attendance_mark(**mark, session=session, today=today)
        assert Attendance.objects.count() == 1
        return
    with pytest.raises(service.AttendanceRefused) as refused:
        service.attendance_mark(**mark, session=session, today=today)
    assert refused.value.message == message % {
        "session": "Session 1",
        "date": "Feb 3, 2027",
        "last": "Feb 6, 2027",
    }
    assert not Attendance.objects.exists()


def test_the_grace_is_configured_on_the_offering(cohort):
    world, session = cohort
    world.offering.attendance_grace_days = 0
    world.offering.save()
    session.refresh_from_db()
    with pytest.raises(service.AttendanceRefused):
        service.session_attendance_set(
            marked_by=world.facilitator,
            session=session,
            present_enrollment_ids={world.enrollment.pk},
            today=SESSION_DAY + dt.timedelta(days=1),
        )
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("days_after", [-1, 1])
def test_check_in_codes_are_made_on_the_session_day_only(cohort, days_after):
    _, session = cohort
    with pytest.raises(service.AttendanceRefused) as refused:
        service.check_in_token_make(
            session=session, today=SESSION_DAY + dt.timedelta(days=days_after)
        )
    assert refused.value.message == service.CHECK_IN_NOT_TODAY % {
        "session": "Session 1",
        "date": "Feb 3, 2027",
    }


def test_a_code_made_on_the_day_cannot_check_in_on_another_day(cohort):
    world, session = cohort
    token = service.check_in_token_make(session=session, today=SESSION_DAY)
    with pytest.raises(service.AttendanceRefused):
        service.attendance_check_in(
            learner=world.enrollment.learner,
            token=token,
            today=SESSION_DAY + dt.timedelta(days=1),
        )
    attendance, created = service.attendance_check_in(
        learner=world.enrollment.learner, token=token, today=SESSION_DAY
    )
    assert created
    assert attendance.method == "check_in"


def test_the_register_offers_no_check_in_code_before_the_session_day(client, cohort):
    world, session = cohort  # Feb 3, 2027; the real today is before
    client.force_login(world.facilitator)
    content = client.get(
        reverse("attendance:register", args=[world.offering.pk])
    ).content.decode()
    assert reverse("attendance:check_in_code", args=[session.pk]) not in content
    assert "attendance can be recorded from that day" in content
    response = client.get(reverse("attendance:check_in_code", args=[session.pk]))
    assert response.status_code == 302
    assert not Attendance.objects.exists()
