"""Issuance by a real Celery worker on Redis (skipped only when Redis is down).

The test data is committed (transactional tests) so the worker process, started
once for this module against the test database, sees it.
"""

import datetime as dt
import io
import time

import pytest
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Award
from certificates.services import award_request
from certificates.tasks import award_sweep_task
from core import clock
from programs.models import CredentialProgram

from . import journeys
from .journeys import CMTE_WORKSHOPS, STACK
from .worker import (
    REDIS_URL,
    emails_sent,
    redis_reachable,
    wait_for,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(),
        reason=f"Redis is unreachable at {REDIS_URL}: the real-worker tests need it",
    ),
]


def issued(worker, learner, **credential) -> Award:
    """Wait until the worker has issued and emailed the award."""

    def read():
        award = journeys.award_of(learner, **credential)
        return award if award and award.emailed_at else None

    return wait_for(worker, read)


def pdf_text(award: Award) -> str:
    document = award.documents.get(kind="certificate")
    with document.file.open("rb") as handle:
        return " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages
        )


def test_third_workshop_produces_the_cmte_certificate_pdf_within_seconds(
    catalog, on_the_worker, learner
):
    for slug in CMTE_WORKSHOPS[:2]:
        journeys.complete_workshop(learner, slug)

    started = time.monotonic()
    journeys.complete_workshop(learner, CMTE_WORKSHOPS[2])
    award = issued(on_the_worker, learner, program="cmte")

    assert time.monotonic() - started < 20
    assert award.status == Award.Status.ISSUED
    assert (
        emails_sent(on_the_worker.media_root).count(
            "Your Certificate in Media and Technology for Education is ready"
        )
        == 1
    )
    text = pdf_text(award)
    assert "Lucía Learner-Ortega" in text
    assert "Certificate in Media and Technology for Education" in text
    assert award.verification_code in text
    for slug in CMTE_WORKSHOPS:
        assert issued(on_the_worker, learner, unit=slug).documents.count() == 1


def test_portfolio_19_produces_nothing_and_20_produces_iste_certified_educator(
    catalog, on_the_worker, learner
):
    _, version = journeys.iste_ready_for_scoring(learner)

    journeys.score(version, 19)
    assert not Award.objects.filter(learner=learner).exists()

    journeys.score(version, 20)
    award = issued(on_the_worker, learner, program="iste-certified-educator")

    text = pdf_text(award)
    assert "ISTE Certified Educator" in text
    assert "Lucía Learner-Ortega" in text


def test_loyola_full_is_issued_only_when_every_submission_is_met(
    catalog, on_the_worker, learner
):
    enrollment = journeys.enroll(learner, "loyola-full-technology-integration")
    journeys.met(journeys.submit(enrollment, "Module activities"))
    journeys.not_met(journeys.submit(enrollment, "Competency-based project"))
    assert not Award.objects.filter(learner=learner).exists()

    journeys.met(journeys.submit(enrollment, "Competency-based project"))
    award = issued(on_the_worker, learner, unit="loyola-full-technology-integration")

    assert "Continuing Education Certificate" in pdf_text(award)


def test_a_stacked_badge_needs_its_prerequisites(catalog, on_the_worker, learner):
    journeys.complete_stacked(learner, STACK[1])
    assert not Award.objects.filter(learner=learner).exists()

    journeys.complete_stacked(learner, STACK[0])

    for slug in STACK[:2]:
        badge = issued(on_the_worker, learner, unit=slug).documents.get()
        assert badge.kind == "badge"
        assert badge.size_bytes > 1000


def test_the_sweep_on_the_worker_issues_what_the_broker_missed(
    catalog, on_the_worker, celery_broker, learner
):
    # given an award earned while the broker was down, pending for five minutes
    celery_broker("redis://127.0.0.1:1/0", eager=False)
    award, _ = award_request(
        learner=learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=clock.today(),
    )
    Award.objects.filter(pk=award.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert award.events.filter(kind="enqueue_failed").exists()

    # when the broker is back and beat sends the sweep
    celery_broker(REDIS_URL, eager=False)
    award_sweep_task.delay()

    # then the worker issues it
    assert issued(on_the_worker, learner, program="cmte").documents.count() == 1
