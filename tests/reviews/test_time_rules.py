"""Submissions open when the offering starts; attendance on the session's day."""

import datetime as dt

import pytest
from django.urls import reverse

from core.clock import local_day
from core.dates import format_date
from enrollments.attendance import services as service
from enrollments.models import Attendance
from programs.models import Requirement
from reviews import messages
from reviews.models import Artifact, Submission, SubmissionVersion
from reviews.services.submissions import artifact_add, draft_save, submission_submit
from tests.clock import travel_to
from tests.factories import SessionFactory
from tests.reviews.scenarios import iste_portfolio, loyola_full, pdf_file

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def opening_at_start(world):
    """The window as offerings have it by default: work from the start date on."""
    world.offering.submissions_open_days_before_start = 0
    world.offering.save()
    return world


def drafted(world, day: dt.date | None = None):
    draft_save(
        enrollment=world.enrollment,
        requirement=world.requirement,
        text="Plan",
        today=day or world.offering.start_date,
    )
    return world


def test_submission_before_offering_starts_is_refused():
    world = opening_at_start(loyola_full())
    start = world.offering.start_date
    with pytest.raises(messages.ReviewsRefused) as refused:
        submission_submit(
            enrollment=world.enrollment,
            requirement=world.requirement,
            now=at(start - dt.timedelta(days=1)),
        )
    assert refused.value.message == messages.NOT_OPEN_YET % {
        "requirement": "Competency-based project",
        "date": format_date(start),
    }
    assert not SubmissionVersion.objects.exists()


def test_submission_on_the_start_day_is_accepted():
    world = drafted(opening_at_start(loyola_full()))
    version = submission_submit(
        enrollment=world.enrollment,
        requirement=world.requirement,
        now=at(world.offering.start_date),
    )
    assert version.status == "submitted"


def test_an_offering_may_open_submissions_days_before_it_starts():
    world = loyola_full()
    world.offering.submissions_open_days_before_start = 7
    world.offering.save()
    early = world.offering.start_date - dt.timedelta(days=7)
    drafted(world, early)
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
    world = opening_at_start(loyola_full())
    world.requirement.deadline = Requirement.Deadline.BEFORE_FIRST_SESSION
    world.requirement.save()
    drafted(world, world.offering.start_date - dt.timedelta(weeks=9))
    version = submission_submit(
        enrollment=world.enrollment,
        requirement=world.requirement,
        now=at(world.offering.start_date - dt.timedelta(weeks=9)),
    )
    assert version.status == "submitted"


def starting_in_a_month(today: dt.date):
    """A run that starts in 30 days and takes work from its start date on."""
    world = opening_at_start(loyola_full())
    world.offering.start_date = today + dt.timedelta(days=30)
    world.offering.end_date = today + dt.timedelta(days=60)
    world.offering.save()
    return world


WRITES = {
    "draft text": lambda world, today: draft_save(
        enrollment=world.enrollment,
        requirement=world.requirement,
        text="My plan",
        today=today,
    ),
    "draft link": lambda world, today: draft_save(
        enrollment=world.enrollment,
        requirement=world.requirement,
        link="https://example.org/plan",
        today=today,
    ),
    "file upload": lambda world, today: artifact_add(
        enrollment=world.enrollment,
        requirement=world.requirement,
        upload=pdf_file(),
        today=today,
    ),
    "artifact link": lambda world, today: artifact_add(
        enrollment=world.enrollment,
        requirement=world.requirement,
        link="https://example.org/slides",
        today=today,
    ),
    "artifact text": lambda world, today: artifact_add(
        enrollment=world.enrollment,
        requirement=world.requirement,
        text="What I tried with my class.",
        today=today,
    ),
}


