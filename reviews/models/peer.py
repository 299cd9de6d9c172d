from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .submissions import SubmissionVersion


class PeerComment(models.Model):
    """Feedback from a learner of the same offering: a comment, never a decision."""

    version = models.ForeignKey(
        SubmissionVersion, on_delete=models.CASCADE, related_name="peer_comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("peer comment")
        verbose_name_plural = _("peer comments")

    def __str__(self) -> str:
        return f"{self.author} on {self.version}"
