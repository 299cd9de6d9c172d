"""Handing a transcript PDF to the worker: by task name, on commit.

As ``certificates.enqueue`` does for awards: the web process never imports
``transcripts.tasks`` (nor, through it, WeasyPrint) while a broker is configured.
"""

import logging
from functools import partial
from importlib import import_module

from django.db import transaction

from credentials_portal.celery import app as celery_app

from . import messages
from .models import TranscriptDocument

TRANSCRIPT_RENDER_TASK = "transcripts.transcript_render"

logger = logging.getLogger(__name__)


def transcript_render_on_commit(learner_id: int) -> None:
    transaction.on_commit(partial(transcript_render_send, learner_id), robust=True)


def transcript_render_send(learner_id: int) -> None:
    """Ask the worker to render the learner's transcript; a broker that is down
    is logged and the request marked failed, so the page offers to try again."""
    if (
        celery_app.conf.task_always_eager
        and TRANSCRIPT_RENDER_TASK not in celery_app.tasks
    ):
        # In-process mode (no broker) runs the task here: it must be registered.
        import_module("transcripts.tasks")
    try:
        celery_app.signature(TRANSCRIPT_RENDER_TASK, args=(learner_id,)).apply_async()
    except Exception:
        logger.warning(
            "Could not enqueue the transcript of learner %s", learner_id, exc_info=True
        )
        TranscriptDocument.objects.filter(
            learner_id=learner_id, status=TranscriptDocument.Status.PENDING
        ).update(
            status=TranscriptDocument.Status.FAILED,
            last_error=str(messages.QUEUE_UNREACHABLE),
        )
