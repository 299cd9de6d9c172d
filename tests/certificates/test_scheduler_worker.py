"""With a real worker and beat: an award becomes due when its run's last day
arrives and is issued with no one acting (issue 20, item 1)."""

import datetime as dt

import pytest

from certificates.models import Award
from programs.models import Offering
from tests.factories import EnrollmentFactory

from . import journeys
from .beat import beat_start
from .worker import REDIS_URL, redis_reachable, wait_for, worker_stop, workers_start

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(),
        reason=f"Redis is unreachable at {REDIS_URL}: the real-worker tests need it",
    ),
]


def test_beat_issues_the_unit_and_program_awards_once_the_run_ends(
    catalog, learner, today, tmp_path
):
    # given a learner who met SOTL during its run, two CMTE workshops done before
    offering = Offering.objects.get(
        unit__slug="sotl", start_date__lte=today, end_date__gt=today
    )
    journeys.submit(
        EnrollmentFactory(learner=learner, offering=offering), "Final product"
    )
    for slug in ["otla", "the-online-classroom"]:
        journeys.record_past_completion(learner, slug)
    assert not Award.objects.filter(learner=learner).exists()
    processes = workers_start(tmp_path)
    processes.append(beat_start(tmp_path, PROGRESS_SWEEP_SECONDS="2"))
    try:
        # when the run's last day passes (the calendar: nobody announces it)
        Offering.objects.filter(pk=offering.pk).update(
            end_date=today - dt.timedelta(days=1)
        )

        # then beat's progress sweep and the worker issue both certificates
        def both_issued():
            awards = Award.objects.filter(learner=learner, status=Award.Status.ISSUED)
            return awards.count() == 2

        wait_for(processes[0], both_issued, timeout=90)
    finally:
        for process in processes:
            worker_stop(process)
    assert set(
        Award.objects.filter(learner=learner).values_list("unit__slug", "program__slug")
    ) == {("sotl", None), (None, "cmte")}
