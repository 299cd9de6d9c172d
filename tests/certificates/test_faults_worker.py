"""Issue 11.2, the fault cases that need a real worker on Redis (module docstring of
``test_faults`` lists where every case lives).

Each test starts its own workers (a rendering and an email worker, one queue each)
so that a killed worker or a short visibility timeout stays within its test.
"""

import os
import signal
import socket
import threading
import time
from contextlib import contextmanager

import pytest
from django.urls import reverse

from certificates.enqueue import AWARD_ISSUE_TASK, awards_collected
from certificates.models import Award, AwardEvent, ProgressEvaluationRequest
from certificates.services import award_request
from certificates.tasks import progress_sweep_task
from core import clock
from credentials_portal.celery import app as celery_app
from programs.models import CredentialProgram
from reviews.models import Review
from tests.factories import LearnerFactory, PortalAdminFactory

from . import journeys
from .render_hold import rendering_pid_file
from .worker import (
    REDIS_URL,
    emails_sent,
    redis_reachable,
    wait_for,
    worker_start,
    worker_stop,
    workers_start,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(),
        reason=f"Redis is unreachable at {REDIS_URL}: the real-worker tests need it",
    ),
]
CMTE_SUBJECT = "Your Certificate in Media and Technology for Education is ready"
REFUSING_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def started(tmp_path):
    """Starts workers for the test and stops every one of them afterwards."""
    workers = []

    def start(**options):
        worker = worker_start(tmp_path, **options)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        if worker.process.poll() is None:
            worker_stop(worker)


@pytest.fixture
def learner():
    return LearnerFactory(legal_name="Lucía Learner-Ortega")


def cmte_requested(learner) -> Award:
    """A pending CMTE award whose task was not sent (the test sends it)."""
    with awards_collected():
        award, _ = award_request(
            learner=learner,
            program=CredentialProgram.objects.get(slug="cmte"),
            earned_on=clock.today(),
        )
    return award


def issued_and_emailed(worker, award: Award, timeout: float = 60.0) -> Award:
    def read():
        award.refresh_from_db()
        return award if award.emailed_at else None

    return wait_for(worker, read, timeout=timeout)


def files_of(worker, award: Award) -> list[str]:
    folder = worker.media_root / "certificates" / str(award.uuid)
    return sorted(path.name for path in folder.iterdir())


def test_the_render_task_run_three_times_for_one_award_gives_one_pdf_and_one_email(
    catalog, celery_broker, tmp_path, learner
):
    # given a rendering worker and an email worker, each on its queue
    workers = workers_start(tmp_path)
    try:
        celery_broker(REDIS_URL, eager=False)
        award = cmte_requested(learner)

        # when the render task is delivered three times
        for _ in range(3):
            celery_app.signature(AWARD_ISSUE_TASK, args=(award.pk,)).apply_async()
        rendering, email = workers
        issued_and_emailed(email, award)
        wait_for(
            rendering,
            lambda: rendering.log.read_text().count(f"{AWARD_ISSUE_TASK}[") >= 6,
        )
        time.sleep(1)  # any second email would be on its way by now
    finally:
        for worker in workers:
            worker_stop(worker)

    # then one PDF, one email, one issue and one email event
    assert award.status == Award.Status.ISSUED
    assert award.documents.count() == 1
    assert files_of(rendering, award) == ["certificate.pdf"]
    assert emails_sent(rendering.media_root) == [CMTE_SUBJECT]
    assert award.events.filter(kind=AwardEvent.Kind.ISSUED).count() == 1
    assert award.events.filter(kind=AwardEvent.Kind.EMAILED).count() == 1
    # and each task ran on its own queue's worker
    assert "certificates.award_email[" in email.log.read_text()
    assert "certificates.award_email[" not in rendering.log.read_text()
    assert f"{AWARD_ISSUE_TASK}[" not in email.log.read_text()


