"""The periodic work runs in the default start too: ``manage.py run_scheduler``
runs Celery beat's schedule in-process (issue 20, item 1)."""

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from certificates.models import Award
from core.scheduler import Scheduler
from credentials_portal.celery import app as celery_app
from programs.models import Offering
from tests.factories import EnrollmentFactory, LearnerFactory

from . import journeys

PROBE = "tests.scheduler_probe"
probe_runs: list[int] = []


@celery_app.task(name=PROBE)
def scheduler_probe() -> None:
    probe_runs.append(1)


class FakeMonotonic:
    def __init__(self):
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


def test_each_entry_runs_at_the_first_tick_then_once_per_interval():
    # given a schedule of one task every 300 s
    probe_runs.clear()
    clock = FakeMonotonic()
    scheduler = Scheduler({"probe": {"task": PROBE, "schedule": 300.0}}, clock)
    # when it ticks at once, after 299 s and after 300 s
    first = scheduler.tick()
    clock.seconds += 299
    early = scheduler.tick()
    clock.seconds += 1
    due = scheduler.tick()
    # then the task ran at the first tick and when its interval had passed
    assert (first, early, due) == (["probe"], [], ["probe"])
    assert len(probe_runs) == 2
    assert scheduler.seconds_to_next() == 300.0


def test_the_schedule_is_celery_beats():
    scheduler = Scheduler(settings.CELERY_BEAT_SCHEDULE)
    assert set(scheduler.schedule) >= {
        "certificates-award-sweep",
        "certificates-progress-sweep",
        "jobs-bulk-job-sweep",
        "reviews-deadline-reminders",
        "certificates-expiry-reminders",
    }
    assert settings.CELERY_BEAT_SCHEDULE["certificates-progress-sweep"]["schedule"] == (
        settings.PROGRESS_SWEEP_SECONDS
    )
    assert settings.PROGRESS_SWEEP_SECONDS <= 15 * 60  # "within minutes"


def test_a_crontab_entry_is_refused():
    with pytest.raises(TypeError, match="intervals in seconds"):
        Scheduler({"x": {"task": PROBE, "schedule": object()}})


@pytest.mark.django_db
def test_an_award_due_since_the_run_ended_is_issued_by_the_scheduler(
    award_catalog, today, django_capture_on_commit_callbacks
):
    # given a learner who met SOTL's rules while the run was under way
    learner = LearnerFactory()
    offering = Offering.objects.get(
        unit__slug="sotl", start_date__lte=today, end_date__gte=today
    )
    journeys.submit(
        EnrollmentFactory(learner=learner, offering=offering), "Final product"
    )
    assert not Award.objects.filter(learner=learner).exists()
    # when the run's last day has passed (no change announced) and the scheduler runs
    Offering.objects.filter(pk=offering.pk).update(
        end_date=today - dt.timedelta(days=1)
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once", stdout=out)
    # then the award is issued in this process, with no broker
    award = Award.objects.get(learner=learner, unit__slug="sotl")
    assert award.status == Award.Status.ISSUED
    assert "ran certificates-progress-sweep" in out.getvalue()
