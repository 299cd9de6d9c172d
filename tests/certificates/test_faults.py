"""Issue 11.2: the fault cases of issuance, each a test named after it.

- the render task run 3 times for one award gives 1 PDF and 1 email:
  ``test_faults_worker::test_the_render_task_run_three_times_...`` (real workers),
  and here, the email's own exactly-once cases;
- 20 concurrent triggers of the final evaluation give exactly 1 award, by a database
  constraint: ``test_concurrency``;
- a review saved while Redis refuses connections, or accepts and never answers:
  ``test_faults_worker::test_a_review_saved_while_redis_is_down_...``;
- a worker SIGKILLed mid-render: ``test_faults_worker::test_a_worker_sigkilled_...``
  and, here, the visibility timeout against the longest task;
- a rolled-back transaction sends no task, and a render that always fails ends
  failed after N attempts with a resend action in the admin: here.
"""

import datetime as dt
import smtplib

import pytest
import redis
from django.db import OperationalError, transaction
from django.urls import reverse

from certificates.models import Award, AwardEvent
from certificates.retries import (
    MAX_EMAIL_ATTEMPTS,
    MAX_EMAIL_FAILURES,
    MAX_RENDER_ATTEMPTS,
)
from certificates.services import award_request, issuance
from certificates.services import emailing as emailing_module
from certificates.services.emailing import award_email
from certificates.services.issuance import award_issue, award_sweep
from certificates.tasks import award_email_task, award_issue_task
from core import clock
from credentials_portal.celery import app as celery_app
from programs.models import CredentialProgram
from tests.factories import LearnerFactory

from .worker import REDIS_URL, redis_reachable

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    """Raised to roll a transaction back."""


@pytest.fixture
def lucia():
    """A learner with an email address, for the emailing cases."""
    return LearnerFactory(legal_name="Lucía Learner-Ortega", email="lucia@example.org")


def request_cmte(lucia) -> Award:
    award, _ = award_request(
        learner=lucia,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=clock.today(),
    )
    return award


@pytest.mark.skipif(not redis_reachable(), reason=f"Redis is down at {REDIS_URL}")
@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_sends_no_task(catalog, celery_broker, lucia):
    # given this process enqueueing to Redis, with an empty rendering queue
    queue = redis.Redis.from_url(REDIS_URL)
    queue.flushdb()
    celery_broker(REDIS_URL, eager=False)

    # when an award is requested in a transaction that rolls back
    def requested_then_rolled_back():
        with transaction.atomic():
            request_cmte(lucia)
            raise Rollback

    with pytest.raises(Rollback):
        requested_then_rolled_back()

    # then nothing was written and no task sent; a committed request sends one
    assert not Award.objects.exists()
    assert queue.llen("rendering") == 0
    request_cmte(lucia)
    assert queue.llen("rendering") == 1
    queue.flushdb()


def test_a_render_that_always_fails_ends_failed_after_n_retries_with_a_resend_action(
    catalog, lucia, monkeypatch, admin_client, django_capture_on_commit_callbacks
):
    # given a disk that is full on every attempt
    def disk_full(**kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(issuance, "render_document", disk_full)
    award = request_cmte(lucia)

    # when the task runs with its retries (applied in-process, they run at once)
    award_issue_task.apply(args=[award.pk])

    # then the award is failed after the last attempt, each one recorded
    award.refresh_from_db()
    assert award.status == Award.Status.FAILED
    assert award.attempts == MAX_RENDER_ATTEMPTS
    assert award.events.filter(kind="render_failed").count() == MAX_RENDER_ATTEMPTS

    # and the admin lists it with its reason and offers the resend action
    changelist = reverse("admin:certificates_award_changelist")
    page = admin_client.get(changelist, {"status__exact": "failed"})
    assert list(page.context["cl"].result_list) == [award]
    assert "No space left on device" in page.content.decode()
    actions = dict(page.context["action_form"].fields["action"].choices)
    assert actions["retry"] == "Resend failed awards: issue them again"

    # when the disk has room again and the admin resends it, it is issued
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            changelist, {"action": "retry", "_selected_action": [award.pk]}
        )
    award.refresh_from_db()
    assert award.status == Award.Status.ISSUED
    assert award.documents.count() == 1


def test_an_email_whose_confirmation_fails_to_commit_is_never_sent_twice(
    catalog, lucia, monkeypatch, mailoutbox, admin_client
):
    # given an issued award, and a database that fails the commit after sending
    award = award_issue(award_id=request_cmte(lucia).pk)

    def commit_lost(award_id):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(emailing_module, "_confirm", commit_lost)

    # when the email task runs with its retries, and the sweep runs later
    award_email_task.apply(args=[award.pk])
    swept = award_sweep(
        now=award.issued_at + dt.timedelta(hours=1), pending_for=dt.timedelta(0)
    )

    # then the lucia got exactly one email; the award shows it unconfirmed
    award.refresh_from_db()
    assert len(mailoutbox) == 1
    assert swept == {"issued": 0, "emails_queued": 0}
    assert award.email_claimed_at is not None
    assert award.emailed_at is None
    page = admin_client.get(
        reverse("admin:certificates_award_changelist"), {"email": "unconfirmed"}
    )
    assert list(page.context["cl"].result_list) == [award]


