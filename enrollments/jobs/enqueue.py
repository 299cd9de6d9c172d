"""Handing a job to the worker: by task name, once the job row is committed.

The same pattern as ``certificates.enqueue``: services never import tasks. In
the embedded mode (no broker) Celery runs the task in-process, so the request
that started the job has finished it before it redirects to the job's page.
"""

import logging
from functools import partial
from importlib import import_module

from django.db import transaction

from credentials_portal.celery import app as celery_app

BULK_JOB_RUN_TASK = "jobs.bulk_job_run"
BULK_JOB_SWEEP_TASK = "jobs.bulk_job_sweep"

logger = logging.getLogger(__name__)


def bulk_job_run_on_commit(job_id: int) -> None:
    transaction.on_commit(partial(bulk_job_run_send, job_id), robust=True)


def bulk_job_run_send(job_id: int) -> None:
    """Ask the worker to run the job; a broker that is down is logged, never
    raised, and the job stays queued (its page says it waits for the worker)
    until beat's ``jobs.bulk_job_sweep`` sends it again."""
    if celery_app.conf.task_always_eager and BULK_JOB_RUN_TASK not in celery_app.tasks:
        import_module("enrollments.jobs.tasks")
    try:
        celery_app.signature(BULK_JOB_RUN_TASK, args=(job_id,)).apply_async()
    except Exception:
        logger.warning("Could not enqueue bulk job %s", job_id, exc_info=True)
