"""Starting and running bulk jobs.

A request checks what it can at once (the file's lines, the order's state),
writes the job and its payload, and enqueues the run on commit. The worker's run
(``bulk_job_run``) is idempotent: a finished job is left as it is, and the work
and the mark that it is written commit in one transaction, so a second delivery
(``acks_late``) finds it written and only sends the invitations not sent yet.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock
from core.refusal import Refusal
from core.transient import TRANSIENT_ERRORS
from enrollments.group_orders.services import ALREADY_CONFIRMED, OrderRefused
from enrollments.models import GroupOrder

from . import runners
from .enqueue import bulk_job_run_on_commit, bulk_job_run_send
from .models import RESUMABLE_KINDS, BulkJob, JobPayload
from .progress import ProgressReporter

logger = logging.getLogger(__name__)

UNEXPECTED = _(
    "The job stopped on an unexpected error; nothing was changed. The team has "
    "been told: try again later."
)
NOT_MAILED = _(
    "Everyone is enrolled and the invoice is issued, but the invitations could "
    "not all be sent. The team has been told."
)


def _job_create(*, kind, started_by, total, data, group_order=None) -> BulkJob:
    job = BulkJob(
        kind=kind, started_by=started_by, total=total, group_order=group_order
    )
    job.full_clean(validate_constraints=False)
    job.save()
    JobPayload.objects.create(job=job, data=data)
    bulk_job_run_on_commit(job)
    return job


@transaction.atomic
def group_order_confirm_start(*, order: GroupOrder, leader) -> BulkJob:
    """The job confirming ``order``: a new one, or the one already under way or
    done (a second click lands on the same page). Refuses a confirmed order."""
    order = GroupOrder.objects.select_for_update().get(pk=order.pk)
    live = (
        BulkJob.objects.filter(group_order=order)
        .exclude(status=BulkJob.Status.FAILED)
        .first()
    )
    if live is not None:
        return live
    if order.status != GroupOrder.Status.QUOTED:
        raise OrderRefused(ALREADY_CONFIRMED)
    try:
        with transaction.atomic():
            return _job_create(
                kind=BulkJob.Kind.GROUP_ORDER_CONFIRM,
                started_by=leader,
                total=order.participants.count(),
                data={"order_id": order.pk, "today": clock.today().isoformat()},
                group_order=order,
            )
    except IntegrityError:  # the constraint: another request made it meanwhile
        return (
            BulkJob.objects.filter(group_order=order)
            .exclude(status=BulkJob.Status.FAILED)
            .get()
        )


@transaction.atomic
def past_completion_import_start(
    *, text: str, rows: int, imported_by, today: dt.date
) -> BulkJob:
    """The job writing a checked import of ``rows`` rows from ``text``."""
    return _job_create(
        kind=BulkJob.Kind.PAST_COMPLETION_IMPORT,
        started_by=imported_by,
        total=rows,
        data={"text": text, "today": today.isoformat()},
    )


def bulk_job_claim(job_id: int) -> BulkJob | None:
    """Mark the job running (another attempt), or None when it has finished."""
    with transaction.atomic():
        job = BulkJob.objects.select_for_update().get(pk=job_id)
        if job.is_finished:
            return None
        job.status = BulkJob.Status.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or timezone.now()
        job.heartbeat_at = timezone.now()
        job.save(update_fields=["status", "attempts", "started_at", "heartbeat_at"])
        return job


ENDED: dict[str, str] = {
    BulkJob.Status.SUCCEEDED: AuditEvent.Action.BULK_JOB_SUCCEEDED,
    BulkJob.Status.FAILED: AuditEvent.Action.BULK_JOB_FAILED,
}


@transaction.atomic
def bulk_job_finish(job: BulkJob, status: str, message: str = "") -> BulkJob:
    """End the job and record it in the audit trail, in one transaction; a job
    already ended (by another delivery) is returned as it is."""
    job = BulkJob.objects.select_for_update().get(pk=job.pk)
    if job.is_finished:
        return job
    job.status, job.message, job.finished_at = status, message, timezone.now()
    if status == BulkJob.Status.SUCCEEDED:
        job.step = BulkJob.Step.DONE
    job.full_clean(validate_constraints=False)
    job.save(update_fields=["status", "message", "finished_at", "step"])
    audit_event_record(
        actor=job.started_by,
        action=ENDED[status],
        target=job,
        learner=None,
        summary=f"{job.get_kind_display()}: {job.done} of {job.total} done, {status}",
        before={"status": BulkJob.Status.RUNNING},
        after={"status": status, "message": message},
    )
    return job


def _write(job: BulkJob) -> None:
    """The job's work and the mark that it is written, in one transaction."""
    reporter = ProgressReporter(job, BulkJob.Step.WRITING)
    try:
        with transaction.atomic():
            # Serialises two deliveries of one job; the job row stays unlocked
            # so that the reporter's connection can write the count.
            payload = JobPayload.objects.select_for_update().get(job=job)
            if BulkJob.objects.filter(pk=job.pk, written_at__isnull=False).exists():
                return
            result = runners.write(job, payload.data, reporter)
            BulkJob.objects.filter(pk=job.pk).update(
                result=result, written_at=timezone.now(), done=job.total
            )
    finally:
        reporter.close()


