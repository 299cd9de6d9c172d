"""Starting a bulk action on awards: revoke, re-render, or a ZIP of their PDFs.

The request checks what it can at once (a reason for a revocation, a filter that
matches something), writes the job (``jobs.BulkJob``), its payload and one row
per award (``BulkAwardItem``), audits the start, and enqueues the run on commit.
The worker's run is ``bulk_run.award_bulk_run``; the job's page shows its
progress.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.services import audit_event_record
from core.refusal import Refusal
from enrollments.jobs.enqueue import bulk_job_run_on_commit
from enrollments.jobs.models import BulkJob, JobPayload

from .. import messages
from ..models import BulkAwardItem
from ..selectors.bulk import AwardFilter, awards_filtered

NO_AWARDS = _("No award matches this filter: nothing was started.")
NOT_A_BULK_ACTION = _("Choose what to do with the awards.")

BULK_KINDS = (
    BulkJob.Kind.AWARD_REVOKE,
    BulkJob.Kind.AWARD_RERENDER,
    BulkJob.Kind.AWARD_ZIP,
)


@transaction.atomic
def award_bulk_start(
    *, kind: str, award_filter: AwardFilter, actor, reason: str = ""
) -> BulkJob:
    """The job doing ``kind`` to every award matching ``award_filter`` now.

    Refuses (nothing written) an unknown kind, a revocation without a reason and
    a filter that matches no award.
    """
    if kind not in BULK_KINDS:
        raise Refusal(NOT_A_BULK_ACTION)
    reason = reason.strip()
    if kind == BulkJob.Kind.AWARD_REVOKE and not reason:
        raise Refusal(messages.REVOKE_REASON_REQUIRED)
    award_ids = list(
        awards_filtered(award_filter=award_filter).values_list("pk", flat=True)
    )
    if not award_ids:
        raise Refusal(NO_AWARDS)
    job = BulkJob(kind=kind, started_by=actor, total=len(award_ids))
    job.full_clean(validate_constraints=False)
    job.save()
    data = {
        "filter": award_filter.as_data(),
        "filter_words": award_filter.describe(),
        "reason": reason,
    }
    JobPayload.objects.create(job=job, data=data)
    BulkAwardItem.objects.bulk_create(
        [BulkAwardItem(job=job, award_id=award_id) for award_id in award_ids],
        batch_size=1000,
    )
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.BULK_JOB_STARTED,
        target=job,
        summary=f"{job.get_kind_display()}: {len(award_ids)} awards",
        after=data,
    )
    bulk_job_run_on_commit(job)
    return job
