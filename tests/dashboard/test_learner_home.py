"""The learner's home: one progress statement per credential, every deadline a
run sets, attendance still to come, and the next step of a stack."""

import datetime as dt

import pytest
from django.urls import reverse

from core.dates import format_date
from enrollments.models import PastCompletion
from enrollments.services.registration import registration_create
from programs.models import Offering, Requirement, Unit
from reviews.selectors import Status, enrollment_requirement_rows
from tests.dashboard.pages import dashboard_page
from tests.factories import (
    EnrollmentFactory,
    LearnerFactory,
    OpenOfferingFactory,
    RequirementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def cards(content: str) -> list[str]:
    """The "What each credential still needs" cards, one string each."""
    section = content.split('id="why-not-yet-heading"')[1].split("</section>")[0]
    return section.split('<li class="card">')[1:]


def run_under_way(slug: str, today: dt.date) -> Offering:
    return Offering.objects.get(
        unit__slug=slug, start_date__lte=today, end_date__gte=today
    )


def next_run(slug: str, today: dt.date) -> Offering:
    return Offering.objects.filter(unit__slug=slug, start_date__gt=today).earliest(
        "start_date"
    )


def test_each_credential_has_one_progress_statement(client, demo_catalog, today):
    # given a learner with one CMTE workshop completed before and one under way
    learner = LearnerFactory()
    PastCompletion.objects.create(
        learner=learner,
        unit=Unit.objects.get(slug="the-online-classroom"),
        completed_on=today - dt.timedelta(days=400),
        imported_by=UserFactory(),
    )
    EnrollmentFactory(learner=learner, offering=run_under_way("sotl", today))
    # when the learner opens their home
    by_title = {
        card.split("</h3>")[0].split(">")[-2].split("<")[0]: card
        for card in cards(dashboard_page(client, learner))
    }
    # then the certificate counts its workshops and nothing else
    cmte = by_title["Certificate in Media and Technology for Education"]
    assert "1 of 3 completed" in cmte
    assert "condition" not in cmte
    assert cmte.count("<progress ") == 1
    # and the workshop counts its conditions, with one bar drawing the same
    sotl = by_title["Developing Strategies for Online Teaching and Learning"]
    assert "0 of 1 condition met" in sotl
    assert '<progress class="progress" max="1" value="0"' in sotl
    assert "completed" not in sotl


def test_a_runs_end_is_the_deadline_of_work_without_its_own(
    client, demo_catalog, today
):
    # given SOTL under way: its final product has no deadline of its own
    learner = LearnerFactory()
    offering = run_under_way("sotl", today)
    EnrollmentFactory(learner=learner, offering=offering)
    # when the learner opens their home
    content = dashboard_page(client, learner)
    # then the run's end is among the coming deadlines
    deadlines = content.split('id="deadlines-heading"')[1].split("</section>")[0]
    assert "Final product" in deadlines
    assert format_date(offering.end_date) in deadlines
    assert "No coming deadlines" not in content


def test_an_undated_run_gives_no_deadline(client):
    undated = OpenOfferingFactory(
        start_date=None, end_date=None, enrollment_opens=None, enrollment_closes=None
    )
    enrollment = EnrollmentFactory(offering=undated)
    requirement = RequirementFactory(unit=enrollment.offering.unit)
    client.force_login(enrollment.learner)
    page = client.get(
        reverse("reviews:requirement", args=[enrollment.pk, requirement.pk])
    ).content.decode()
    assert "<dt>Deadline</dt><dd>No deadline</dd>" in page
    assert "None" not in page


def test_attendance_at_sessions_to_come_is_upcoming(client, demo_catalog, today):
    # given a learner in the next ISTE cohort, whose sessions are all to come
    learner = LearnerFactory()
    offering = next_run("iste-certification", today)
    enrollment = registration_create(learner=learner, offering=offering, today=today)
    # then its attendance reads upcoming, not "not done", and is not a deadline
    content = dashboard_page(client, learner)
    assert "Attendance at the required virtual sessions: upcoming" in content
    assert "Attendance at the required virtual sessions not done" not in content
    [row] = [
        row
        for row in enrollment_requirement_rows(enrollment=enrollment, today=today)
        if row.requirement.kind == Requirement.Kind.ATTENDANCE
    ]
    assert row.status == Status.UPCOMING
    assert row.label == "Upcoming"
    # and once the first session has passed unattended, it is not done
    first = offering.sessions.order_by("starts_at").first()
    after = first.starts_at.date() + dt.timedelta(days=2)
    [row] = [
        row
        for row in enrollment_requirement_rows(enrollment=enrollment, today=after)
        if row.requirement.kind == Requirement.Kind.ATTENDANCE
    ]
    assert row.status == Status.NOT_STARTED


def test_after_the_first_stacked_badge_the_next_one_is_linked(client, demo_catalog):
    # given the first stacked micro-credential completed
    learner = LearnerFactory()
    PastCompletion.objects.create(
        learner=learner,
        unit=Unit.objects.get(slug="loyola-stacked-digital-tools-foundations"),
        completed_on=dt.date(2025, 5, 1),
        imported_by=UserFactory(),
    )
    # when the learner opens their home
    [stack] = [
        card
        for card in cards(dashboard_page(client, learner))
        if "Stacked Continuing Education Certificate" in card
    ]
    # then the stack's card links the second, whose prerequisite is now held
    second = reverse(
        "programs:unit_detail", args=["loyola-stacked-designing-with-digital-tools"]
    )
    assert "1 of 3 completed" in stack
    assert "2 more micro-credentials" in stack
    assert f'Next step: <a href="{second}">' in stack
    assert "Leading with Digital Tools" not in stack
