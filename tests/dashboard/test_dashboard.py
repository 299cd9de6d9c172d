"""The learner's dashboard: enrollments with dates and deadlines, and progress."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import clock
from core.dates import format_date
from enrollments.models import Enrollment, PastCompletion
from enrollments.services.registration import registration_create
from programs.models import Offering
from reviews.services.submissions import artifact_add
from tests.catalog import demo_offering
from tests.factories import (
    EnrollmentFactory,
    LearnerFactory,
    OpenOfferingFactory,
    RequirementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/dashboard/"


def next_run(slug: str) -> Offering:
    """The unit's next run in the demo catalogue: its enrollment is open today."""
    return demo_offering(slug, "next", today=clock.today())


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_is_at_its_documented_address_and_needs_a_login(client):
    assert reverse("dashboard:dashboard") == URL
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_two_cmte_workshops_under_way_draw_an_empty_bar(client, demo_catalog):
    # given two of the three CMTE workshops under way and none completed
    learner = LearnerFactory()
    for slug in ["sotl", "otla"]:
        registration_create(
            learner=learner, offering=next_run(slug), today=clock.today()
        )
    content = page(client, learner)
    # then the bar draws completed of required, not taken
    assert "0 of 3 completed" in content
    assert '<progress class="progress" max="3" value="0"' in content
    assert "Developing Strategies for Online Teaching and Learning" in content


def test_the_certificates_progress_is_shown_once(client, demo_catalog):
    learner = LearnerFactory()
    registration_create(learner=learner, offering=next_run("sotl"), today=clock.today())
    content = page(client, learner)
    assert content.count("Certificate in Media and Technology for Education") == 1
    assert content.count("<progress ") == 2  # one per credential: SOTL and CMTE


def test_earlier_completions_count_toward_the_certificate(client, demo_catalog):
    learner = LearnerFactory()
    PastCompletion.objects.create(
        learner=learner,
        unit=next_run("sotl").unit,
        completed_on=dt.date(2024, 5, 1),
        source="the 2024 cohort",
        imported_by=UserFactory(),
    )
    registration_create(learner=learner, offering=next_run("otla"), today=clock.today())
    content = page(client, learner)
    assert "1 of 3 completed" in content
    assert '<progress class="progress" max="3" value="1"' in content
    assert "the 2024 cohort" in content


def test_completed_and_withdrawn_enrollments_are_past(client):
    learner = LearnerFactory()
    done = EnrollmentFactory(
        learner=learner,
        status=Enrollment.Status.COMPLETED,
        completed_at=timezone.now(),
        offering__unit__title="Finished Unit",
    )
    EnrollmentFactory(
        learner=learner,
        status=Enrollment.Status.WITHDRAWN,
        offering__unit__title="Dropped Unit",
    )
    client.force_login(learner)
    context = client.get(URL).context
    assert context["current_enrollments"] == []
    assert {e.offering.unit.title for e in context["past_enrollments"]} == {
        done.offering.unit.title,
        "Dropped Unit",
    }


def test_next_deadline_is_computed_from_the_offering_end(client):
    learner = LearnerFactory()
    today = timezone.localdate()
    offering = OpenOfferingFactory(
        start_date=today - dt.timedelta(days=14), end_date=today + dt.timedelta(days=13)
    )
    RequirementFactory(
        unit=offering.unit,
        title="Final reflection",
        deadline="after_end",
        deadline_days_after_end=30,
    )
    EnrollmentFactory(learner=learner, offering=offering)
    content = page(client, learner)
    due = today + dt.timedelta(days=43)
    assert "Next deadline: Final reflection" in content
    assert format_date(due) in content
    assert "due in 43 days" in content


def test_only_the_learners_own_enrollments_are_listed(client):
    mine = EnrollmentFactory(offering__unit__title="Mine")
    EnrollmentFactory(offering__unit__title="Somebody Else's")
    content = page(client, mine.learner)
    assert "Mine" in content
    assert "Somebody Else" not in content


