from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..money import format_money
from .catalog import Unit
from .writes import CatalogueQuerySet


class GroupTier(models.Model):
    """A group price rule: "10 or more: 25% off the invoice", "4 or more: USD 295"."""

    class Kind(models.TextChoices):
        PERCENT_OFF_INVOICE = "percent_off", _("Percent off the invoice")
        PRICE_PER_PERSON = "per_person", _("Price per person")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="group_tiers")
    min_participants = models.PositiveIntegerField(_("from (participants)"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    percent_off = models.DecimalField(
        _("percent off"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    price_per_person = models.DecimalField(
        _("price per person"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "min_participants"]
        verbose_name = _("group tier")
        verbose_name_plural = _("group tiers")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "min_participants"],
                name="group_tier_unique_threshold",
                violation_error_message=_(
                    "This unit already has a tier from that size."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_participants__gte=2),
                name="group_tier_at_least_two_people",
                violation_error_message=_("A group tier starts at 2 or more people."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="percent_off", price_per_person__isnull=True)
                    & Q(
                        percent_off__isnull=False,
                        percent_off__gt=0,
                        percent_off__lte=100,
                    )
                )
                | (
                    Q(kind="per_person", percent_off__isnull=True)
                    & Q(price_per_person__isnull=False, price_per_person__gte=0)
                ),
                name="group_tier_amount_matches_kind",
                violation_error_message=_(
                    "A percent-off tier needs a percentage between 0 and 100; a "
                    "per-person tier needs a price per person (and not both)."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.PERCENT_OFF_INVOICE:
            percent = self.percent_off.normalize() if self.percent_off else Decimal(0)
            return _("%(n)s or more: %(p)s%% off the invoice") % {
                "n": self.min_participants,
                "p": f"{percent:f}",
            }
        return _("%(n)s or more: %(price)s per person") % {
            "n": self.min_participants,
            "price": format_money(self.price_per_person, self.unit.currency),
        }
