from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalog import UNIT_KIND_PLURALS, CredentialProgram, Unit, units_counted
from .requirements import Requirement


class RuleKind(models.TextChoices):
    """The kinds of completion rule: the one list. ``certificates.evaluators``
    keys its evaluators by it, and a test checks every kind has one."""

    UNITS_COMPLETED = "units_completed", _("N of a set of units completed")
    MIN_SCORE = "min_score", _("A requirement scored at its pass mark")
    ALL_SUBMISSIONS_MET = "all_met", _("Every required submission Met")
    REQUIRED_PIECES = "required_pieces", _("Required pieces done")
    WITHIN_DEADLINE = "within_deadline", _("Submitted within the deadline window")
    PREREQUISITES_HELD = "prerequisites", _("Prerequisite credentials held")


class CompletionRule(models.Model):
    """One condition of a program credential or a unit completion.

    Rules are data; ``certificates`` evaluates each kind with a small pure function.
    """

    Kind = RuleKind

    program = models.ForeignKey(
        CredentialProgram,
        on_delete=models.CASCADE,
        related_name="completion_rules",
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="completion_rules",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    min_count = models.PositiveSmallIntegerField(
        _("how many units"),
        null=True,
        blank=True,
        help_text=_("Empty means every unit of the set."),
    )
    units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="counted_by_rules",
        verbose_name=_("the set of units"),
        help_text=_("Empty means the program's units (or the unit's prerequisites)."),
    )
    requirement = models.ForeignKey(
        Requirement,
        on_delete=models.CASCADE,
        related_name="completion_rules",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["program", "unit", "id"]
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, unit__isnull=True)
                | Q(program__isnull=True, unit__isnull=False),
                name="completion_rule_belongs_to_program_or_unit",
                violation_error_message=_(
                    "A rule belongs to a program or to a unit, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_count__isnull=True) | Q(min_count__gte=1),
                name="completion_rule_count_positive",
                violation_error_message=_("Count at least one unit."),
            ),
            # The pass mark is the requirement's (``Requirement.pass_score``),
            # stored once: ``programs.pass_mark``.
            models.CheckConstraint(
                condition=~Q(kind="min_score") | Q(requirement__isnull=False),
                name="completion_rule_score_has_requirement",
                violation_error_message=_("A score rule needs a requirement."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="within_deadline") | Q(requirement__isnull=False),
                name="completion_rule_window_has_requirement",
                violation_error_message=_("A deadline rule needs a requirement."),
            ),
        ]

    def __str__(self) -> str:
        owner = self.program or self.unit
        return f"{owner}: {self.describe()}"

    def describe(self) -> str:
        """The rule as a sentence a learner understands."""
        kind = self.Kind
        if self.kind == kind.UNITS_COMPLETED:
            if self.min_count:
                return _(
                    "at least %(units)s completed, in any order; earlier "
                    "completions count"
                ) % {"units": units_counted(self._units_kind(), self.min_count)}
            return _("every one of its %(units)s completed") % {
                "units": self._units_noun()
            }
        if self.kind == kind.MIN_SCORE:
            requirement = self.requirement
            return _("%(req)s scored at least its pass mark, %(x)s") % {
                "req": requirement.title if requirement else "",
                "x": requirement.pass_score if requirement else "",
            }
        if self.kind == kind.WITHIN_DEADLINE:
            return _("%(req)s submitted within its deadline") % {
                "req": self.requirement.title if self.requirement else ""
            }
        return str(self.get_kind_display())

    def _units_kind(self) -> str | None:
        """The kind of every unit counted ("workshop"), or None when mixed."""
        if self.program:
            units = self.program.units.all()
        else:  # a rule not saved yet has no set of units to read
            units = self.units.all() if self.pk else Unit.objects.none()
        kinds = {unit.kind for unit in units}
        return kinds.pop() if len(kinds) == 1 else None

    def _units_noun(self) -> str:
        """'workshops' when every unit counted is a workshop, else 'units'."""
        return str(UNIT_KIND_PLURALS.get(self._units_kind(), _("units")))
