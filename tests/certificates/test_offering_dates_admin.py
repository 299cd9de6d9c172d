"""Changing an offering's dates in the admin first shows what it does, then is
audited and re-evaluates the run's learners (issue 20, item 2)."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from certificates.models import Award
from core.dates import format_date
from programs.models import Offering, Requirement
from tests.admin_forms import admin_change_data
from tests.factories import EnrollmentFactory, LearnerFactory

from . import journeys

pytestmark = pytest.mark.django_db
CONFIRM = "_confirm_offering_dates"


@pytest.fixture
def run(catalog, today):
    """SOTL's run under way, its final product due 14 days after the run ends,
    one learner who submitted it (met early) and one who did not."""
    offering = Offering.objects.get(
        unit__slug="sotl", start_date__lte=today, end_date__gt=today
    )
    Requirement.objects.filter(unit=offering.unit, title="Final product").update(
        deadline=Requirement.Deadline.AFTER_OFFERING_END, deadline_days_after_end=14
    )
    done = LearnerFactory(legal_name="Dana Done")
    journeys.submit(EnrollmentFactory(learner=done, offering=offering), "Final product")
    EnrollmentFactory(
        learner=LearnerFactory(legal_name="Nia Notyet"), offering=offering
    )
    return offering


def url_of(offering):
    return reverse("admin:programs_offering_change", args=[offering.pk])


def test_moving_the_end_first_shows_what_it_does(superuser_client, run, today):
    # when the admin moves the end to yesterday and saves
    yesterday = today - dt.timedelta(days=1)
    data = admin_change_data(
        superuser_client, url_of(run), end_date=yesterday.isoformat(), _save="Save"
    )
    response = superuser_client.post(url_of(run), data)
    # then a preview names the award that becomes due, the deadline that moves and
    # the enrollment window that no longer fits; nothing is saved yet
    assert response.status_code == 200
    preview = response.context["preview"]
    assert [learner.legal_name for learner in preview.becoming_due] == ["Dana Done"]
    assert [(m.requirement, m.before, m.after) for m in preview.deadlines] == [
        (
            "Final product",
            run.end_date + dt.timedelta(days=14),
            yesterday + dt.timedelta(days=14),
        )
    ]
    page = response.content.decode()
    assert f"End date: {format_date(run.end_date)} → {format_date(yesterday)}" in page
    assert "Dana Done" in page
    assert "Nia Notyet" not in page
    assert ("Enrollment closes after the run ends" in page) == (
        run.enrollment_closes > yesterday
    )
    assert Offering.objects.get(pk=run.pk).end_date == run.end_date
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.OFFERING_DATES_CHANGED
    ).exists()


def test_an_enrollment_window_past_the_new_end_is_named(superuser_client, run, today):
    new_end = run.start_date
    data = admin_change_data(
        superuser_client,
        url_of(run),
        end_date=new_end.isoformat(),
        enrollment_closes=(new_end + dt.timedelta(days=1)).isoformat(),
    )
    page = superuser_client.post(url_of(run), data).content.decode()
    assert "Enrollment closes after the run ends" in page


def test_saving_the_preview_audits_and_issues_what_became_due(
    superuser_client, run, today, django_capture_on_commit_callbacks
):
    yesterday = today - dt.timedelta(days=1)
    data = admin_change_data(
        superuser_client, url_of(run), end_date=yesterday.isoformat(), _save="Save"
    )
    # when the admin confirms the preview
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url_of(run), {**data, CONFIRM: "1"})
    # then the dates are saved, audited, and the learner's certificate is issued
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.end_date == yesterday
    event = AuditEvent.objects.get(action=AuditEvent.Action.OFFERING_DATES_CHANGED)
    assert event.after["dates"] == {"end date": yesterday.isoformat()}
    award = Award.objects.get(learner__legal_name="Dana Done", unit=run.unit)
    assert award.status == Award.Status.ISSUED
    assert not Award.objects.filter(learner__legal_name="Nia Notyet").exists()


def test_a_change_without_new_dates_saves_at_once(superuser_client, run):
    data = admin_change_data(superuser_client, url_of(run), capacity="41")
    response = superuser_client.post(url_of(run), data)
    assert response.status_code == 302, [
        f.formset.errors for f in response.context["inline_admin_formsets"]
    ] + [response.context["errors"]]
    run.refresh_from_db()
    assert run.capacity == 41


def unit_url(unit):
    return reverse("admin:programs_unit_change", args=[unit.pk])


def offering_row(data: dict, offering) -> str:
    """The prefix of the unit page's row of ``offering``."""
    (key,) = [k for k, v in data.items() if k.endswith("-id") and v == str(offering.pk)]
    return key.removesuffix("-id")


def test_the_unit_pages_row_sends_a_run_with_learners_to_its_preview(
    superuser_client, run, today
):
    # given the unit page with the run's row given a new end
    url = unit_url(run.unit)
    data = admin_change_data(superuser_client, url, _save="Save")
    row = offering_row(data, run)
    data[f"{row}-end_date"] = (today - dt.timedelta(days=1)).isoformat()

    # when the admin saves the unit
    response = superuser_client.post(url, data)

    # then the row is refused with a link to the run's page; nothing is saved
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f'{run} has 2 learners: change its dates on <a href="{url_of(run)}">its '
        "own page</a>, which first shows what the change does to their awards "
        "and deadlines."
    ) in page
    assert Offering.objects.get(pk=run.pk).end_date == run.end_date


def test_the_unit_pages_row_of_a_run_without_learners_takes_new_dates(
    superuser_client, run, today
):
    # given a run of the unit nobody is enrolled in
    empty = Offering.objects.filter(unit=run.unit, enrollments=None).first()
    assert empty is not None
    url = unit_url(run.unit)
    data = admin_change_data(superuser_client, url, _save="Save")
    row = offering_row(data, empty)
    new_end = empty.end_date + dt.timedelta(days=7)
    data[f"{row}-end_date"] = new_end.isoformat()

    # when the admin saves the unit, then its new end is saved
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    assert Offering.objects.get(pk=empty.pk).end_date == new_end
