"""Issue 19.4 on a real worker: a ZIP bulk job survives a worker kill."""

import io
import os
import signal
import time
import zipfile

import pytest
from django.core.files.storage import default_storage

from certificates.models import BulkAwardItem
from certificates.selectors.bulk import AwardFilter
from certificates.services.bulk import award_bulk_start
from certificates.services.bulk_zip import zip_entry_name
from enrollments.jobs.models import BulkJob
from programs.models import CredentialProgram

from .bulk_helpers import cmte_awards
from .bulk_hold import bulk_pid_file
from .worker import REDIS_URL, redis_reachable, wait_for, worker_start, worker_stop

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(),
        reason=f"Redis is unreachable at {REDIS_URL}: the real-worker tests need it",
    ),
]

# The broker hands a killed worker's task to the next worker after 3 s.
VISIBILITY = {"CELERY_VISIBILITY_TIMEOUT": "3"}


@pytest.fixture
def started(tmp_path):
    workers = []

    def start(**options):
        worker = worker_start(tmp_path, **options)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        if worker.process.poll() is None:
            worker_stop(worker)


def test_a_zip_bulk_job_survives_a_worker_kill(
    catalog, celery_broker, settings, started, today, portal_admin
):
    # given a worker that holds a bulk job at its third award, and five awards
    # issued into the worker's storage
    first = started(
        queues="rendering", app="tests.certificates.slow_bulk", **VISIBILITY
    )
    settings.MEDIA_ROOT = first.media_root
    awards = cmte_awards(today, [0, 1, 2, 3, 4])
    celery_broker(REDIS_URL, eager=False)
    job = award_bulk_start(
        kind=BulkJob.Kind.AWARD_ZIP,
        award_filter=AwardFilter(program=CredentialProgram.objects.get(slug="cmte")),
        actor=portal_admin,
    )

    # when the worker is SIGKILLed in the middle of the job (two awards done)
    pid_file = bulk_pid_file(first.media_root)
    wait_for(first, pid_file.exists)
    os.kill(int(pid_file.read_text()), signal.SIGKILL)
    first.process.wait(timeout=10)
    job.refresh_from_db()
    assert (job.status, job.done) == (BulkJob.Status.RUNNING, 2)
    time.sleep(3.5)  # the visibility timeout passes while no worker runs

    # and another worker starts
    second = started(
        queues="rendering", media=first.media_root, flush=False, **VISIBILITY
    )

    # then the job finishes, each award handled once, with a complete ZIP
    def finished():
        job.refresh_from_db()
        return job.is_finished

    wait_for(second, finished, timeout=60)
    assert job.status == BulkJob.Status.SUCCEEDED
    assert job.attempts == 2
    assert job.result["succeeded"] == 5
    assert not BulkAwardItem.objects.filter(job=job).exclude(outcome="done").exists()
    with default_storage.open(job.result["zip"], "rb") as stored:
        archive = zipfile.ZipFile(io.BytesIO(stored.read()))
    assert sorted(archive.namelist()) == sorted(
        zip_entry_name(award, "certificate.pdf") for award in awards
    )
    for award in awards:
        name = zip_entry_name(award, "certificate.pdf")
        assert archive.read(name) == award.documents.get().file.open("rb").read()