def test_a_mail_server_that_refuses_releases_the_claim_and_the_retry_sends_once(
    catalog, lucia, monkeypatch, mailoutbox
):
    # given an issued award and a mail server that refuses the first message
    award = request_cmte(lucia)
    award_issue(award_id=award.pk)
    refusals = []
    send = emailing_module.EmailMessage.send

    def refuse_once(message, *args, **kwargs):
        if not refusals:
            refusals.append(message.to)
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return send(message, *args, **kwargs)

    monkeypatch.setattr(emailing_module.EmailMessage, "send", refuse_once)

    # when the email task runs (its retry runs at once in-process)
    award_email_task.apply(args=[award.pk])

    # then the refusal is recorded and the retry sent the one email
    award.refresh_from_db()
    assert refusals == [["lucia@example.org"]]
    assert len(mailoutbox) == 1
    assert award.emailed_at is not None
    assert award.events.filter(kind=AwardEvent.Kind.EMAIL_FAILED).count() == 1
    assert award.events.filter(kind=AwardEvent.Kind.EMAILED).count() == 1
    assert award_email(award_id=award.pk) is False
    assert len(mailoutbox) == 1


def test_an_email_the_mail_server_always_refuses_stops_and_waits_for_an_admin(
    catalog,
    learner,
    monkeypatch,
    mailoutbox,
    admin_client,
    django_capture_on_commit_callbacks,
):
    # given an issued award whose email the mail server always refuses
    award = award_issue(award_id=request_cmte(learner).pk)
    send = emailing_module.EmailMessage.send

    def refuse(message, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(emailing_module.EmailMessage, "send", refuse)

    # when the task runs with its retries and the sweep enqueues it round after round
    later = award.issued_at + dt.timedelta(hours=1)
    award_email_task.apply(args=[award.pk])
    rounds = []
    for _ in range(MAX_EMAIL_FAILURES):
        with django_capture_on_commit_callbacks(execute=True):
            rounds.append(award_sweep(now=later, pending_for=dt.timedelta(0)))

    # then the sends stop at the bound, and the sweep stops enqueueing it
    award.refresh_from_db()
    failed = award.events.filter(kind=AwardEvent.Kind.EMAIL_FAILED)
    assert failed.count() == MAX_EMAIL_FAILURES
    assert award.email_failures == MAX_EMAIL_FAILURES
    assert rounds[-1] == {"issued": 0, "emails_queued": 0}
    assert sum(r["emails_queued"] for r in rounds) == (
        MAX_EMAIL_FAILURES // MAX_EMAIL_ATTEMPTS - 1
    )
    assert award_email(award_id=award.pk) is False
    assert failed.count() == MAX_EMAIL_FAILURES

    # and the admin lists it as failed, with its reason
    changelist = reverse("admin:certificates_award_changelist")
    page = admin_client.get(changelist, {"email": "failed"})
    assert list(page.context["cl"].result_list) == [award]
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in (
        page.content.decode()
    )

    # when the mail server is back and an admin emails it again, it is sent once
    monkeypatch.setattr(emailing_module.EmailMessage, "send", send)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            changelist, {"action": "email_again", "_selected_action": [award.pk]}
        )
    award.refresh_from_db()
    assert len(mailoutbox) == 1
    assert award.emailed_at is not None
    assert award.email_failures == 0
    assert award.events.filter(kind=AwardEvent.Kind.EMAIL_REQUESTED).get().actor
    assert (
        not admin_client.get(changelist, {"email": "failed"}).context["cl"].result_list
    )


def test_the_admin_sends_an_unconfirmed_email_again(
    catalog, lucia, admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    # given an award whose sender died while handing its email to the mail server
    award = request_cmte(lucia)
    award_issue(award_id=award.pk)
    Award.objects.filter(pk=award.pk).update(email_claimed_at=award.issued_at)
    changelist = reverse("admin:certificates_award_changelist")

    # when an admin sends it again
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            changelist, {"action": "email_again", "_selected_action": [award.pk]}
        )

    # then it is sent and confirmed, and a second try is refused
    award.refresh_from_db()
    assert len(mailoutbox) == 1
    assert award.emailed_at is not None
    assert award.events.filter(kind=AwardEvent.Kind.EMAIL_REQUESTED).count() == 1
    page = admin_client.post(
        changelist,
        {"action": "email_again", "_selected_action": [award.pk]},
        follow=True,
    )
    assert (
        "Only an issued award whose email was never confirmed can be emailed again."
        in page.content.decode()
    )


def test_the_visibility_timeout_is_longer_than_the_longest_task():
    """Redis hands an unacknowledged task to another worker after the visibility
    timeout: a running task (or a retry waiting for its countdown) must never
    outlast it, or it would run twice."""
    import certificates.tasks
    import reviews.tasks  # noqa: F401

    timeout = celery_app.conf.broker_transport_options["visibility_timeout"]
    tasks = [
        task
        for name, task in celery_app.tasks.items()
        if name.startswith(("certificates.", "reviews."))
    ]

    assert certificates.tasks.award_issue_task in tasks
    assert all(task.acks_late and task.reject_on_worker_lost for task in tasks)
    longest = max(task.time_limit or 0 for task in tasks)
    assert 0 < longest < timeout
    assert max(getattr(task, "retry_backoff_max", 0) for task in tasks) < timeout
