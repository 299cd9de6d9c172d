"""Reads for the bulk actions on awards: the admin's filter and a job's awards."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from core.dates import format_date
from enrollments.jobs.models import RESUMABLE_KINDS, BulkJob
from enrollments.models import Enrollment
from programs.models import CredentialProgram, Offering

from ..models import Award, BulkAwardItem


@dataclass(frozen=True)
class AwardFilter:
    """What the admin filtered on; every part optional (None: any)."""

    program: CredentialProgram | None = None
    offering: Offering | None = None
    earned_from: dt.date | None = None
    earned_to: dt.date | None = None
    status: str | None = None

    def as_data(self) -> dict:
        """The filter as the job's payload keeps it (ids and ISO dates)."""
        return {
            "program": self.program.pk if self.program else None,
            "offering": self.offering.pk if self.offering else None,
            "earned_from": self.earned_from.isoformat() if self.earned_from else None,
            "earned_to": self.earned_to.isoformat() if self.earned_to else None,
            "status": self.status,
        }

    def describe(self) -> list[str]:
        """The filter in words, one part a line, for the confirm and job pages."""
        parts = []
        if self.program:
            parts.append(f"Program: {self.program}")
        if self.offering:
            parts.append(f"Offering: {self.offering}")
        if self.earned_from:
            parts.append(f"Earned on or after {format_date(self.earned_from)}")
        if self.earned_to:
            parts.append(f"Earned on or before {format_date(self.earned_to)}")
        if self.status:
            parts.append(f"Status: {Award.Status(self.status).label}")
        return parts or ["All awards"]


def awards_filtered(*, award_filter: AwardFilter) -> QuerySet[Award]:
    """The awards matching the filter, oldest first.

    A program takes its own awards and those of its units; an offering takes the
    awards of its run (a unit earned per run) and the unit awards of learners
    enrolled in it.
    """
    awards = Award.objects.all()
    f = award_filter
    if f.program is not None:
        awards = awards.filter(Q(program=f.program) | Q(unit__programs=f.program))
    if f.offering is not None:
        enrolled = Enrollment.objects.filter(
            learner=OuterRef("learner"), offering=f.offering
        )
        awards = awards.filter(
            Q(run=f.offering)
            | Q(run__isnull=True, unit_id=f.offering.unit_id) & Exists(enrolled)
        )
    if f.earned_from is not None:
        awards = awards.filter(earned_on__gte=f.earned_from)
    if f.earned_to is not None:
        awards = awards.filter(earned_on__lte=f.earned_to)
    if f.status:
        awards = awards.filter(status=f.status)
    return awards.distinct().order_by("pk")


def award_bulk_job_get(*, public_id: uuid.UUID) -> BulkJob:
    """A bulk job on awards (the admin view checks the permission), else 404."""
    return get_object_or_404(
        BulkJob.objects.select_related("started_by", "payload"),
        public_id=public_id,
        kind__in=RESUMABLE_KINDS,
    )


def bulk_items_failed(*, job: BulkJob) -> list[BulkAwardItem]:
    """The job's awards that failed, with their reason, in the job's order."""
    return list(
        BulkAwardItem.objects.filter(job=job, outcome=BulkAwardItem.Outcome.FAILED)
        .select_related("award__learner", "award__program", "award__unit")
        .order_by("pk")
    )
