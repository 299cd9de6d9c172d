"""Celery tasks of the ledger: fetch by id, call one service, retry policy.

The rendering service is imported inside its task, so WeasyPrint loads in the
worker only.
"""

from certificates.retries import MAX_RENDER_ATTEMPTS
from core import clock
from core.tasks import document_render_run, worker_task

from .enqueue import LEDGER_REMINDERS_TASK, LEDGER_RENDER_TASK
from .services.reminders import ledger_reminders_send


@worker_task(
    LEDGER_RENDER_TASK,
    bind=True,
    max_retries=MAX_RENDER_ATTEMPTS - 1,
    soft_time_limit=120,
    time_limit=180,
)
def ledger_render_task(self, learner_id: int) -> str | None:
    """Render the learner's ledger PDF. Transient errors are retried with
    backoff; any other error, or the last retry's, marks the PDF failed."""

    from .services.rendering import ledger_pdf_fail, ledger_pdf_render

    return document_render_run(
        self,
        render=lambda: ledger_pdf_render(learner_id=learner_id, today=clock.today()),
        fail=lambda exc: ledger_pdf_fail(learner_id=learner_id, error=exc),
        what=f"the ledger of learner {learner_id}",
    )


@worker_task(LEDGER_REMINDERS_TASK, time_limit=600)
def ledger_reminders_task() -> int:
    """Daily: renewal reminders 12, 6 and 3 months before an expiry (each once,
    to learners short of credits)."""
    return ledger_reminders_send(today=clock.today(), now=clock.now())
