"""The shape of a learner's current PDF of one kind (the transcript, the ledger):
one row and one file per learner, rendered by the worker on request."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class LearnerDocument(models.Model):
    """Abstract: a kind adds its ``learner`` (one-to-one), its ``file`` (with its
    folder in the path) and its constraints."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    folder = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    size_bytes = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    produced_on = models.DateField(_("produced on"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested at"))
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.learner} · {self.get_status_display()}"  # type: ignore[attr-defined]
