from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programs.models import CredentialProgram, Unit


class OutputKind(models.TextChoices):
    """What a document is; the kind picks its layout (landscape, letter, badge)."""

    CERTIFICATE = "certificate", _("Certificate")
    CLOCK_HOUR_LETTER = "clock_hour_letter", _("Clock-hour letter")
    CPD_FORM = "cpd_form", _("CPD completion for credit form")
    BADGE = "badge", _("Badge")
    CEU_CERTIFICATE = "ceu_certificate", _("Certificate of CEUs")


class OutputSpec(models.Model):
    """One document a credential produces when it is awarded, under a condition.

    Configuration, not code: "the CAEL module gives a certificate of competency and,
    on the non-credit track, a letter confirming its clock hours".
    """

    class Condition(models.TextChoices):
        ALWAYS = "always", _("Always")
        NON_CREDIT_TRACK = "non_credit", _("Only on the non-credit track")
        MARYLAND_CERTIFIED = "maryland", _("Only for Maryland-certified learners")

    program = models.ForeignKey(
        CredentialProgram,
        on_delete=models.CASCADE,
        related_name="output_specs",
        null=True,
        blank=True,
        verbose_name=_("program"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="output_specs",
        null=True,
        blank=True,
        verbose_name=_("unit"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=OutputKind.choices)
    title = models.CharField(
        _("title as printed"),
        max_length=200,
        help_text=_("e.g. Certificate of Completion"),
    )
    condition = models.CharField(
        _("condition"),
        max_length=16,
        choices=Condition.choices,
        default=Condition.ALWAYS,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["program", "unit", "position", "id"]
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, unit__isnull=True)
                | Q(program__isnull=True, unit__isnull=False),
                name="output_spec_belongs_to_program_or_unit",
                violation_error_message=_(
                    "An output belongs to a program or to a unit, not both."
                ),
            ),
            models.UniqueConstraint(
                fields=["program", "kind"],
                condition=Q(program__isnull=False),
                name="output_spec_kind_once_per_program",
                violation_error_message=_("This program already has such an output."),
            ),
            models.UniqueConstraint(
                fields=["unit", "kind"],
                condition=Q(unit__isnull=False),
                name="output_spec_kind_once_per_unit",
                violation_error_message=_("This unit already has such an output."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program or self.unit}: {self.title}"
