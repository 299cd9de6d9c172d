"""The transcript PDF rendered by a real Celery worker on Redis (skipped only when
Redis is down). The web side only marks the request and sends the task by name."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.certificates.worker import (
    REDIS_URL,
    redis_reachable,
    wait_for,
)
from tests.factories import LearnerFactory
from tests.transcripts.conftest import issued_award
from transcripts.models import TranscriptDocument

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(),
        reason=f"Redis is unreachable at {REDIS_URL}: the real-worker tests need it",
    ),
]


def test_the_worker_renders_the_pdf_the_learner_asked_for(
    award_catalog, on_the_worker, client
):
    # given a learner holding a CAEL module's 60 clock hours
    learner = LearnerFactory(legal_name="Lucía Learner-Ortega")
    issued_award(learner, unit="cael-driving-change", track="non_credit")
    client.force_login(learner)

    # when they ask for the PDF, the web side records the request and returns
    response = client.post(reverse("transcripts:pdf_request"))
    assert response.status_code == 302
    assert TranscriptDocument.objects.filter(learner=learner).count() == 1

    # then the worker renders it
    document = wait_for(
        on_the_worker,
        lambda: TranscriptDocument.objects.filter(
            learner=learner, status=TranscriptDocument.Status.READY
        ).first(),
    )
    with document.file.open("rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert "Driving Change" in text
    assert "Lucía Learner-Ortega" in text
    assert (
        "Download your transcript"
        in client.get(reverse("transcripts:transcript")).content.decode()
    )
