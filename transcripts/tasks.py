"""Celery tasks of transcripts: fetch by id, call one service, retry policy.

The service is imported inside the task, so WeasyPrint loads in the worker only.
"""

from certificates.retries import MAX_RENDER_ATTEMPTS
from core import clock
from core.tasks import document_render_run, worker_task

from .enqueue import TRANSCRIPT_RENDER_TASK


@worker_task(
    TRANSCRIPT_RENDER_TASK,
    bind=True,
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

    return document_render_run(
        self,
        render=lambda: transcript_pdf_render(
            learner_id=learner_id, today=clock.today()
        ),
        fail=lambda exc: transcript_pdf_fail(learner_id=learner_id, error=exc),
        what=f"the transcript of learner {learner_id}",
    )
