"""The report says when its figures were counted; an admin may have them
counted again now (audited), and the beat schedule counts them periodically."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from audit.models import AuditEvent
from core.scheduler import Scheduler
from enrollments.models import Enrollment
from reports.models import OfferingDay, ReportRollup
from reports.services.rollup import report_refresh_request, report_rollup
from tests.clock import local_noon
from tests.factories import EnrollmentFactory, FacilitatorFactory, UserFactory
from tests.reports import worlds

pytestmark = pytest.mark.django_db


def test_before_any_count_the_page_says_so(client):
    client.force_login(worlds.an_admin())
    page = client.get("/admin/reports/").content.decode()
    assert "The figures have not been counted yet." in page
    assert "Count the figures again now" in page


def test_refresh_now_counts_again_and_is_audited(
    client, django_capture_on_commit_callbacks
):
    admin = worlds.an_admin()
    client.force_login(admin)
    report_rollup()
    enrollment = EnrollmentFactory()
    assert not OfferingDay.objects.filter(offering=enrollment.offering).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/reports/refresh/", {"query": "date_from=2026-01-01"}
        )

    assert response.status_code == 302
    assert response["Location"] == "/admin/reports/?date_from=2026-01-01"
    requested = ReportRollup.objects.get(requested_by=admin)
    assert requested.finished_at is not None  # the task ran (no broker in tests)
    event = AuditEvent.objects.get(action=AuditEvent.Action.REPORT_REFRESH_REQUESTED)
    assert (event.actor, event.target_id) == (admin, requested.pk)
    (counted,) = OfferingDay.objects.filter(offering=enrollment.offering)
    assert counted.active == 1
    page = client.get(response["Location"]).content.decode()
    assert "Figures as of" in page
    # the task ran after the response here (the captured commit callbacks)
    assert "The figures are being counted again" in page


def test_a_waiting_request_is_not_asked_twice_and_the_next_count_answers_it():
    admin = worlds.an_admin()
    first = report_refresh_request(actor=admin)  # its task not run (no commit)
    assert report_refresh_request(actor=admin) == first
    assert AuditEvent.objects.filter(target_id=first.pk).count() == 1

    report_rollup()  # the periodic count

    first.refresh_from_db()
    assert first.finished_at is not None
    assert report_rollup(rollup_id=first.pk).finished_at == first.finished_at


@pytest.mark.parametrize("factory", [FacilitatorFactory, UserFactory])
def test_only_admins_may_ask_and_only_by_post(client, factory):
    client.force_login(factory(is_staff=True))
    assert client.post("/admin/reports/refresh/").status_code == 404
    assert client.get("/admin/reports/refresh/").status_code == 404
    client.force_login(worlds.an_admin())
    assert client.get("/admin/reports/refresh/").status_code == 405
    assert not ReportRollup.objects.exists()


def test_the_beat_schedule_counts_the_report():
    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "reports.rollup" in entries
    EnrollmentFactory()
    schedule = {
        name: entry
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        if entry["task"] == "reports.rollup"
    }
    assert Scheduler(schedule).tick() == list(schedule)
    assert ReportRollup.objects.get().finished_at is not None
    assert OfferingDay.objects.get().active == Enrollment.objects.count()


def test_the_command_counts_the_figures_now():
    out = StringIO()
    EnrollmentFactory()
    call_command("report_rollup", stdout=out)
    assert out.getvalue().startswith("Report figures counted as of ")
    assert OfferingDay.objects.get().active == 1


def test_a_count_keeps_the_admins_requests_and_drops_earlier_periodic_runs(today):
    admin = worlds.an_admin()
    with time_machine.travel(local_noon(today), tick=False):
        report_rollup()
        asked = report_refresh_request(actor=admin)
        report_rollup(rollup_id=asked.pk)
    with time_machine.travel(local_noon(today) + dt.timedelta(hours=1), tick=False):
        latest = report_rollup()
    assert set(ReportRollup.objects.all()) == {asked, latest}
