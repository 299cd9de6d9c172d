"""Celery tasks of the ledger: fetch by id, call one service, retry policy.

The rendering service is imported inside its task, so WeasyPrint loads in the
worker only.
"""

import logging

from celery import shared_task

from certificates.retries import MAX_RENDER_ATTEMPTS
from core import clock
from core.transient import TRANSIENT_ERRORS

from .enqueue import LEDGER_REMINDERS_TASK, LEDGER_RENDER_TASK
from .services.reminders import ledger_reminders_send

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name=LEDGER_RENDER_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RENDER_ATTEMPTS - 1,
    soft_time_limit=120,
    time_limit=180,
)
def ledger_render_task(self, learner_id: int) -> str | None:
    """Render the learner's ledger PDF. Transient errors are retried with
    backoff; any other error, or the last retry's, marks the PDF failed."""

    from .services.rendering import ledger_pdf_fail, ledger_pdf_render

    try:
        document = ledger_pdf_render(learner_id=learner_id, today=clock.today())
    except TRANSIENT_ERRORS as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
        ledger_pdf_fail(learner_id=learner_id, error=exc)
        return "failed"
    except Exception as exc:
        logger.exception("Rendering the ledger of learner %s failed", learner_id)
        ledger_pdf_fail(learner_id=learner_id, error=exc)
        return "failed"
    return document.status if document else None


@shared_task(
    name=LEDGER_REMINDERS_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=600,
)
def ledger_reminders_task() -> int:
    """Daily: renewal reminders 12, 6 and 3 months before an expiry (each once,
    to learners short of credits)."""
    return ledger_reminders_send(today=clock.today(), now=clock.now())
