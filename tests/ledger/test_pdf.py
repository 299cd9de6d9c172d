"""The ledger PDF: asked for by the learner, rendered by the task, with each
credential's verification link; only ever the learner's own."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.refusal import Refusal
from ledger import messages
from ledger.models import LedgerDocument
from ledger.services import ledger_pdf_request
from tests.factories import LearnerFactory, PortalAdminFactory

from .conftest import award_with, hold, outside

pytestmark = pytest.mark.django_db

EXPIRY = dt.date(2029, 6, 30)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_the_pdf_states_the_ledger_with_each_verification_link(
    client, maryland, learner, django_capture_on_commit_callbacks
):
    hold(learner, maryland, EXPIRY)
    awards = [
        award_with(learner, earned_on=dt.date(2025, 3, 1), cpd_credits=Decimal(1)),
        award_with(learner, earned_on=dt.date(2026, 3, 1), ceus=Decimal("0.6")),
    ]
    outside(
        learner,
        earned_on=dt.date(2026, 5, 1),
        amount=Decimal(2),
        verified_by=PortalAdminFactory(),
    )
    client.force_login(learner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ledger:pdf_request"))
    assert response.status_code == 302
    document = LedgerDocument.objects.get()
    assert document.status == LedgerDocument.Status.READY

    download = client.get(reverse("ledger:pdf"))
    assert download["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(download.streaming_content))
    assert "Lucía Learner-Ortega" in text
    assert "3.4 of 6 credits, renewal due" in text
    assert "Summer literacy institute" in text
    for award in awards:
        # A long address wraps in its cell: read the text without the breaks.
        assert award.verification_url in text.replace(" ", "")


def test_without_a_certificate_there_is_nothing_to_print(learner, now):
    with pytest.raises(Refusal) as refused:
        ledger_pdf_request(learner=learner, now=now)

    assert refused.value.message == messages.NOTHING_TO_PRINT
    assert not LedgerDocument.objects.exists()


def test_another_learner_has_no_pdf_of_mine(
    client, maryland, learner, django_capture_on_commit_callbacks
):
    hold(learner, maryland, EXPIRY)
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ledger:pdf_request"))
    client.force_login(LearnerFactory())

    assert client.get(reverse("ledger:pdf")).status_code == 404
