from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalog import CredentialProgram, Unit
from .requirements import Requirement
from .writes import CatalogueQuerySet

CREDITS_NEED_AMOUNT = _("A credits rule needs what it counts and an amount above zero.")
REQUIREMENT_RULE_NEEDS_REQUIREMENT = _("A requirement rule needs a requirement.")


class RenewalKind(models.TextChoices):
    """The kinds of renewal rule: the one list. ``certificates.renewal`` keys its
    evaluators by it, and a test checks every kind has one."""

    CREDITS_SINCE_AWARD = "credits_since", _("Credits earned since the last award")
    REQUIREMENT_MET = "requirement_met", _("A renewal requirement reviewed Met")


class CreditMeasure(models.TextChoices):
    """What a credits rule counts: a unit's CPD credits or clock hours (frozen in
    its award), or the CEUs of the run an award certifies."""

    CPD_CREDITS = "cpd_credits", _("CPD credits")
    CLOCK_HOURS = "clock_hours", _("clock hours")
    CEUS = "ceus", _("CEUs")


class RenewalRule(models.Model):
    """One condition for renewing a program credential or a unit completion that
    expires (``valid_for_months``), and the window in which it may be renewed.

    Every rule of a credential must be met, inside every rule's window: from
    ``opens_days_before`` days before the award's expiry until ``grace_days``
    after it. Rules are data; ``certificates.renewal`` evaluates each kind.
    """

    Kind = RenewalKind
    Measure = CreditMeasure

    program = models.ForeignKey(
        CredentialProgram,
        on_delete=models.CASCADE,
        related_name="renewal_rules",
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="renewal_rules",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    measure = models.CharField(
        _("credits counted"),
        max_length=16,
        choices=Measure.choices,
        blank=True,
        help_text=_("For a credits rule: what the learner's later awards add up."),
    )
    min_amount = models.DecimalField(
        _("at least"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("For a credits rule: how many, counted from the last award."),
    )
    requirement = models.ForeignKey(
        Requirement,
        on_delete=models.CASCADE,
        related_name="renewal_rules",
        null=True,
        blank=True,
        verbose_name=_("renewal requirement"),
        help_text=_(
            "For a requirement rule: a Met / Not Met requirement of a renewal unit "
            "(a renewal portfolio), submitted after the last award."
        ),
    )
    opens_days_before = models.PositiveSmallIntegerField(
        _("opens (days before expiry)"),
        default=90,
        help_text=_("The learner may renew from this many days before expiry."),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace period (days after expiry)"),
        default=0,
        help_text=_("0: renew by the expiry date at the latest."),
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["program", "unit", "id"]
        verbose_name = _("renewal rule")
        verbose_name_plural = _("renewal rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, unit__isnull=True)
                | Q(program__isnull=True, unit__isnull=False),
                name="renewal_rule_belongs_to_program_or_unit",
                violation_error_message=_(
                    "A renewal rule belongs to a program or to a unit, not both."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="credits_since")
                | (Q(min_amount__gt=0) & ~Q(measure="")),
                name="renewal_rule_credits_have_amount",
                violation_error_message=CREDITS_NEED_AMOUNT,
            ),
            models.CheckConstraint(
                condition=~Q(kind="requirement_met") | Q(requirement__isnull=False),
                name="renewal_rule_requirement_given",
                violation_error_message=REQUIREMENT_RULE_NEEDS_REQUIREMENT,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program or self.unit}: {self.describe()}"

    def describe(self) -> str:
        """The rule as a sentence a learner understands."""
        if self.kind == self.Kind.CREDITS_SINCE_AWARD and self.min_amount:
            return _("%(n)s %(measure)s earned since the last award") % {
                "n": f"{self.min_amount.normalize():f}",
                "measure": self.get_measure_display(),
            }
        if self.kind == self.Kind.REQUIREMENT_MET and self.requirement:
            return _("%(req)s (%(unit)s) reviewed Met") % {
                "req": self.requirement.title,
                "unit": self.requirement.unit.label,
            }
        return str(self.get_kind_display())
