"""The report's rollup in the worker: periodic (beat) and on an admin's request."""

from core.tasks import worker_task

from .services.rollup import REPORT_ROLLUP_TASK


@worker_task(
    REPORT_ROLLUP_TASK,
    retried=True,
    retry_backoff=30,
    retry_backoff_max=600,
    soft_time_limit=600,
    time_limit=660,
)
def report_rollup_task(rollup_id: int | None = None) -> str:
    """Count the report's figures again; a request already answered is a no-op."""
    from .services.rollup import report_rollup

    rollup = report_rollup(rollup_id=rollup_id)
    return rollup.finished_at.isoformat()
