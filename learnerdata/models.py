"""A learner's download of everything, the retention runs and their notices."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from enrollments.models import Enrollment


def export_path(export: "DataExport", filename: str) -> str:
    return f"exports/{export.public_id}/{filename}"


class DataExport(models.Model):
    """One "download everything" request: built by the worker, kept a few days.

    ``claimed_at`` is set, and committed, by the delivery that builds the ZIP: a
    second delivery of the task finds it and builds nothing (unless the claim is
    so old that its worker must have died).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired and deleted")

    LIVE = (Status.QUEUED, Status.RUNNING)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_exports",
        verbose_name=_("learner"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("files in all"), default=0)
    done = models.PositiveIntegerField(_("files written"), default=0)
    file = models.FileField(
        _("file"), upload_to=export_path, max_length=200, blank=True
    )
    size_bytes = models.PositiveBigIntegerField(
        _("size in bytes"), null=True, blank=True
    )
    message = models.TextField(_("message"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_on = models.DateField(_("available until"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("file deleted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("data download")
        verbose_name_plural = _("data downloads")
        constraints = [
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(status__in=["queued", "running"]),
                name="data_export_one_live_per_learner",
                violation_error_message=_("Your download is already being prepared."),
            ),
            models.CheckConstraint(
                condition=Q(done__lte=F("total")),
                name="data_export_done_within_total",
                violation_error_message=_("An export cannot write more than it has."),
            ),
            models.CheckConstraint(
                condition=~Q(status="ready")
                | (~Q(file="") & Q(expires_on__isnull=False)),
                name="data_export_ready_has_file",
                violation_error_message=_("A ready download has its file and end."),
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(message=""),
                name="data_export_failure_has_message",
                violation_error_message=_("A failed download says why."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.created_at:%Y-%m-%d} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("learnerdata:download", kwargs={"public_id": self.public_id})

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE


class RetentionRun(models.Model):
    """One application of the providers' retention policies: what it deleted.

    ``counts`` holds, per provider and offering, the files deleted; each artifact
    marked has its own audit event.
    """

    ran_at = models.DateTimeField(_("ran at"))
    day = models.DateField(_("for the day"))
    files_deleted = models.PositiveIntegerField(_("files deleted"), default=0)
    artifacts_marked = models.PositiveIntegerField(_("artifacts marked"), default=0)
    counts = models.JSONField(_("per provider and run"), default=list, blank=True)

    class Meta:
        ordering = ["-ran_at", "-id"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}: {self.files_deleted} files"


class RetentionNotice(models.Model):
    """The email telling a learner their files are about to be deleted, sent once.

    Keyed by the deletion day: a provider that changes its policy (or a run its
    end date) moves the day and earns a new notice. The row is the claim: it
    commits before the email is handed to the mail server.
    """

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="retention_notices"
    )
    deletion_day = models.DateField(_("files deleted on"))
    claimed_at = models.DateTimeField(_("email handed to the mail server at"))

    class Meta:
        ordering = ["-claimed_at"]
        verbose_name = _("retention notice")
        verbose_name_plural = _("retention notices")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "deletion_day"],
                name="retention_notice_once",
                violation_error_message=_("This notice was already sent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment}: {self.deletion_day:%Y-%m-%d}"
