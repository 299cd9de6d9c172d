"""The job's task: fetch by id, call one service. Retried on transient errors
only (the database or the mail server briefly away); ``bulk_job_run`` marks the
job failed on any other error and returns."""

from celery import shared_task

# The database (connection lost, lock timeout, failover) or the mail server.
from jobs.runners import TRANSIENT_ERRORS

from .enqueue import BULK_JOB_RUN_TASK


@shared_task(
    name=BULK_JOB_RUN_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=1800,
    time_limit=1900,
)
def bulk_job_run_task(job_id: int) -> str:
    """Run the job once; a finished job is left as it is."""
    from .services import bulk_job_run

    return bulk_job_run(job_id=job_id).status
