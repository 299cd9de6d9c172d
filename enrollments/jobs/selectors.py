"""Reads of bulk jobs, with their object-permission lookup."""

import datetime as dt
import uuid

from django.db.models import Q
from django.shortcuts import get_object_or_404

from accounts.roles import is_portal_admin
from enrollments.models import Participant

from .models import BulkJob


def bulk_job_get_for_viewer(*, user, public_id: uuid.UUID) -> BulkJob:
    """The job seen by whoever started it or by a portal admin, else 404."""
    queryset = BulkJob.objects.select_related("group_order__offering__unit")
    if not is_portal_admin(user):
        queryset = queryset.filter(started_by=user)
    return get_object_or_404(queryset, public_id=public_id)


def bulk_job_not_invited(*, job: BulkJob) -> list[Participant]:
    """The participants of the job's order whose invitation the mail server
    refused for good, with its reason; none for a job without an order."""
    if job.group_order_id is None:
        return []
    return list(
        Participant.objects.filter(order_id=job.group_order_id).exclude(
            invitation_error=""
        )
    )


def bulk_jobs_needing_attention(
    *, failed_since: dt.datetime, limit: int = 10
) -> list[BulkJob]:
    """Jobs queued or running, and jobs failed from ``failed_since`` on, the
    latest first, in one query."""
    waiting = [BulkJob.Status.QUEUED, BulkJob.Status.RUNNING]
    return list(
        BulkJob.objects.filter(
            Q(status__in=waiting)
            | Q(status=BulkJob.Status.FAILED, created_at__gte=failed_since)
        )
        .select_related("started_by")
        .order_by("-created_at", "-pk")[:limit]
    )
