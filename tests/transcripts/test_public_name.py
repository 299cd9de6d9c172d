"""The public transcript states the learner's legal name, never the email; a
deactivated learner's link is gone; the admin does not show the stored file."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import LearnerFactory
from tests.transcripts.conftest import issued_award
from transcripts.models import TranscriptDocument
from transcripts.selectors import transcript_for
from transcripts.services import transcript_share_create

pytestmark = pytest.mark.django_db


def test_without_a_legal_name_the_public_page_does_not_show_the_email(catalog):
    learner = LearnerFactory(
        legal_name="", first_name="", last_name="", email="hidden@example.org"
    )
    issued_award(learner, unit="sotl")
    share = transcript_share_create(learner=learner)

    response = Client().get(share.get_absolute_url())

    assert response.status_code == 200
    assert "hidden@example.org" not in response.content.decode()
    assert transcript_for(learner=learner).name == ""


def test_the_name_is_the_one_the_latest_award_states(catalog):
    learner = LearnerFactory(legal_name="Ana Old-Name", email="ana@example.org")
    issued_award(learner, unit="sotl")
    learner.legal_name = "Ana New-Name"
    learner.save()

    assert transcript_for(learner=learner).name == "Ana Old-Name"


def test_an_award_that_froze_the_email_falls_back_to_the_legal_name(catalog):
    learner = LearnerFactory(legal_name="", first_name="", last_name="")
    issued_award(learner, unit="sotl")
    learner.legal_name = "Bea Given-Later"
    learner.save()

    share = transcript_share_create(learner=learner)
    content = Client().get(share.get_absolute_url()).content.decode()

    assert "Bea Given-Later" in content
    assert learner.email not in content


def test_the_pdf_filename_never_carries_the_email(catalog, client):
    learner = LearnerFactory(
        legal_name="", first_name="", last_name="", email="file@example.org"
    )
    issued_award(learner, unit="sotl")
    TranscriptDocument.objects.create(
        learner=learner,
        status=TranscriptDocument.Status.READY,
        produced_on=timezone.localdate(),
        requested_at=timezone.now(),
        size_bytes=8,
        fingerprint="f" * 64,
        file="transcripts/x/transcript.pdf",
    )
    default_storage.save("transcripts/x/transcript.pdf", ContentFile(b"%PDF-1.4"))
    client.force_login(learner)

    response = client.get(reverse("transcripts:pdf"))

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "example" not in disposition
    assert 'filename="transcript-learner-' in disposition


def test_a_deactivated_learners_link_is_a_404(catalog):
    learner = LearnerFactory(legal_name="Cleo Closed")
    issued_award(learner, unit="sotl")
    share = transcript_share_create(learner=learner)
    assert Client().get(share.get_absolute_url()).status_code == 200

    learner.is_active = False
    learner.save()

    assert Client().get(share.get_absolute_url()).status_code == 404


def test_the_document_admin_does_not_render_the_stored_files_url(catalog, admin_client):
    learner = LearnerFactory(legal_name="Dee Document")
    document = TranscriptDocument.objects.create(
        learner=learner,
        status=TranscriptDocument.Status.READY,
        produced_on=timezone.localdate(),
        requested_at=timezone.now(),
        size_bytes=8,
        fingerprint="f" * 64,
        file="transcripts/secret-folder/transcript.pdf",
    )

    response = admin_client.get(
        reverse("admin:transcripts_transcriptdocument_change", args=[document.pk])
    )

    assert response.status_code == 200
    assert "secret-folder" not in response.content.decode()
