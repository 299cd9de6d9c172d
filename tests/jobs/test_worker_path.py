"""The request only enqueues (a real Redis broker), and the worker's progress is
seen from outside its transaction while that transaction is still open."""

import json

import pytest
import redis
from django.db import connections
from django.urls import reverse

from core import clock
from enrollments.group_orders.services import group_order_create
from enrollments.jobs.models import BulkJob
from enrollments.jobs.services import bulk_job_run, past_completion_import_start
from enrollments.models import Enrollment, PastCompletion
from enrollments.signals import progress_changed
from tests.certificates.worker import REDIS_URL, redis_reachable
from tests.enrollments.order_helpers import people, sotl_offering
from tests.factories import LearnerFactory, PortalAdminFactory, UnitFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(), reason=f"Redis is unreachable at {REDIS_URL}"
    ),
]


def test_confirm_returns_with_the_job_on_the_broker_and_nothing_written(
    client, celery_broker, settings
):
    # given a real broker and a quoted order
    celery_broker(REDIS_URL, eager=False)
    broker = redis.Redis.from_url(REDIS_URL)
    broker.flushdb()
    leader = UserFactory()
    order = group_order_create(
        leader=leader,
        offering=sotl_offering(),
        participants=people(3),
        today=clock.today(),
    )
    client.force_login(leader)

    # when the leader confirms
    response = client.post(reverse("orders:confirm", kwargs={"pk": order.pk}))

    # then the page of a queued job follows, the task waits on the broker
    job = BulkJob.objects.get(group_order=order)
    assert response.url == job.get_absolute_url()
    assert job.status == BulkJob.Status.QUEUED
    # jobs go to the default queue, beside the renders
    message = json.loads(broker.lindex(settings.CELERY_TASK_DEFAULT_QUEUE, 0))
    assert message["headers"]["task"] == "jobs.bulk_job_run"
    assert message["headers"]["argsrepr"] == f"({job.pk},)"
    assert not Enrollment.objects.exists()

    # and when the worker runs it, everyone is enrolled
    assert bulk_job_run(job_id=job.pk).status == BulkJob.Status.SUCCEEDED
    assert Enrollment.objects.filter(group_order=order).count() == 3


def test_progress_is_visible_outside_the_open_transaction(celery_broker):
    # given a checked import of three past completions, waiting on the broker
    celery_broker(REDIS_URL, eager=False)
    units = [UnitFactory(slug=f"unit-{n}") for n in range(3)]
    learner = LearnerFactory(email="lucia@example.org")
    text = "email,unit_slug,completed_on,source\n" + "".join(
        f"lucia@example.org,{unit.slug},2024-05-01,\n" for unit in units
    )
    job = past_completion_import_start(
        text=text, rows=3, imported_by=PortalAdminFactory(), today=clock.today()
    )
    # and an observer on a connection of its own, as the progress page is
    observer = connections.create_connection("default")
    seen = []

    def observe(sender, **kwargs):
        with observer.cursor() as cursor:
            cursor.execute("SELECT done FROM jobs_bulkjob WHERE id = %s", [job.pk])
            done = cursor.fetchone()[0]
            cursor.execute(
                "SELECT count(*) FROM enrollments_pastcompletion WHERE learner_id = %s",
                [learner.pk],
            )
            seen.append((done, cursor.fetchone()[0]))

    progress_changed.connect(observe)
    try:
        # when the worker runs it
        job = bulk_job_run(job_id=job.pk)
    finally:
        progress_changed.disconnect(observe)
        observer.close()

    # then, before each evaluation, the observer saw the count so far while
    # none of the rows was visible yet (one transaction)
    dones = [done for done, _ in seen]
    assert [rows for _, rows in seen] == [0, 0, 0]
    assert dones[0] == 0
    assert dones[1] >= 1  # the first row was reported at once
    assert dones == sorted(dones)
    assert job.status == BulkJob.Status.SUCCEEDED
    assert PastCompletion.objects.filter(learner=learner).count() == 3
