"""The report's rollup in the worker: periodic (beat) and on an admin's request."""

from celery import shared_task

from core.transient import TRANSIENT_ERRORS

from .services.rollup import REPORT_ROLLUP_TASK


@shared_task(
    name=REPORT_ROLLUP_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=600,
    time_limit=660,
)
def report_rollup_task(rollup_id: int | None = None) -> str:
    """Count the report's figures again; a request already answered is a no-op."""
    from .services.rollup import report_rollup

    rollup = report_rollup(rollup_id=rollup_id)
    return rollup.finished_at.isoformat()
