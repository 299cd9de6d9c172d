""" "Why not yet" never goes silent, and an admin can evaluate a learner now
(issue 20, items 3 and 4)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from audit.models import AuditEvent
from certificates.models import Award
from certificates.selectors import progress_reports_for
from core.dates import format_date
from programs.models import Offering
from tests.factories import EnrollmentFactory, UserFactory

from . import journeys

pytestmark = pytest.mark.django_db
CMTE = "Certificate in Media and Technology for Education"
SOTL = "Developing Strategies for Online Teaching and Learning"


@pytest.fixture
def met_early(catalog, learner, today):
    """SOTL's final product submitted in its run under way, the two other CMTE
    workshops completed before: every condition of SOTL and CMTE is met."""
    offering = Offering.objects.get(
        unit__slug="sotl", start_date__lte=today, end_date__gt=today
    )
    journeys.submit(
        EnrollmentFactory(learner=learner, offering=offering), "Final product"
    )
    for slug in ["otla", "the-online-classroom"]:
        journeys.record_past_completion(learner, slug)
    return offering


def end_run(offering, day):
    """The run's last day moves without anyone announcing it (the calendar)."""
    Offering.objects.filter(pk=offering.pk).update(end_date=day)


def reports(learner):
    return {
        report.credential: report for report in progress_reports_for(learner=learner)
    }


def progress_url(learner):
    return reverse("admin:certificates_award_progress", args=[learner.pk])


def test_a_program_counts_units_met_and_waits_for_their_run(met_early, learner):
    # when every condition is met before SOTL's run ends
    by_name = reports(learner)
    # then CMTE asks for nothing more and is earned with SOTL, on the run's end
    assert [(line.is_met, line.missing) for line in by_name[CMTE].lines] == [(True, "")]
    assert by_name[CMTE].earned_on == by_name[SOTL].earned_on == met_early.end_date
    assert not by_name[CMTE].due


def test_why_not_yet_says_an_award_is_due_and_when_it_comes(
    met_early, learner, today, admin_client
):
    # given the run ended yesterday and no sweep has run since
    yesterday = today - dt.timedelta(days=1)
    end_run(met_early, yesterday)
    # when the admin reads the learner's progress
    page = admin_client.get(progress_url(learner)).content.decode()
    # then both credentials say they are due, since when, and within how long
    due = (
        f"Every condition is met and the award is due since {format_date(yesterday)}:"
        " it is issued at the next check, within 10 minutes."
    )
    assert page.count(due) == 2
    assert "Still needed" not in page
    assert not Award.objects.filter(learner=learner).exists()


def test_evaluate_now_issues_what_is_due_says_so_and_is_audited(
    met_early, learner, today, portal_admin, client, django_capture_on_commit_callbacks
):
    # given the run ended yesterday
    end_run(met_early, today - dt.timedelta(days=1))
    client.force_login(portal_admin)
    # when the admin presses "Evaluate now"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(progress_url(learner), follow=True)
    # then the unit and program certificates are issued, and the page says so
    awards = Award.objects.filter(learner=learner)
    assert {(a.unit_id is not None, a.status) for a in awards} == {
        (True, Award.Status.ISSUED),
        (False, Award.Status.ISSUED),
    }
    page = response.content.decode()
    assert f"Evaluated now: {SOTL}, {CMTE} awarded" in page
    event = AuditEvent.objects.get(action=AuditEvent.Action.PROGRESS_EVALUATED)
    assert (event.actor, event.learner) == (portal_admin, learner)


def test_evaluate_now_before_the_run_ends_awards_nothing_and_says_so(
    met_early, learner, portal_admin, client
):
    client.force_login(portal_admin)
    response = client.post(progress_url(learner), follow=True)
    assert "Evaluated now: nothing is due today." in response.content.decode()
    assert not Award.objects.filter(learner=learner).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.PROGRESS_EVALUATED, learner=learner
    ).exists()


def test_a_view_only_admin_sees_no_button_and_cannot_evaluate(
    met_early, learner, today, client
):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_award"))
    client.force_login(viewer)
    end_run(met_early, today - dt.timedelta(days=1))
    assert "Evaluate now" not in client.get(progress_url(learner)).content.decode()
    assert client.post(progress_url(learner)).status_code == 403
    assert not Award.objects.filter(learner=learner).exists()


def test_the_learners_admin_pages_link_to_their_progress(met_early, learner, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    enrollment = learner.enrollments.get()
    pages = [
        reverse("admin:accounts_user_change", args=[learner.pk]),
        reverse("admin:enrollments_enrollment_change", args=[enrollment.pk]),
        reverse("admin:enrollments_enrollment_changelist"),
        reverse("enrollments:roster", args=[met_early.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'href="{progress_url(learner)}"' in response.content.decode(), url
