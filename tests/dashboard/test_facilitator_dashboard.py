"""Facilitators and admins land on the offerings they run, not a learner's page."""

import datetime as dt

import pytest
from django.utils import timezone

from core.dates import format_date
from enrollments.attendance.services import attendance_mark
from programs.models import Requirement
from reviews.services.submissions import draft_save, submission_submit
from tests.dashboard.pages import URL, dashboard_page
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    OfferingFactory,
    PortalAdminFactory,
    RequirementFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def run_offering(facilitator, *, title: str, waiting: int = 0, ended: bool = False):
    """An offering with ``waiting`` submissions submitted 3 days ago, one past
    session without attendance, one with, and one to come."""
    today = timezone.localdate()
    end = today - dt.timedelta(days=1) if ended else today + dt.timedelta(days=30)
    offering = OfferingFactory(
        unit__title=title, start_date=today - dt.timedelta(days=60), end_date=end
    )
    offering.facilitators.add(facilitator)
    project = RequirementFactory(
        unit=offering.unit, review_mode=Requirement.ReviewMode.MET_NOT_MET
    )
    now = timezone.now()
    for _ in range(waiting):
        enrollment = EnrollmentFactory(offering=offering)
        draft_save(enrollment=enrollment, requirement=project, text="x")
        submission_submit(
            enrollment=enrollment,
            requirement=project,
            now=now - dt.timedelta(days=3, hours=1),
        )
    SessionFactory(
        offering=offering,
        title=f"{title} missed register",
        starts_at=now - dt.timedelta(days=2),
    )
    taken = SessionFactory(
        offering=offering, title=f"{title} taken", starts_at=now - dt.timedelta(days=9)
    )
    attendance_mark(
        marked_by=facilitator,
        enrollment=EnrollmentFactory(offering=offering),
        session=taken,
        today=timezone.localdate(taken.starts_at),  # marked on the session's day
    )
    SessionFactory(
        offering=offering,
        title=f"{title} next meeting",
        starts_at=now + dt.timedelta(days=5),
    )
    return offering


def test_a_facilitator_sees_waiting_work_next_session_and_registers(client):
    facilitator = FacilitatorFactory()
    run_offering(facilitator, title="Running Unit", waiting=2)
    run_offering(facilitator, title="Finished Unit", ended=True)
    run_offering(FacilitatorFactory(), title="Not Theirs", waiting=1)
    content = dashboard_page(client, facilitator)
    assert "2 submissions waiting for review · oldest waiting 3 days" in content
    assert "Next session: Running Unit next meeting" in content
    assert "Running Unit missed register" in content
    assert "Running Unit taken" not in content
    assert "Show 1 ended offering" in content
    assert content.index("<details>") < content.index("Finished Unit")
    assert "Not Theirs" not in content
    assert "Your current enrollments" not in content


def test_an_admin_sees_every_offering(client):
    run_offering(FacilitatorFactory(), title="First Unit", waiting=1)
    run_offering(FacilitatorFactory(), title="Second Unit")
    content = dashboard_page(client, PortalAdminFactory())
    assert "First Unit" in content
    assert "Second Unit" in content
    assert "1 submission waiting for review" in content


def test_queries_do_not_grow_with_offerings(client, django_assert_num_queries):
    facilitator = FacilitatorFactory()
    run_offering(facilitator, title="Unit 1", waiting=1)
    client.force_login(facilitator)
    # session, user, roles, offerings, their ids for the queue, waiting work, sessions
    with django_assert_num_queries(7) as small:
        content = client.get(URL).content.decode()
    assert "Unit 1" in content
    for number in range(2, 6):
        run_offering(facilitator, title=f"Unit {number}", waiting=1)
    with django_assert_num_queries(len(small.captured_queries)):
        content = client.get(URL).content.decode()
    assert all(f"Unit {number}" in content for number in range(1, 6))
    assert content.count("1 submission waiting for review") == 5


def test_running_offerings_come_first_then_upcoming_by_start_date(client):
    facilitator = FacilitatorFactory()
    today = timezone.localdate()

    def offering(title: str, starts_in: int, ends_in: int):
        run = OfferingFactory(
            unit__title=title,
            start_date=today + dt.timedelta(days=starts_in),
            end_date=today + dt.timedelta(days=ends_in),
        )
        run.facilitators.add(facilitator)

    # Created in the order the old page showed them: latest start first.
    offering("Next Spring Unit", starts_in=120, ends_in=150)
    offering("Next Month Unit", starts_in=30, ends_in=60)
    offering("Running Since Today", starts_in=0, ends_in=20)
    offering("Running For Weeks", starts_in=-30, ends_in=10)
    offering("Ended Last Week", starts_in=-60, ends_in=-7)

    content = dashboard_page(client, facilitator)

    order = [
        "Running For Weeks",
        "Running Since Today",
        "Next Month Unit",
        "Next Spring Unit",
        "<details>",
        "Ended Last Week",
    ]
    positions = [content.index(text) for text in order]
    assert positions == sorted(positions)
    starts = format_date(today + dt.timedelta(days=30))
    assert f"Starts {starts}" in content
    assert content.count("Starts ") == 2


def test_work_submitted_today_reads_submitted_today_not_zero_days(client):
    facilitator = FacilitatorFactory()
    offering = run_offering(facilitator, title="Fresh Unit")
    project = offering.unit.requirements.get()
    enrollment = EnrollmentFactory(offering=offering)
    draft_save(enrollment=enrollment, requirement=project, text="x")
    submission_submit(enrollment=enrollment, requirement=project, now=timezone.now())

    content = dashboard_page(client, facilitator)

    assert "1 submission waiting for review · submitted today" in content
    assert "0 days" not in content
