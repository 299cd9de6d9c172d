"""Rendering a learner's transcript PDF. Runs in the Celery worker (WeasyPrint).

Idempotent: the document's row is locked, and a PDF that already shows the
transcript as it stands is kept. The new file is saved under a fresh name through
the storage API and the row pointed at it in one transaction; the files of the
learner's folder other than the current one are deleted after commit, so there
is one file per learner and a reader never finds the row naming a missing file.
"""

import datetime as dt
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string

from certificates.rendering import render_pdf
from certificates.storage import learner_pdf_store
from core.site import site_context

from ..models import TranscriptDocument, transcript_path
from ..selectors import Transcript, transcript_for

logger = logging.getLogger(__name__)


def transcript_html(*, transcript: Transcript, produced_on: dt.date) -> str:
    return render_to_string(
        "transcripts/pdf/transcript.html",
        {
            "transcript": transcript,
            "produced_on": produced_on,
            **site_context(),
        },
    )


def transcript_pdf_bytes(*, transcript: Transcript, produced_on: dt.date) -> bytes:
    """The transcript as a PDF, not stored (the learner's download of everything)."""
    return render_pdf(transcript_html(transcript=transcript, produced_on=produced_on))


def transcript_pdf_render(
    *, learner_id: int, today: dt.date
) -> TranscriptDocument | None:
    """Render and store the learner's transcript if its PDF is missing or out of
    date; returns the document (None if the learner never asked for one)."""
    with transaction.atomic():
        document = (
            TranscriptDocument.objects.select_for_update()
            .filter(learner_id=learner_id)
            .first()
        )
        if document is None:
            return None
        learner = get_user_model().objects.get(pk=learner_id)
        transcript = transcript_for(learner=learner)
        fingerprint = transcript.fingerprint
        if document.file and document.fingerprint == fingerprint:
            if document.status != TranscriptDocument.Status.READY:
                document.status = TranscriptDocument.Status.READY
                document.last_error = ""
                document.save(update_fields=["status", "last_error"])
            return document
        content = transcript_pdf_bytes(transcript=transcript, produced_on=today)
        document.fingerprint = fingerprint
        document.produced_on = today
        document.status = TranscriptDocument.Status.READY
        document.last_error = ""
        learner_pdf_store(
            document, path=transcript_path, prefix="transcript", content=content
        )
    return document


@transaction.atomic
def transcript_pdf_fail(*, learner_id: int, error: Exception) -> None:
    """Record why the PDF could not be made: the page offers to try again."""
    TranscriptDocument.objects.filter(learner_id=learner_id).update(
        status=TranscriptDocument.Status.FAILED, last_error=repr(error)[:2000]
    )
