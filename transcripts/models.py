"""A learner's transcript: its public share links and its one current PDF."""

import re
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.documents import LearnerDocument
from core.site import absolute_url


def share_token_new() -> str:
    """256 random bits, URL-safe: a link nobody can guess or count through."""
    return secrets.token_urlsafe(32)


# The shape share_token_new() writes; anything else is unknown without a query.
SHARE_TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


class TranscriptShare(models.Model):
    """A public link to a learner's transcript, revocable; the record is kept."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="transcript_shares",
        verbose_name=_("learner"),
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=share_token_new, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("transcript link")
        verbose_name_plural = _("transcript links")
        constraints = [
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(revoked_at__isnull=True),
                name="transcript_share_one_active_per_learner",
                violation_error_message=_("This learner already has an active link."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("transcripts:shared", kwargs={"token": self.token})

    @property
    def url(self) -> str:
        return absolute_url(self.get_absolute_url())

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def transcript_path(document: "TranscriptDocument", filename: str) -> str:
    return f"transcripts/{document.folder}/{filename}"


class TranscriptDocument(LearnerDocument):
    """The learner's current transcript PDF, rendered by the worker on request.

    One row and one file per learner; ``fingerprint`` says which state of the
    transcript the file shows, so a request for an unchanged one does nothing.
    """

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="transcript_document",
        verbose_name=_("learner"),
    )
    file = models.FileField(_("file"), upload_to=transcript_path, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("transcript PDF")
        verbose_name_plural = _("transcript PDFs")
        constraints = [
            models.CheckConstraint(
                condition=Q(file="")
                | (
                    Q(produced_on__isnull=False, size_bytes__isnull=False)
                    & ~Q(fingerprint="")
                ),
                name="transcript_document_file_has_its_facts",
                violation_error_message=_(
                    "A stored transcript needs its date, size and fingerprint."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | ~Q(file=""),
                name="transcript_document_ready_has_file",
                violation_error_message=_("A ready transcript needs its file."),
            ),
        ]
