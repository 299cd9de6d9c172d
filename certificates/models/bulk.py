"""The awards a bulk job acts on, one row each: the job's per-award done state.

The rows are written with the job, from the admin's filter, so the set is fixed
when the admin confirms it (an award earned later is not swept in). The worker
marks each row done or failed in the transaction of that award's change, so a
second delivery of the job finds what is done and resumes at the first row still
pending: nothing is done twice, nothing skipped.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .awards import Award


class BulkAwardItem(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    job = models.ForeignKey(
        "jobs.BulkJob", on_delete=models.CASCADE, related_name="award_items"
    )
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=Outcome.choices, default=Outcome.PENDING
    )
    error = models.TextField(_("why it failed"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["job", "id"]
        verbose_name = _("award in a bulk job")
        verbose_name_plural = _("awards in bulk jobs")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "award"],
                name="bulk_award_item_once_per_job",
                violation_error_message=_("This award is already in the job."),
            ),
            models.CheckConstraint(
                condition=Q(outcome="pending", finished_at__isnull=True)
                | (~Q(outcome="pending") & Q(finished_at__isnull=False)),
                name="bulk_award_item_finished_iff_not_pending",
                violation_error_message=_("Only a handled award has a finishing time."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="failed") | ~Q(error=""),
                name="bulk_award_item_failure_has_reason",
                violation_error_message=_("A failed award says why."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}/{self.award_id}: {self.outcome}"
