"""Handing a job to the worker: by task name, once the job row is committed,
through the kernel's ``core.enqueue``. In the embedded mode (no broker) Celery
runs the task in-process, so the request that started the job has finished it
before it redirects to the job's page.

A broker that is down is logged, never raised, and the job stays queued (its
page says it waits for the worker) until beat's ``jobs.bulk_job_sweep`` sends it
again.

Each kind of job is run by one task: this app's own for the imports and
confirmations, the awards app's (by name: jobs never imports certificates) for
the bulk actions on awards.
"""

from core.enqueue import send, send_on_commit

from .models import BulkJob

BULK_JOB_RUN_TASK = "jobs.bulk_job_run"
BULK_JOB_SWEEP_TASK = "jobs.bulk_job_sweep"
AWARD_BULK_RUN_TASK = "certificates.award_bulk_run"

RUN_TASKS = {
    BulkJob.Kind.GROUP_ORDER_CONFIRM: BULK_JOB_RUN_TASK,
    BulkJob.Kind.PAST_COMPLETION_IMPORT: BULK_JOB_RUN_TASK,
    BulkJob.Kind.AWARD_REVOKE: AWARD_BULK_RUN_TASK,
    BulkJob.Kind.AWARD_RERENDER: AWARD_BULK_RUN_TASK,
    BulkJob.Kind.AWARD_ZIP: AWARD_BULK_RUN_TASK,
}


def bulk_job_run_on_commit(job: BulkJob) -> None:
    send_on_commit(RUN_TASKS[job.kind], job.pk)


def bulk_job_run_send(job: BulkJob) -> None:
    send(RUN_TASKS[job.kind], job.pk)
