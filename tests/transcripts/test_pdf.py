"""The transcript PDF: asked for by the learner, rendered by the task, one file."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.services import award_request
from certificates.services.issuance import award_issue
from core.refusal import Refusal
from programs.models import Unit
from tests.certificates.worker import point_celery_at
from tests.factories import LearnerFactory
from tests.transcripts.conftest import issued_award
from transcripts import messages
from transcripts.models import TranscriptDocument
from transcripts.services import transcript_pdf_request
from transcripts.services.rendering import transcript_pdf_render
from transcripts.tasks import transcript_render_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return LearnerFactory(legal_name="Lucía Learner-Ortega", email="lucia@example.org")


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def pdf_text(document: TranscriptDocument) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def folder_files(document: TranscriptDocument) -> list[str]:
    folder = Path(settings.MEDIA_ROOT) / "transcripts" / str(document.folder)
    return sorted(path.name for path in folder.iterdir())


def ask(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("transcripts:pdf_request"))
    assert response.status_code == 302
    return TranscriptDocument.objects.get()


def test_asking_renders_a_pdf_of_every_credential_with_its_figures(
    catalog, learner, signed_in, django_capture_on_commit_callbacks
):
    # given a CAEL letter's 60 clock hours, a Loyola Full CPD credit and CEUs
    cael = issued_award(learner, unit="cael-driving-change", track="non_credit")
    issued_award(learner, unit="loyola-full-technology-integration")
    issued_award(learner, unit="loyola-ceu-edcamps-conferences", ceus=Decimal("0.6"))

    # when the learner asks for the PDF (no broker: the task runs in-process)
    document = ask(signed_in, django_capture_on_commit_callbacks)

    # then it is a real PDF dated today, listing each credential and the totals
    assert document.status == TranscriptDocument.Status.READY
    assert document.produced_on == timezone.localdate()
    text = pdf_text(document)
    assert "Transcript of credentials" in text
    assert "Lucía Learner-Ortega" in text
    assert "Driving Change: A Certificate of Advanced Leadership Module" in text
    assert "Technology Integration for Learning" in text
    assert "CEU for Edcamps and Conferences" in text
    assert "Non-credit" in text
    assert cael.verification_code in text
    assert f"produced {timezone.localdate():%B} {timezone.localdate().day}" in text
    assert "Totals 60 about 15 1 0.6" in text
    assert "lucia@example.org" not in text
    # and the page offers the download, which is that file
    page = signed_in.get(reverse("transcripts:transcript")).content.decode()
    assert "Download your transcript (PDF" in page
    download = signed_in.get(reverse("transcripts:pdf"))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_rendering_again_keeps_the_same_file(catalog, learner):
    issued_award(learner, unit="sotl")
    transcript_pdf_request(learner=learner, now=timezone.now())
    first = transcript_pdf_render(learner_id=learner.pk, today=dt.date(2026, 12, 1))

    again = transcript_render_task.apply(args=[learner.pk])
    second = TranscriptDocument.objects.get()

    assert again.result == TranscriptDocument.Status.READY
    assert second.file.name == first.file.name
    assert second.produced_on == dt.date(2026, 12, 1)
    assert folder_files(second) == [Path(first.file.name).name]


def test_a_new_credential_makes_the_pdf_out_of_date_and_a_new_one_replaces_it(
    catalog, learner, signed_in, django_capture_on_commit_callbacks
):
    issued_award(learner, unit="sotl")
    first = ask(signed_in, django_capture_on_commit_callbacks)
    # a new credential, issued through the real services
    award, _ = award_request(
        learner=learner,
        unit=Unit.objects.get(slug="otla"),
        earned_on=timezone.localdate(),
    )
    award_issue(award_id=award.pk)

    page = signed_in.get(reverse("transcripts:transcript")).content.decode()
    assert "no longer matches your transcript" in page
    second = ask(signed_in, django_capture_on_commit_callbacks)

    assert second.file.name != first.file.name
    assert folder_files(second) == [Path(second.file.name).name]
    assert "Online Teaching and Learning in Action" in pdf_text(second)


def test_asking_for_an_up_to_date_pdf_sends_nothing(catalog, learner):
    issued_award(learner, unit="sotl")
    transcript_pdf_request(learner=learner, now=timezone.now())
    rendered = transcript_pdf_render(learner_id=learner.pk, today=dt.date(2026, 12, 1))

    again = transcript_pdf_request(learner=learner, now=timezone.now())

    assert again.status == TranscriptDocument.Status.READY
    assert again.requested_at == rendered.requested_at


def test_without_a_credential_there_is_nothing_to_print(learner):
    with pytest.raises(Refusal) as refused:
        transcript_pdf_request(learner=learner, now=timezone.now())

    assert refused.value.message == messages.NOTHING_TO_PRINT
    assert not TranscriptDocument.objects.exists()


def test_a_render_for_a_learner_who_never_asked_does_nothing(learner):
    assert (
        transcript_pdf_render(learner_id=learner.pk, today=timezone.localdate()) is None
    )


def test_a_broker_that_is_down_marks_the_request_failed_and_offers_to_retry(
    catalog, learner, signed_in, django_capture_on_commit_callbacks
):
    issued_award(learner, unit="sotl")
    try:
        point_celery_at("redis://127.0.0.1:1/0", eager=False)
        document = ask(signed_in, django_capture_on_commit_callbacks)
    finally:
        point_celery_at(settings.CELERY_BROKER_URL, eager=True)

    assert document.status == TranscriptDocument.Status.FAILED
    assert document.last_error == str(messages.QUEUE_UNREACHABLE)
    page = signed_in.get(reverse("transcripts:transcript")).content.decode()
    assert "could not be prepared" in page
    assert "Prepare your transcript PDF" in page


def test_a_certificate_of_ceus_prints_the_events_ceus(catalog, learner):
    award, _ = award_request(
        learner=learner,
        unit=Unit.objects.get(slug="loyola-ceu-edcamps-conferences"),
        earned_on=dt.date(2026, 6, 1),
        ceus=Decimal("0.6"),
    )
    award = award_issue(award_id=award.pk)

    assert award.snapshot["ceus"] == "0.6"
    with award.documents.get().file.open("rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert "0.6 CEUs" in " ".join(text.split())