@pytest.mark.parametrize("write", WRITES)
def test_no_work_is_stored_before_submissions_open(today, write):
    # given a run whose submissions open in a month
    world = starting_in_a_month(today)
    opening = world.offering.start_date

    # when the learner saves any work today
    with pytest.raises(messages.ReviewsRefused) as refused:
        WRITES[write](world, today)

    # then it is refused with the window's one message, and nothing is stored
    assert refused.value.message == messages.NOT_OPEN_YET % {
        "requirement": "Competency-based project",
        "date": format_date(opening),
    }
    assert not Submission.objects.exists()
    assert not Artifact.objects.exists()
    # and on the opening day the same write is taken
    WRITES[write](world, opening)
    assert SubmissionVersion.objects.get().status == "draft"


def test_a_file_posted_before_submissions_open_is_not_stored(client, today):
    world = starting_in_a_month(today)
    client.force_login(world.enrollment.learner)
    url = reverse(
        "reviews:artifact_add", args=[world.enrollment.pk, world.requirement.pk]
    )

    response = client.post(url, {"file": pdf_file()})

    assert response.status_code == 400
    assert (
        messages.NOT_OPEN_YET
        % {
            "requirement": "Competency-based project",
            "date": format_date(world.offering.start_date),
        }
    ) in response.content.decode()
    assert not Artifact.objects.exists()
    assert not Submission.objects.exists()


def test_the_requirement_page_says_when_submissions_open_and_offers_no_form(
    client, today
):
    world = starting_in_a_month(today)
    client.force_login(world.enrollment.learner)
    url = reverse(
        "reviews:requirement", args=[world.enrollment.pk, world.requirement.pk]
    )
    content = client.get(url).content.decode()
    assert (
        messages.NOT_OPEN_YET
        % {
            "requirement": world.requirement.title,
            "date": format_date(world.offering.start_date),
        }
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


def day_of(session) -> dt.date:
    return local_day(session.starts_at)


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
    today = day_of(session) + dt.timedelta(days=days_after)
    mark = {"marked_by": world.facilitator, "enrollment": world.enrollment}
    if message is None:
        service.attendance_mark(**mark, session=session, today=today)
        assert Attendance.objects.count() == 1
        return
    with pytest.raises(service.AttendanceRefused) as refused:
        service.attendance_mark(**mark, session=session, today=today)
    assert refused.value.message == message % {
        "session": "Session 1",
        "date": format_date(day_of(session)),
        "last": format_date(day_of(session) + dt.timedelta(days=3)),
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
            today=day_of(session) + dt.timedelta(days=1),
        )
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("days_after", [-1, 1])
def test_check_in_codes_are_made_on_the_session_day_only(cohort, days_after):
    _, session = cohort
    with pytest.raises(service.AttendanceRefused) as refused:
        service.check_in_token_make(
            session=session, today=day_of(session) + dt.timedelta(days=days_after)
        )
    assert refused.value.message == service.CHECK_IN_NOT_TODAY % {
        "session": "Session 1",
        "date": format_date(day_of(session)),
    }


def test_a_code_made_on_the_day_cannot_check_in_on_another_day(cohort):
    world, session = cohort
    day = day_of(session)
    token = service.check_in_token_make(session=session, today=day)
    with pytest.raises(service.AttendanceRefused):
        service.attendance_check_in(
            learner=world.enrollment.learner,
            token=token,
            today=day + dt.timedelta(days=1),
        )
    attendance, created = service.attendance_check_in(
        learner=world.enrollment.learner, token=token, today=day
    )
    assert created
    assert attendance.method == "check_in"


def test_the_register_offers_no_check_in_code_before_the_session_day(client, cohort):
    world, session = cohort
    with travel_to(day_of(session) - dt.timedelta(days=2)):
        client.force_login(world.facilitator)
        content = client.get(
            reverse("attendance:register", args=[world.offering.pk])
        ).content.decode()
        response = client.get(reverse("attendance:check_in_code", args=[session.pk]))
    assert reverse("attendance:check_in_code", args=[session.pk]) not in content
    assert "attendance can be recorded from that day" in content
    assert response.status_code == 302
    assert not Attendance.objects.exists()