def bulk_job_run(*, job_id: int) -> BulkJob:
    """Run the job: write everything or nothing, then what follows (invitations).

    A refusal (a row no longer valid) or an unexpected error fails the job with
    its message, nothing written; a transient error is raised for the task to
    retry, the job still running.
    """
    job = bulk_job_claim(job_id)
    if job is None:
        return BulkJob.objects.get(pk=job_id)
    try:
        _write(job)
    except Refusal as refused:
        return bulk_job_finish(job, BulkJob.Status.FAILED, str(refused.message))
    except TRANSIENT_ERRORS:
        raise
    except Exception:
        logger.exception("Bulk job %s failed", job.pk)
        return bulk_job_finish(job, BulkJob.Status.FAILED, str(UNEXPECTED))
    job.refresh_from_db()
    try:
        runners.after_commit(job)
    except TRANSIENT_ERRORS:
        raise
    except Exception:
        logger.exception("Bulk job %s: written, but not mailed", job.pk)
        return bulk_job_finish(job, BulkJob.Status.FAILED, str(NOT_MAILED))
    return bulk_job_finish(job, BulkJob.Status.SUCCEEDED)


def bulk_job_give_up(*, job_id: int) -> BulkJob:
    """Fail a job whose retries ran out (the database or mail server stayed away),
    saying whether its rows were written; a finished job is left as it is."""
    job = BulkJob.objects.get(pk=job_id)
    if job.is_finished:
        return job
    message = NOT_MAILED if job.written_at else UNEXPECTED
    return bulk_job_finish(job, BulkJob.Status.FAILED, str(message))


# A queued job the worker has not claimed after this long was most likely never
# delivered (the broker was down when it was started).
UNCLAIMED_AFTER = dt.timedelta(minutes=5)


def bulk_jobs_resend_unclaimed(*, now: dt.datetime) -> list[int]:
    """Send again every job still queued ``UNCLAIMED_AFTER`` after it was made.

    Safe to repeat: a job delivered twice writes once (``bulk_job_run``). Returns
    the ids sent, oldest first.
    """
    jobs = list(
        BulkJob.objects.filter(
            status=BulkJob.Status.QUEUED, created_at__lte=now - UNCLAIMED_AFTER
        ).order_by("created_at")
    )
    for job in jobs:
        bulk_job_run_send(job)
    return [job.pk for job in jobs]


# A resumable job running with no progress for this long lost its worker (killed
# mid-job, its message not yet redelivered by the broker).
STALLED_AFTER = dt.timedelta(minutes=5)


def bulk_jobs_resume_stalled(*, now: dt.datetime) -> list[int]:
    """Send again every resumable job left running with no progress since
    ``STALLED_AFTER``: its work commits award by award, so the new delivery
    resumes where the lost one stopped. Returns the ids sent, oldest first."""
    jobs = list(
        BulkJob.objects.filter(
            kind__in=RESUMABLE_KINDS,
            status=BulkJob.Status.RUNNING,
            heartbeat_at__lte=now - STALLED_AFTER,
        ).order_by("created_at")
    )
    for job in jobs:
        bulk_job_run_send(job)
    return [job.pk for job in jobs]
