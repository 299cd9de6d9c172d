"""Bulk jobs: a large import or confirmation run by the worker, with its progress.

A job row is written by the request that starts the work; the worker runs it.
Its payload lives in a row of its own (``JobPayload``): the progress page polls
the small job row, and the worker locks the payload row so that two deliveries
of one job run one after the other (progress is written to the job row from
another connection meanwhile, which a lock on the job row itself would block).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class BulkJob(models.Model):
    class Kind(models.TextChoices):
        GROUP_ORDER_CONFIRM = "group_order_confirm", _("Group order confirmation")
        PAST_COMPLETION_IMPORT = "past_completion_import", _("Past-completion import")
        AWARD_REVOKE = "award_revoke", _("Revoke awards")
        AWARD_RERENDER = "award_rerender", _("Re-render award documents")
        AWARD_ZIP = "award_zip", _("ZIP of award PDFs")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    class Step(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        WRITING = "writing", _("Writing")
        MAILING = "mailing", _("Sending invitations")
        DONE = "done", _("Done")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bulk_jobs"
    )
    group_order = models.ForeignKey(
        "enrollments.GroupOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bulk_jobs",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    step = models.CharField(
        _("step"), max_length=16, choices=Step.choices, default=Step.WAITING
    )
    total = models.PositiveIntegerField(_("rows in all"))
    done = models.PositiveIntegerField(_("rows done"), default=0)
    mailed = models.PositiveIntegerField(_("invitations sent"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    written_at = models.DateTimeField(_("written at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # When a resumable job last committed progress: the sweep resumes a running
    # one that has been silent too long (its worker died).
    heartbeat_at = models.DateTimeField(_("last progress at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bulk job")
        verbose_name_plural = _("bulk jobs")
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total")) & Q(mailed__lte=F("total")),
                name="bulk_job_counts_within_total",
                violation_error_message=_("A job cannot do more rows than it has."),
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["succeeded", "failed"], finished_at__isnull=False
                )
                | Q(status__in=["queued", "running"], finished_at__isnull=True),
                name="bulk_job_finished_iff_ended",
                violation_error_message=_("Only an ended job has a finishing time."),
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(message=""),
                name="bulk_job_failure_has_message",
                violation_error_message=_("A failed job says why."),
            ),
            models.CheckConstraint(
                condition=~Q(status="succeeded") | Q(written_at__isnull=False),
                name="bulk_job_success_was_written",
                violation_error_message=_("A job succeeds only once it is written."),
            ),
            models.CheckConstraint(
                condition=Q(kind="group_order_confirm", group_order__isnull=False)
                | (~Q(kind="group_order_confirm") & Q(group_order__isnull=True)),
                name="bulk_job_group_order_iff_confirm",
                violation_error_message=_("Only a confirmation is for a group order."),
            ),
            # One confirmation per order at a time (a double click finds it); a
            # failed one may be followed by another once the leader fixes it.
            models.UniqueConstraint(
                fields=["group_order"],
                condition=~Q(status="failed"),
                name="bulk_job_one_live_confirmation_per_order",
                violation_error_message=_("This order is already being confirmed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.public_id} ({self.status})"

    def get_absolute_url(self) -> str:
        kwargs = {"public_id": self.public_id}
        if self.is_resumable:  # the awards' bulk actions have an admin page
            return reverse("admin:certificates_award_bulk_job", kwargs=kwargs)
        return reverse("jobs:detail", kwargs=kwargs)

    @property
    def is_resumable(self) -> bool:
        return self.kind in RESUMABLE_KINDS

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


# Kinds whose work commits row by row (the awards app's bulk actions, each award
# on its own): a second delivery resumes where the first stopped. The other kinds
# write everything in one transaction.
RESUMABLE_KINDS = frozenset(
    {BulkJob.Kind.AWARD_REVOKE, BulkJob.Kind.AWARD_RERENDER, BulkJob.Kind.AWARD_ZIP}
)


class JobPayload(models.Model):
    """What the job works on: the validated rows, or the ids of its target."""

    job = models.OneToOneField(
        BulkJob, on_delete=models.CASCADE, related_name="payload"
    )
    data = models.JSONField(_("data"))

    class Meta:
        verbose_name = _("job payload")
        verbose_name_plural = _("job payloads")

    def __str__(self) -> str:
        return f"Payload of {self.job_id}"
