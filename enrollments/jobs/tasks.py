"""The job's task: fetch by id, call one service. Retried on transient errors
only (the database or the mail server briefly away); ``bulk_job_run`` marks the
job failed on any other error and returns. When the retries run out, the job is
failed too (``on_failure``), so its page never waits forever."""

from celery import Task

from core.tasks import worker_task

from .enqueue import BULK_JOB_RUN_TASK, BULK_JOB_SWEEP_TASK


class BulkJobTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from .services import bulk_job_give_up

        bulk_job_give_up(job_id=args[0])


@worker_task(
    BULK_JOB_RUN_TASK,
    retried=True,
    base=BulkJobTask,
    soft_time_limit=1800,
    time_limit=1900,
)
def bulk_job_run_task(job_id: int) -> str:
    """Run the job once; a finished job is left as it is."""
    from .services import bulk_job_run

    return bulk_job_run(job_id=job_id).status


@worker_task(BULK_JOB_SWEEP_TASK)
def bulk_job_sweep_task() -> dict[str, list[int]]:
    """Send again the jobs the worker never received, and the resumable jobs
    whose worker died (beat, every few minutes)."""
    from django.utils import timezone

    from .services import bulk_jobs_resend_unclaimed, bulk_jobs_resume_stalled

    now = timezone.now()
    return {
        "unclaimed": bulk_jobs_resend_unclaimed(now=now),
        "stalled": bulk_jobs_resume_stalled(now=now),
    }
