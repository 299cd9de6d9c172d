"""Bulk jobs run by the worker: all or nothing, once, and their progress page."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from core import clock
from enrollments.group_orders.services import group_order_create
from enrollments.jobs.models import BulkJob
from enrollments.jobs.services import (
    UNCLAIMED_AFTER,
    bulk_job_run,
    bulk_jobs_resend_unclaimed,
    group_order_confirm_start,
)
from enrollments.jobs.tasks import bulk_job_run_task
from enrollments.models import Enrollment, GroupOrder, Invoice
from enrollments.services.enrollment import enrollment_create
from tests.enrollments.order_helpers import people, sotl_offering
from tests.factories import PortalAdminFactory, UserFactory

from . import flaky_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    return group_order_create(
        leader=UserFactory(email="leader@school.example"),
        offering=sotl_offering(),
        participants=people(10),
        today=clock.today(),
    )


def _queued(order) -> BulkJob:
    return group_order_confirm_start(order=order, leader=order.leader)


def test_the_job_waits_until_the_worker_runs_it_then_writes_everything(order):
    # given a confirmation the leader started
    job = _queued(order)
    assert (job.status, job.done, job.total) == (BulkJob.Status.QUEUED, 0, 10)
    assert not Enrollment.objects.exists()

    # when the worker runs it
    job = bulk_job_run(job_id=job.pk)

    # then every participant is enrolled and invited, the leader invoiced
    assert job.status == BulkJob.Status.SUCCEEDED
    assert (job.done, job.mailed, job.step) == (10, 10, BulkJob.Step.DONE)
    invoice = Invoice.objects.get(order=order)
    assert job.result["invoice_number"] == invoice.number
    assert Enrollment.objects.filter(group_order=order).count() == 10
    assert len(mail.outbox) == 11
    assert job.finished_at is not None


def test_a_job_delivered_twice_does_the_work_and_mails_once(order):
    job = bulk_job_run(job_id=_queued(order).pk)
    # the broker delivers it again, as if the worker had died before the ack
    BulkJob.objects.filter(pk=job.pk).update(
        status=BulkJob.Status.RUNNING, finished_at=None
    )

    again = bulk_job_run(job_id=job.pk)

    assert again.status == BulkJob.Status.SUCCEEDED
    assert again.attempts == 2
    assert Enrollment.objects.filter(group_order=order).count() == 10
    assert Invoice.objects.count() == 1
    assert len(mail.outbox) == 11
    # and a finished job is left as it is
    assert bulk_job_run(job_id=job.pk).attempts == 2


def test_a_mail_server_error_is_retried_and_no_one_is_invited_twice(order, settings):
    # given a mail server that drops the connection after four invitations
    settings.EMAIL_BACKEND = "tests.jobs.flaky_mail.FlakyEmailBackend"
    flaky_mail.state["fail_after"] = 4
    job = _queued(order)

    # when the worker runs the job, the error reaches the task (which retries)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        bulk_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == BulkJob.Status.RUNNING
    assert job.written_at is not None
    assert len(mail.outbox) == 4

    # and the retry sends the others and the invoice
    job = bulk_job_run(job_id=job.pk)
    assert job.status == BulkJob.Status.SUCCEEDED
    recipients = [message.to[0] for message in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 11
    assert not order.participants.filter(invited_at__isnull=True).exists()


def test_a_refused_address_is_recorded_and_the_others_are_still_invited(
    client, order, settings, monkeypatch
):
    # given a mail server that refuses teacher 3's address and teacher 6's message
    settings.EMAIL_BACKEND = "tests.jobs.flaky_mail.RefusingEmailBackend"
    monkeypatch.setitem(flaky_mail.refused, "recipients", {"teacher3@school.example"})
    monkeypatch.setitem(flaky_mail.refused, "content", {"teacher6@school.example"})
    job = _queued(order)

    # when the worker runs the job
    job = bulk_job_run(job_id=job.pk)

    # then the eight others and the leader got their mail; the two are recorded
    assert job.status == BulkJob.Status.SUCCEEDED
    assert job.mailed == 8
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert len(recipients) == 9
    assert "teacher3@school.example" not in recipients
    assert "teacher6@school.example" not in recipients
    assert "teacher10@school.example" in recipients
    refused = order.participants.exclude(invitation_error="").order_by("name")
    assert [(p.name, p.invited_at, p.invitation_error) for p in refused] == [
        ("Teacher 3", None, "teacher3@school.example: 550 5.1.1 No such user"),
        ("Teacher 6", None, "554 5.7.1 Message rejected"),
    ]

    # and the job's page says which invitations were not sent, and why
    client.force_login(order.leader)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "10 participants are enrolled and 8 invited by email" in page
    assert "These invitations could not be sent:" in page
    assert "Teacher 3 (teacher3@school.example): teacher3@school.example: 550" in page
    assert "Teacher 6 (teacher6@school.example): 554 5.7.1 Message rejected" in page

    # and a second delivery of the job sends nothing again
    BulkJob.objects.filter(pk=job.pk).update(
        status=BulkJob.Status.RUNNING, finished_at=None
    )
    assert bulk_job_run(job_id=job.pk).status == BulkJob.Status.SUCCEEDED
    assert len(mail.outbox) == 9


def test_a_participant_refused_in_the_worker_fails_the_job_and_writes_nothing(order):
    # given a confirmation queued, then participant 3 enrolls on their own
    job = _queued(order)
    enrollment_create(
        learner=UserFactory(email="teacher3@school.example"),
        offering=order.offering,
        today=clock.today(),
    )

    # when the worker runs it
    job = bulk_job_run(job_id=job.pk)

    # then the job failed with who and why, and nothing of the order is written
    assert job.status == BulkJob.Status.FAILED
    assert job.message == (
        f"Teacher 3 (teacher3@school.example) is already enrolled in {order.offering}."
    )
    assert job.written_at is None
    order.refresh_from_db()
    assert order.status == GroupOrder.Status.QUOTED
    assert not Invoice.objects.exists()
    assert Enrollment.objects.filter(group_order=order).count() == 0
    assert mail.outbox == []
    # and the leader may start again once it is fixed
    assert _queued(order).pk != job.pk


def test_the_progress_page_is_the_owners_and_the_admins_only(client, order):
    job = _queued(order)
    url = reverse("jobs:detail", kwargs={"public_id": job.public_id})

    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(order.leader)
    assert client.get(url).status_code == 200
    client.force_login(PortalAdminFactory())
    assert client.get(url).status_code == 200


def test_the_page_counts_while_running_and_stops_refreshing_when_done(client, order):
    job = _queued(order)
    client.force_login(order.leader)
    BulkJob.objects.filter(pk=job.pk).update(
        status=BulkJob.Status.RUNNING, step=BulkJob.Step.WRITING, done=4
    )

    page = client.get(job.get_absolute_url()).content.decode()
    assert "Enrolling participants: 4 of 10." in page
    assert '<meta http-equiv="refresh" content="2">' in page

    BulkJob.objects.filter(pk=job.pk).update(status=BulkJob.Status.QUEUED)
    bulk_job_run(job_id=job.pk)
    page = client.get(job.get_absolute_url()).content.decode()
    invoice = Invoice.objects.get(order=order)
    assert "10 participants are enrolled and invited by email" in page
    assert reverse("orders:invoice", kwargs={"number": invoice.number}) in page
    assert "http-equiv" not in page


def test_a_failed_job_page_says_nothing_changed(client, order):
    job = _queued(order)
    enrollment_create(
        learner=UserFactory(email="teacher1@school.example"),
        offering=order.offering,
        today=clock.today(),
    )
    bulk_job_run(job_id=job.pk)
    client.force_login(order.leader)

    page = client.get(job.get_absolute_url()).content.decode()

    assert "Nothing was changed." in page
    assert "Teacher 1 (teacher1@school.example) is already enrolled" in page
    assert reverse("orders:quote", kwargs={"pk": order.pk}) in page
    assert "http-equiv" not in page


def test_an_invitation_that_cannot_be_written_fails_the_job_but_keeps_the_order(
    client, order, settings
):
    # given a mail template that breaks (not a transient error)
    settings.EMAIL_BACKEND = "tests.jobs.flaky_mail.BrokenEmailBackend"
    job = bulk_job_run(job_id=_queued(order).pk)

    # then the job says what was done and what was not
    assert job.status == BulkJob.Status.FAILED
    assert job.message == (
        "Everyone is enrolled and the invoice is issued, but the invitations "
        "could not all be sent. The team has been told."
    )
    assert Enrollment.objects.filter(group_order=order).count() == 10
    client.force_login(order.leader)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Nothing was changed." not in page
    assert job.result["invoice_number"] in page


def test_a_job_whose_retries_run_out_is_failed_not_left_running(order, settings):
    # given a mail server that stays away after four invitations
    settings.EMAIL_BACKEND = "tests.jobs.flaky_mail.FlakyEmailBackend"
    flaky_mail.state["fail_after"] = 4
    job = _queued(order)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        bulk_job_run(job_id=job.pk)

    # when Celery gives up on the task
    bulk_job_run_task.on_failure(None, "task-id", (job.pk,), {}, None)

    # then the job says the order is written but not everyone was invited
    job.refresh_from_db()
    assert job.status == BulkJob.Status.FAILED
    assert job.message.startswith("Everyone is enrolled and the invoice is issued")
    assert Enrollment.objects.filter(group_order=order).count() == 10


def test_a_job_the_worker_never_received_is_sent_again_by_the_sweep(order):
    # given a job queued while the broker was down, and one queued just now
    lost, fresh = (
        _queued(order),
        BulkJob.objects.create(
            kind=BulkJob.Kind.PAST_COMPLETION_IMPORT, started_by=order.leader, total=1
        ),
    )
    now = lost.created_at + UNCLAIMED_AFTER + dt.timedelta(seconds=1)
    BulkJob.objects.filter(pk=fresh.pk).update(created_at=now)

    # when beat's sweep runs (tasks run in-process in the tests)
    sent = bulk_jobs_resend_unclaimed(now=now)

    # then only the lost one is sent, and it runs to the end
    assert sent == [lost.pk]
    lost.refresh_from_db()
    assert lost.status == BulkJob.Status.SUCCEEDED
    assert Enrollment.objects.filter(group_order=order).count() == 10
    fresh.refresh_from_db()
    assert fresh.status == BulkJob.Status.QUEUED
