"""Celery tasks of transcripts: fetch by id, call one service, retry policy.

The service is imported inside the task, so WeasyPrint loads in the worker only.
"""

import logging

from celery import shared_task

from certificates.retries import MAX_RENDER_ATTEMPTS
from core import clock
from core.transient import TRANSIENT_ERRORS

from .enqueue import TRANSCRIPT_RENDER_TASK

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name=TRANSCRIPT_RENDER_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RENDER_ATTEMPTS - 1,
    soft_time_limit=120,
    time_limit=180,
)
def transcript_render_task(self, learner_id: int) -> str | None:
    """Render the learner's transcript PDF; a no-op when it is up to date.

    Transient errors (database, broker, files) are retried with backoff; any
    other error, or the last retry's, marks the PDF failed with its reason.
    """

    from .services.rendering import transcript_pdf_fail, transcript_pdf_render

    try:
        document = transcript_pdf_render(learner_id=learner_id, today=clock.today())
    except TRANSIENT_ERRORS as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
        transcript_pdf_fail(learner_id=learner_id, error=exc)
        return "failed"
    except Exception as exc:
        logger.exception("Rendering the transcript of learner %s failed", learner_id)
        transcript_pdf_fail(learner_id=learner_id, error=exc)
        return "failed"
    return document.status if document else None
