"""Handing a job to the worker: by task name, once the job row is committed,
through the kernel's ``core.enqueue``. In the embedded mode (no broker) Celery
runs the task in-process, so the request that started the job has finished it
before it redirects to the job's page.

A broker that is down is logged, never raised, and the job stays queued (its
page says it waits for the worker) until beat's ``jobs.bulk_job_sweep`` sends it
again.
"""

from core.enqueue import send, send_on_commit

BULK_JOB_RUN_TASK = "jobs.bulk_job_run"
BULK_JOB_SWEEP_TASK = "jobs.bulk_job_sweep"


def bulk_job_run_on_commit(job_id: int) -> None:
    send_on_commit(BULK_JOB_RUN_TASK, job_id)


def bulk_job_run_send(job_id: int) -> None:
    send(BULK_JOB_RUN_TASK, job_id)
