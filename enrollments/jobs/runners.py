"""What each kind of job does: its writes (inside the job's one transaction) and
what follows their commit (the invitations). Each calls one service."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from enrollments.group_orders.confirm import group_order_confirm
from enrollments.group_orders.mail import (
    order_invitations_send,
    order_invoice_mail_send,
)
from enrollments.models import GroupOrder
from enrollments.services.past_completion_bulk import past_completions_write

from .models import BulkJob
from .progress import ProgressReporter


def write(job: BulkJob, data: dict, progress: ProgressReporter) -> dict:
    """Do the job's writes; the result is kept on the job for its page."""
    today = dt.date.fromisoformat(data["today"])
    if job.kind == BulkJob.Kind.GROUP_ORDER_CONFIRM:
        order = GroupOrder.objects.get(pk=data["order_id"])
        invoice = group_order_confirm(order=order, today=today, progress=progress)
        return {"order_id": order.pk, "invoice_number": invoice.number}
    imported_by = get_user_model().objects.get(pk=job.started_by_id)
    created = past_completions_write(
        text=data["text"], imported_by=imported_by, today=today, progress=progress
    )
    return {"created": created}


def after_commit(job: BulkJob) -> None:
    """Mail a confirmed order's participants (each once) and then its leader.

    The leader's invoice mail is marked sent in the job's result, so a retry
    after a mail-server error sends it once too.
    """
    if job.kind != BulkJob.Kind.GROUP_ORDER_CONFIRM:
        return
    order_id = job.result["order_id"]
    reporter = ProgressReporter(job, BulkJob.Step.MAILING, field="mailed")
    try:
        sent = order_invitations_send(order_id=order_id, progress=reporter)
    finally:
        reporter.close()
    BulkJob.objects.filter(pk=job.pk).update(mailed=sent)
    if not job.result.get("invoice_mailed_at"):
        order_invoice_mail_send(order_id=order_id)
        result = {**job.result, "invoice_mailed_at": timezone.now().isoformat()}
        BulkJob.objects.filter(pk=job.pk).update(result=result)
