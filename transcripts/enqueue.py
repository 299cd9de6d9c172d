"""Handing a transcript PDF to the worker: by task name, on commit, through the
kernel's ``core.enqueue``: the web process never imports ``transcripts.tasks``
(nor, through it, WeasyPrint) while a broker is configured."""

from functools import partial

from core.enqueue import send_on_commit

from . import messages
from .models import TranscriptDocument

TRANSCRIPT_RENDER_TASK = "transcripts.transcript_render"


def transcript_render_on_commit(learner_id: int) -> None:
    """Render the learner's transcript once the transaction commits; a broker
    that is down marks the request failed, so the page offers to try again."""
    send_on_commit(
        TRANSCRIPT_RENDER_TASK, learner_id, on_failure=partial(_failed, learner_id)
    )


def _failed(learner_id: int) -> None:
    TranscriptDocument.objects.filter(
        learner_id=learner_id, status=TranscriptDocument.Status.PENDING
    ).update(
        status=TranscriptDocument.Status.FAILED,
        last_error=str(messages.QUEUE_UNREACHABLE),
    )
