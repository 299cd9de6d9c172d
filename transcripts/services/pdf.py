"""Asking for the learner's transcript PDF (the web side of it)."""

import datetime as dt

from django.db import transaction

from core.refusal import Refusal

from .. import messages
from ..enqueue import transcript_render_on_commit
from ..models import TranscriptDocument
from ..selectors import transcript_for


@transaction.atomic
def transcript_pdf_request(*, learner, now: dt.datetime) -> TranscriptDocument:
    """Mark the learner's PDF as being prepared and send its task on commit.

    A PDF that already shows the transcript as it stands is kept as it is and
    nothing is sent. Asking twice sends two tasks; the worker renders once.
    """
    transcript = transcript_for(learner=learner)
    if not transcript.entries:
        raise Refusal(messages.NOTHING_TO_PRINT)
    document, _ = TranscriptDocument.objects.select_for_update().get_or_create(
        learner=learner, defaults={"requested_at": now}
    )
    if (
        document.status == TranscriptDocument.Status.READY
        and document.fingerprint == transcript.fingerprint
    ):
        return document
    document.status = TranscriptDocument.Status.PENDING
    document.requested_at = now
    document.last_error = ""
    document.save(update_fields=["status", "requested_at", "last_error"])
    transcript_render_on_commit(learner.pk)
    return document
