"""The download of everything built by a real Celery worker on Redis (skipped
only when Redis is down): the web side writes the request and sends the task by
name on commit; a task delivered again builds nothing more."""

import io
import zipfile

import pytest
from django.urls import reverse

from core.enqueue import send
from learnerdata.enqueue import EXPORT_BUILD_TASK
from learnerdata.models import DataExport
from tests.certificates.worker import REDIS_URL, redis_reachable, wait_for

from .worlds import resubmitted

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(),
        reason=f"Redis is unreachable at {REDIS_URL}: the real-worker tests need it",
    ),
]


def _builds_ended(worker) -> int:
    return sum(
        f"{EXPORT_BUILD_TASK}[" in line and "succeeded" in line
        for line in worker.log.read_text().splitlines()
    )


def test_the_worker_builds_the_zip_once_even_when_the_task_comes_again(
    on_the_worker, client
):
    # given a learner who resubmitted work
    story = resubmitted()
    learner = story.world.enrollment.learner
    client.force_login(learner)

    # when they ask for everything, the web side records it and returns
    response = client.post(reverse("learnerdata:request"))
    assert response.status_code == 302
    export = DataExport.objects.get(learner=learner)

    # then the worker builds it
    ready = wait_for(
        on_the_worker,
        lambda: DataExport.objects.filter(pk=export.pk, status="ready").first(),
    )
    with ready.file.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert "README.txt" in names
    assert sum(name.endswith("version.json") for name in names) == 2

    # and a second delivery of the same task succeeds without building again
    send(EXPORT_BUILD_TASK, export.pk)
    wait_for(on_the_worker, lambda: _builds_ended(on_the_worker) == 2)
    again = DataExport.objects.get(pk=export.pk)
    assert (again.attempts, again.finished_at) == (1, ready.finished_at)
