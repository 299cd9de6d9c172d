"""A facilitator's home answers "what needs me now": waiting submissions across
every offering they run, this week's sessions and the registers still open, then
their offerings (running ones in a table, upcoming and ended ones folded)."""

import datetime as dt

import pytest
from django.urls import reverse

from core.dates import format_date
from enrollments.attendance.services import attendance_mark
from programs.models import Requirement
from reviews.models import Submission
from reviews.services.submissions import draft_save, submission_submit
from tests.dashboard.pages import URL, dashboard_page
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    OfferingFactory,
    RequirementFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def run_offering(facilitator, today, *, title: str, starts_in=-60, ends_in=30):
    offering = OfferingFactory(
        unit__title=title,
        unit__short_name=title,
        start_date=today + dt.timedelta(days=starts_in),
        end_date=today + dt.timedelta(days=ends_in),
        attendance_grace_days=3,
    )
    offering.facilitators.add(facilitator)
    RequirementFactory(
        unit=offering.unit,
        title=f"{title} project",
        review_mode=Requirement.ReviewMode.MET_NOT_MET,
    )
    return offering


def submit(offering, submitted_at, name="Learner"):
    """A learner's submission waiting for review since ``submitted_at``."""
    project = offering.unit.requirements.get()
    enrollment = EnrollmentFactory(offering=offering, learner__first_name=name)
    draft_save(enrollment=enrollment, requirement=project, text="x")
    submission_submit(enrollment=enrollment, requirement=project, now=submitted_at)
    return Submission.objects.get(enrollment=enrollment)


def test_waiting_submissions_of_every_offering_oldest_first_with_their_age(
    client, now, today
):
    # given two offerings with work waiting, and another facilitator's
    facilitator = FacilitatorFactory()
    first = run_offering(facilitator, today, title="First Unit")
    second = run_offering(facilitator, today, title="Second Unit")
    newer = submit(first, now - dt.timedelta(days=3, hours=1))
    older = submit(second, now - dt.timedelta(days=4, hours=1))
    run_offering(FacilitatorFactory(), today, title="Not Theirs")
    # when the facilitator opens their home
    content = dashboard_page(client, facilitator)
    # then one list holds both, the oldest first, each with its age and a link
    waiting = content.split('id="waiting-heading"')[1].split("</section>")[0]
    assert waiting.index("Second Unit project") < waiting.index("First Unit project")
    assert "<td>4 days</td>" in waiting
    assert "<td>3 days</td>" in waiting
    assert reverse("reviews:review", args=[older.pk]) in waiting
    assert reverse("reviews:review", args=[newer.pk]) in waiting
    assert "Not Theirs" not in content


def test_sessions_this_week_and_registers_still_open(client, now, today):
    # given an offering with sessions around today
    facilitator = FacilitatorFactory()
    offering = run_offering(facilitator, today, title="Running Unit")

    def session(title, days):
        return SessionFactory(
            offering=offering, title=title, starts_at=now + dt.timedelta(days=days)
        )

    session("In three days", 3)
    session("In ten days", 10)
    session("Two days ago", -2)  # register open: 3 grace days
    session("Nine days ago", -9)  # register closed
    taken = session("Taken last week", -5)
    attendance_mark(
        marked_by=facilitator,
        enrollment=EnrollmentFactory(offering=offering),
        session=taken,
        today=today - dt.timedelta(days=5),
    )
    # when the facilitator opens their home
    content = dashboard_page(client, facilitator)
    # then this week's session and the open register are listed, nothing else
    sessions = content.split('id="sessions-heading"')[1].split("</section>")[0]
    assert "In three days" in sessions
    assert "Two days ago" in sessions
    assert sessions.count("Register to fill") == 1
    assert sessions.index("Two days ago") < sessions.index("In three days")
    for absent in ["In ten days", "Nine days ago", "Taken last week"]:
        assert absent not in sessions


def test_running_offerings_in_a_table_upcoming_and_ended_folded(client, today):
    facilitator = FacilitatorFactory()
    run_offering(facilitator, today, title="Running Unit")
    run_offering(facilitator, today, title="Next Unit", starts_in=30, ends_in=60)
    run_offering(facilitator, today, title="Past Unit", starts_in=-90, ends_in=-7)
    content = dashboard_page(client, facilitator)
    running = content.split('id="running-heading"')[1].split("</section>")[0]
    assert "Running Unit" in running
    assert "<table" in running
    upcoming = content.split('id="upcoming-heading"')[1].split("</section>")[0]
    assert "<details>" in upcoming
    assert "Show 1 upcoming offering" in upcoming
    assert format_date(today + dt.timedelta(days=30)) in upcoming
    ended = content.split('id="ended-heading"')[1].split("</section>")[0]
    assert ended.index("<details>") < ended.index("Past Unit")


def test_staff_without_an_enrollment_get_no_learner_menu_or_empty_states(client, today):
    facilitator = FacilitatorFactory()
    run_offering(facilitator, today, title="Running Unit")
    content = dashboard_page(client, facilitator)
    assert reverse("certificates:my_awards") not in content
    assert reverse("transcripts:transcript") not in content
    assert "Nothing in progress" not in content
    assert "You have no current enrollments" not in content
    # a facilitator who is also enrolled somewhere keeps them
    EnrollmentFactory(learner=facilitator)
    content = dashboard_page(client, facilitator)
    assert reverse("certificates:my_awards") in content
    assert reverse("transcripts:transcript") in content


# session, user, roles; the menu's "holds an enrollment"; offerings with their
# learners; the waiting work per offering; sessions; the oldest waiting
# submissions' ids, then those versions; the home's own "enrolled somewhere".
FACILITATOR_HOME_QUERIES = 10


def test_queries_do_not_grow_with_offerings_and_submissions(
    client, now, today, django_assert_num_queries
):
    facilitator = FacilitatorFactory()
    offering = run_offering(facilitator, today, title="Unit 1")
    submit(offering, now - dt.timedelta(days=2))
    client.force_login(facilitator)
    with django_assert_num_queries(FACILITATOR_HOME_QUERIES):
        content = client.get(URL).content.decode()
    assert "Unit 1 project" in content
    for number in range(2, 6):
        offering = run_offering(facilitator, today, title=f"Unit {number}")
        SessionFactory(offering=offering, starts_at=now + dt.timedelta(days=1))
        submit(offering, now - dt.timedelta(days=number))
        submit(offering, now - dt.timedelta(days=number, hours=2))
    with django_assert_num_queries(FACILITATOR_HOME_QUERIES):
        content = client.get(URL).content.decode()
    assert all(f"Unit {number} project" in content for number in range(1, 6))
    assert 'tag-required">9</span>' in content  # waiting, in all


def test_a_facilitator_enrolled_as_a_learner_is_linked_to_their_own_learning(
    client, today
):
    # given a facilitator who is enrolled in another unit, and one who is not
    facilitator = FacilitatorFactory()
    run_offering(facilitator, today, title="Their Unit")
    EnrollmentFactory(learner=facilitator, offering__unit__title="Unit They Take")
    other = FacilitatorFactory()
    learning = reverse("dashboard:learning")

    # when each opens their home
    home = dashboard_page(client, facilitator)
    other_home = dashboard_page(client, other)

    # then only the enrolled one has the link, and it opens their own learning
    assert f'href="{learning}">Your own learning' in home
    assert f'href="{learning}"' not in other_home
    client.force_login(facilitator)
    page = client.get(learning)
    assert page.status_code == 200
    assert "Your dashboard" in page.content.decode()
    assert "Unit They Take" in page.content.decode()
