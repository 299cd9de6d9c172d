from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock

APPEND_ONLY = "Audit events are append-only: they are never changed or deleted."


class AuditEvent(models.Model):
    """One recorded change, written in the same transaction as the change itself.

    Rows are only ever inserted: ``save()`` refuses an update and ``delete()`` refuses,
    and the admin is read-only.
    """

    class Action(models.TextChoices):
        SUBMISSION_SUBMITTED = "submission.submitted", _("Submission submitted")
        REVIEW_DECIDED = "review.decided", _("Review decided")
        REVIEW_CHANGED = "review.changed", _("Review changed")
        REVIEW_AUTOMATIC = "review.automatic", _("Automatic feedback given")
        EXTENSION_GRANTED = "extension.granted", _("Extension granted")
        ATTENDANCE_MARKED = "attendance.marked", _("Attendance marked")
        ATTENDANCE_REMOVED = "attendance.removed", _("Attendance removed")
        LEGAL_NAME_CHANGED = "user.legal_name_changed", _("Legal name changed")
        # Before payments were recorded one by one (kept for the events written then).
        INVOICE_PAID = "invoice.paid", _("Invoice marked paid")
        PAYMENT_RECORDED = "payment.recorded", _("Payment recorded")
        INVOICE_VOIDED = "invoice.voided", _("Invoice voided")
        ENROLLMENT_COMPLETED = "enrollment.completed", _("Enrollment completed")

        RETAKE_ALLOWED = "retake.allowed", _("Retake allowed")
        RETAKE_WITHDRAWN = "retake.withdrawn", _("Retake allowance withdrawn")
        API_TOKEN_CREATED = "api_token.created", _("API token created")
        API_TOKEN_REVOKED = "api_token.revoked", _("API token revoked")
        WALLET_ADDED = "award.wallet_added", _("Credential added to the wallet")
        WALLET_REMOVED = "award.wallet_removed", _("Credential removed from the wallet")
        TRANSCRIPT_SHARED = "transcript.shared", _("Transcript link created")
        TRANSCRIPT_SHARE_REVOKED = (
            "transcript.share_revoked",
            _("Transcript link revoked"),
        )
        COMPLETION_RULE_CHANGED = (
            "completion_rule.changed",
            _("Completion rule changed"),
        )
        BULK_JOB_STARTED = "bulk_job.started", _("Bulk job started")
        BULK_JOB_SUCCEEDED = "bulk_job.succeeded", _("Bulk job succeeded")
        BULK_JOB_FAILED = "bulk_job.failed", _("Bulk job failed")
        PROGRESS_EVALUATED = "progress.evaluated", _("Progress evaluated by an admin")
        OFFERING_DATES_CHANGED = "offering.dates_changed", _("Offering dates changed")
        LEDGER_CREDIT_VERIFIED = (
            "ledger.credit_verified",
            _("Credits earned elsewhere verified"),
        )
        RETENTION_RUN = "retention.run", _("Retention policy applied")
        ARTIFACT_FILE_DELETED = (
            "artifact.file_deleted",
            _("Submitted file deleted (retention policy)"),
        )
        DATA_EXPORT_REQUESTED = "data_export.requested", _("Data download requested")
        REPORT_REFRESH_REQUESTED = (
            "report.refresh_requested",
            _("Report figures refresh requested"),
        )

    created_at = models.DateTimeField(
        _("when"), default=clock.now, editable=False, db_index=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
        help_text=_("Empty for the system (automatic feedback)."),
    )
    action = models.CharField(_("what"), max_length=40, choices=Action.choices)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("learner concerned"),
    )
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("record type")
    )
    target_id = models.PositiveBigIntegerField(_("record id"))
    summary = models.CharField(_("summary"), max_length=300)
    before = models.JSONField(
        _("before"), null=True, blank=True, encoder=DjangoJSONEncoder
    )
    after = models.JSONField(
        _("after"), null=True, blank=True, encoder=DjangoJSONEncoder
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}: {self.summary}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(APPEND_ONLY)
