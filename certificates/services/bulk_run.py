"""Running a bulk action on awards, in the worker, award by award.

Each award is handled in a transaction of its own that also marks its row of
the job done or failed (``BulkAwardItem``), so the change and the mark commit
together: a second delivery of the job (``acks_late`` after a worker died, or
the sweep resuming a stalled job) skips every award already handled and
resumes at the first pending one. Rows are claimed with ``SKIP LOCKED``: two
deliveries running at once share the awards rather than doing one twice. The
job ends (ZIP packed, audited) once no award is pending.
"""

import logging
import time
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import clock
from core.refusal import Refusal
from core.transient import TRANSIENT_ERRORS
from enrollments.jobs.enqueue import bulk_job_run_send
from enrollments.jobs.models import BulkJob, JobPayload
from enrollments.jobs.services import bulk_job_claim, bulk_job_finish

from ..models import Award, BulkAwardItem
from .awards import award_revoke
from .bulk_zip import award_pdfs_check, bulk_zip_pack
from .rerender import award_rerender

logger = logging.getLogger(__name__)

# Awards read per query; progress and the heartbeat are written once a batch.
BATCH_SIZE = 25
# A delivery hands the rest of a long job to a new one after this many seconds,
# well inside the task's time limit (the job goes on where it stopped).
RUN_SECONDS = 600

UNEXPECTED_FOR_AWARD = _("An unexpected error stopped this award; the team is told.")
STOPPED = _(
    "The job stopped after %(done)s of %(total)s awards: the worker could not "
    "reach the database or the storage. The awards handled keep their change; "
    "start the job again for the rest."
)

Step = Callable[[Award, BulkJob, dict], object]


def _revoke(award: Award, job: BulkJob, data: dict) -> None:
    award_revoke(
        award=award, reason=data["reason"], actor=job.started_by, now=clock.now()
    )


def _rerender(award: Award, job: BulkJob, data: dict) -> None:
    detail = {"job": str(job.public_id)}
    award_rerender(award=award, actor=job.started_by, detail=detail)


def _zip_check(award: Award, job: BulkJob, data: dict) -> None:
    award_pdfs_check(award=award)


STEPS: dict[str, Step] = {
    BulkJob.Kind.AWARD_REVOKE: _revoke,
    BulkJob.Kind.AWARD_RERENDER: _rerender,
    BulkJob.Kind.AWARD_ZIP: _zip_check,
}


def award_bulk_run(*, job_id: int) -> BulkJob:
    """Handle every pending award of the job, then end it; a finished job is
    left as it is. Transient errors are raised for the task to retry (the award
    being handled stays pending); any other error fails that award only."""
    job = bulk_job_claim(job_id)
    if job is None:
        return BulkJob.objects.get(pk=job_id)
    data = JobPayload.objects.get(job=job).data
    started, cursor = time.monotonic(), 0
    while batch := _next_batch(job, after=cursor):
        for item_id in batch:
            _item_handle(job, item_id, data)
        cursor = batch[-1]
        _progress_record(job)
        if time.monotonic() - started > RUN_SECONDS:
            bulk_job_run_send(job)
            return job
    return _end(job)


def _next_batch(job: BulkJob, *, after: int) -> list[int]:
    return list(
        BulkAwardItem.objects.filter(
            job=job, outcome=BulkAwardItem.Outcome.PENDING, pk__gt=after
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:BATCH_SIZE]
    )


@transaction.atomic
def _item_handle(job: BulkJob, item_id: int, data: dict) -> None:
    """Do the job's step to one award and mark its row, in one transaction; a
    row already handled, or held by another delivery, is left alone."""
    item = (
        BulkAwardItem.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("award")
        .filter(pk=item_id, outcome=BulkAwardItem.Outcome.PENDING)
        .first()
    )
    if item is None:
        return
    try:
        with transaction.atomic():
            STEPS[job.kind](item.award, job, data)
    except (Refusal, ValidationError) as refused:
        item.outcome, item.error = BulkAwardItem.Outcome.FAILED, _reason(refused)
    except TRANSIENT_ERRORS:
        raise
    except Exception:
        logger.exception("Bulk job %s: award %s failed", job.pk, item.award_id)
        item.outcome = BulkAwardItem.Outcome.FAILED
        item.error = str(UNEXPECTED_FOR_AWARD)
    else:
        item.outcome = BulkAwardItem.Outcome.DONE
    item.finished_at = timezone.now()
    item.full_clean(validate_constraints=False)
    item.save(update_fields=["outcome", "error", "finished_at"])


def _reason(refused: Refusal | ValidationError) -> str:
    if isinstance(refused, Refusal):
        return str(refused.message)
    return " ".join(refused.messages)


def _handled(job: BulkJob) -> int:
    return (
        BulkAwardItem.objects.filter(job=job)
        .exclude(outcome=BulkAwardItem.Outcome.PENDING)
        .count()
    )


def _progress_record(job: BulkJob) -> None:
    BulkJob.objects.filter(pk=job.pk).update(
        step=BulkJob.Step.WRITING, done=_handled(job), heartbeat_at=timezone.now()
    )


def _end(job: BulkJob) -> BulkJob:
    """Pack the ZIP and end the job once no award is pending; while another
    delivery still holds one, leave the job running for it to end."""
    with transaction.atomic():
        # Serialises the deliveries that reach the end together: one packs.
        JobPayload.objects.select_for_update().get(job=job)
        job.refresh_from_db()
        if job.is_finished:
            return job
        if BulkAwardItem.objects.filter(
            job=job, outcome=BulkAwardItem.Outcome.PENDING
        ).exists():
            return job
        result = _summary(job)
        if job.kind == BulkJob.Kind.AWARD_ZIP:
            result["zip"] = bulk_zip_pack(job=job)
        BulkJob.objects.filter(pk=job.pk).update(
            done=job.total, result=result, written_at=timezone.now()
        )
    return bulk_job_finish(job, BulkJob.Status.SUCCEEDED)


def _summary(job: BulkJob) -> dict:
    items = BulkAwardItem.objects.filter(job=job)
    return {
        "succeeded": items.filter(outcome=BulkAwardItem.Outcome.DONE).count(),
        "failed": items.filter(outcome=BulkAwardItem.Outcome.FAILED).count(),
    }


def award_bulk_give_up(*, job_id: int) -> BulkJob:
    """Fail a job whose retries ran out, saying how far it got; the awards it
    handled keep their change. A finished job is left as it is."""
    job = BulkJob.objects.get(pk=job_id)
    message = STOPPED % {"done": _handled(job), "total": job.total}
    return bulk_job_finish(job, BulkJob.Status.FAILED, str(message))
