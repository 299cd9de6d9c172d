from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programs.models import Provider


class IssuerKey(models.Model):
    """An Ed25519 key a provider signs its Open Badges credentials with.

    The public half is published at the provider's issuer profile; a retired key
    stays published so that what it signed still verifies.
    """

    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        related_name="issuer_keys",
        verbose_name=_("provider"),
    )
    kid = models.CharField(_("key id"), max_length=64, unique=True, editable=False)
    private_pem = models.TextField(_("private key (PEM)"), editable=False)
    public_jwk = models.JSONField(_("public key (JWK)"), editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["provider", "-created_at"]
        verbose_name = _("issuer signing key")
        verbose_name_plural = _("issuer signing keys")
        constraints = [
            models.UniqueConstraint(
                fields=["provider"],
                condition=Q(retired_at__isnull=True),
                name="issuer_key_one_active_per_provider",
                violation_error_message=_("A provider signs with one active key."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider.short_name} {self.kid}"