@contextmanager
def silent_broker():
    """A TCP server that accepts connections and never answers a byte."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        server.close()


@contextmanager
def refusing_broker():
    yield REFUSING_BROKER


LOYOLA_FULL = "loyola-full-technology-integration"


def loyola_awaiting_the_last_review(learner):
    enrollment = journeys.enroll(learner, LOYOLA_FULL)
    journeys.met(journeys.submit(enrollment, "Module activities"))
    return journeys.submit(enrollment, "Competency-based project")


@pytest.mark.parametrize(
    "broker",
    [
        pytest.param(refusing_broker, id="redis-refuses-connections"),
        pytest.param(silent_broker, id="redis-accepts-and-never-answers"),
    ],
)
def test_a_review_saved_while_redis_is_down_returns_in_5s_and_the_sweep_issues_it(
    catalog, celery_broker, client, tmp_path, learner, broker
):
    # given the last review a learner needs, and a broker that is down
    version = loyola_awaiting_the_last_review(learner)
    client.force_login(PortalAdminFactory())
    url = reverse("reviews:review", args=[version.submission.pk])

    with broker() as broker_url:
        celery_broker(broker_url, eager=False)

        # when the facilitator saves the review
        started = time.monotonic()
        response = client.post(url, {"decision": "met"})
        elapsed = time.monotonic() - started

    # then the page answers within 5 s, the review is saved, and its evaluation
    # waits in the outbox (its task could not be sent)
    assert response.status_code == 302
    assert elapsed < 5, f"the review took {elapsed:.1f}s with the broker down"
    assert Review.objects.get(version=version).decision == Review.Decision.MET
    assert ProgressEvaluationRequest.objects.filter(learner=learner).exists()
    assert journeys.award_of(learner, unit=LOYOLA_FULL) is None

    # when Redis is back and beat sends the progress sweep
    workers = workers_start(tmp_path)
    try:
        celery_broker(REDIS_URL, eager=False)
        progress_sweep_task.delay()

        # then the worker evaluates it, issues the award and emails it once
        award = wait_for(
            workers[0], lambda: journeys.award_of(learner, unit=LOYOLA_FULL)
        )
        issued_and_emailed(workers[1], award)
    finally:
        for worker in workers:
            worker_stop(worker)
    assert award.documents.count() == 1
    assert len(emails_sent(workers[0].media_root)) == 1
    assert not ProgressEvaluationRequest.objects.exists()


@pytest.mark.parametrize(
    "pool",
    [
        # The whole worker dies: acks_late leaves the message unacknowledged in
        # Redis, which hands it out again after the visibility timeout.
        pytest.param("solo", id="the-worker-process"),
        # A pool child dies: reject_on_worker_lost requeues it at once.
        pytest.param("prefork", id="a-pool-child"),
    ],
)
def test_a_worker_sigkilled_mid_render_issues_the_award_after_it_restarts(
    catalog, celery_broker, started, tmp_path, learner, pool
):
    # given a rendering worker whose first render hangs, and an email worker
    visibility = {"CELERY_VISIBILITY_TIMEOUT": "3"}
    rendering = started(
        queues="rendering",
        app="tests.certificates.slow_render",
        pool=pool,
        **visibility,
    )
    email = started(queues="email", media=rendering.media_root, flush=False)
    celery_broker(REDIS_URL, eager=False)
    award = cmte_requested(learner)
    celery_app.signature(AWARD_ISSUE_TASK, args=(award.pk,)).apply_async()

    # when the process rendering it is SIGKILLed mid-render
    pid_file = rendering_pid_file(rendering.media_root)
    wait_for(rendering, pid_file.exists)
    time.sleep(0.2)
    os.kill(int(pid_file.read_text()), signal.SIGKILL)
    award.refresh_from_db()
    assert award.status == Award.Status.PENDING
    if pool == "solo":
        rendering.process.wait(timeout=10)
        time.sleep(3.5)  # the visibility timeout passes while no worker runs
        rendering = started(
            queues="rendering",
            media=rendering.media_root,
            flush=False,
            **visibility,
        )

    # then the restarted worker (or pool child) issues it, with one PDF and email
    issued_and_emailed(email, award)
    assert award.documents.count() == 1
    assert files_of(rendering, award) == ["certificate.pdf"]
    assert emails_sent(rendering.media_root) == [CMTE_SUBJECT]
