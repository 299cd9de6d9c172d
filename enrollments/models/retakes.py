from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programs.models import Unit


class RetakeAllowance(models.Model):
    """An admin's permission for a learner to take again a unit they already hold.

    Without one, enrolling in a unit completed here or imported as a past
    completion is refused, so nobody is invoiced twice by mistake.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="retake_allowances",
        verbose_name=_("learner"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="retake_allowances",
        verbose_name=_("unit"),
    )
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("retake allowance")
        verbose_name_plural = _("retake allowances")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "unit"],
                name="retake_allowance_once_per_unit",
                violation_error_message=_(
                    "This learner may already take this unit again."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner}: {self.unit}"
