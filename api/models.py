from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A person's own key to the API, shown to them once and stored as a digest.

    Revoking keeps the row (with its last use) so the audit trail can name it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “District LMS sync”."),
    )
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    digest = models.CharField(
        _("SHA-256 digest"), max_length=64, unique=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    expires_at = models.DateTimeField(
        _("expires at"), help_text=_("After this moment the token is refused.")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_name_unique_per_user",
                violation_error_message=_("You already have a token with this name."),
            ),
            models.CheckConstraint(
                condition=Q(digest__regex=r"^[0-9a-f]{64}$"),
                name="api_token_digest_is_sha256",
                violation_error_message=_("A token is stored as its SHA-256 digest."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="api_token_has_name",
                violation_error_message=_("Give the token a name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