# The learner dashboard's queries when the request's transaction wrote the
# catalogue (as this test's does), so that the rule graph is read whole from the
# database rather than the cache (the cached page: test_learner_dashboard_queries):
# session, user, roles; the learner's record, read once (enrollments, the
# sessions and extensions of those that have some; past completions; submissions
# and their latest versions); the rule graph (units with their requirements,
# prerequisites and programs; programs with their units and requirements; rules
# and their units; renewal rules); invoices; the state certificates the learner
# holds (the ledger: one more, the credits earned elsewhere, when they hold any).
# Awards and their documents add two when the learner has any.
DASHBOARD_QUERIES = 20


def test_query_count_is_bounded_and_does_not_grow_with_enrollments(
    client, demo_catalog
):
    learner = LearnerFactory()
    client.force_login(learner)

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    registration_create(learner=learner, offering=next_run("sotl"), today=clock.today())
    PastCompletion.objects.create(
        learner=learner,
        unit=next_run("the-online-classroom").unit,
        completed_on=dt.date(2024, 5, 1),
        imported_by=UserFactory(),
    )
    one, content = count()
    assert "Developing Strategies for Online Teaching and Learning" in content
    assert "1 of 3 completed" in content
    # More enrollments, in units with and without rules and deadlines.
    registration_create(learner=learner, offering=next_run("otla"), today=clock.today())
    for _ in range(3):
        offering = OpenOfferingFactory()
        RequirementFactory(
            unit=offering.unit, deadline="after_end", deadline_months_after_end=6
        )
        EnrollmentFactory(learner=learner, offering=offering)
    many, content = count()
    assert "Online Teaching and Learning in Action" in content
    assert content.count("Next deadline:") >= 3
    assert many == one <= DASHBOARD_QUERIES


def test_a_passed_deadline_leaves_the_dashboard_but_stays_on_the_enrollment(client):
    today = timezone.localdate()
    offering = OpenOfferingFactory(
        start_date=today - dt.timedelta(days=40), end_date=today - dt.timedelta(days=5)
    )
    RequirementFactory(
        unit=offering.unit,
        title="Final reflection",
        deadline="after_end",
        deadline_days_after_end=2,
    )
    enrollment = EnrollmentFactory(offering=offering)
    content = page(client, enrollment.learner)
    assert "Final reflection" not in content
    assert "No coming deadlines in your current enrollments." in content
    detail = client.get(reverse("enrollments:detail", args=[enrollment.pk]))
    assert "passed 3 days ago" in detail.content.decode()


def test_dashboard_lists_the_invoices_billed_to_the_learner(client):
    # given a learner registered in a priced workshop, and another learner's invoice
    learner, other = LearnerFactory(), LearnerFactory()
    offering = OpenOfferingFactory()
    mine = registration_create(learner=learner, offering=offering).invoice
    theirs = registration_create(learner=other, offering=offering).invoice

    # when the learner opens the dashboard
    client.force_login(learner)
    content = client.get(reverse("dashboard:dashboard")).content.decode()

    # then only their own invoice is listed, with its total
    assert mine.number in content
    assert theirs.number not in content
    assert "USD 400" in content


def test_a_portfolio_under_way_shows_7_of_9_to_14_artifacts(client):
    # given an ISTE-style portfolio with seven artifacts in its draft
    enrollment = EnrollmentFactory(offering=OpenOfferingFactory())
    portfolio = RequirementFactory(
        unit=enrollment.offering.unit,
        title="E-portfolio",
        kind="portfolio",
        min_artifacts=9,
        max_artifacts=14,
    )
    for number in range(7):
        artifact_add(
            enrollment=enrollment,
            requirement=portfolio,
            title=f"Artifact {number}",
            text="A lesson and student work.",
            reflection="What changed for my students.",
            standards=["learner"],
        )

    # when the learner opens the dashboard
    client.force_login(enrollment.learner)
    content = client.get(reverse("dashboard:dashboard")).content.decode()

    # then the portfolio's progress is shown against its range
    assert "portfolio: 7 of 9-14 artifacts" in content
