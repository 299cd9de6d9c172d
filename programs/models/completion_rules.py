from django.db import models
from django.db.models import Q
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from .catalog import UNIT_KIND_PLURALS, CredentialProgram, Unit, units_counted
from .requirements import DECIDED_BY_REVIEW, DONE_WITHOUT_DECISION, Requirement
from .writes import CatalogueQuerySet


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

    objects = CatalogueQuerySet.as_manager()

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
        """The rule as a sentence a learner understands, stating every condition
        the evaluators check (``certificates.evaluators``): the pieces by name,
        pass marks and deadlines, read from this row and its owner's requirements
        as ``certificates.selectors.facts.rule_value`` reads them."""
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
            if requirement is None or requirement.pass_score is None:
                return _("%(req)s scored at least its pass mark") % {
                    "req": requirement.title if requirement else ""
                }
            out_of = getattr(self, "requirement_points", None)
            if out_of is None:  # not annotated by the query that read the rule
                out_of = requirement.rubric_points()
            if not out_of:
                return _("%(req)s scored at least %(x)s") % {
                    "req": requirement.title,
                    "x": requirement.pass_score,
                }
            return _("%(req)s scored at least %(x)s of %(y)s (%(pct)s%%)") % {
                "req": requirement.title,
                "x": requirement.pass_score,
                "y": out_of,
                "pct": round(100 * requirement.pass_score / out_of),
            }
        if self.kind == kind.WITHIN_DEADLINE and self.requirement:
            return _("%(req)s submitted %(when)s") % {
                "req": self.requirement.title,
                "when": self.requirement.deadline_phrase or _("within its deadline"),
            }
        pieces = self._pieces()
        if self.kind == kind.REQUIRED_PIECES and pieces:
            return _("%(pieces)s done") % {"pieces": pieces}
        if self.kind == kind.ALL_SUBMISSIONS_MET and pieces:
            return _("%(pieces)s reviewed Met (you may revise and resubmit)") % {
                "pieces": pieces
            }
        if self.kind == kind.PREREQUISITES_HELD:
            prerequisites = self._prerequisites()
            if not prerequisites:
                return _("no prerequisite")
            return _("%(units)s completed first") % {"units": prerequisites}
        return str(self.get_kind_display())

    def _owner_requirements(self) -> list[Requirement]:
        if self.unit:
            return list(self.unit.requirements.all())
        if self.program:
            return [r for u in self.program.units.all() for r in u.requirements.all()]
        return []

    def _pieces(self) -> str:
        """The required pieces this rule checks, by title: "A, B and C"."""
        modes = (
            DONE_WITHOUT_DECISION
            if self.kind == self.Kind.REQUIRED_PIECES
            else {DECIDED_BY_REVIEW}
        )
        titles = [
            r.title
            for r in self._owner_requirements()
            if r.is_required and r.review_mode in modes
        ]
        return str(get_text_list(titles, _("and")))

    def _prerequisites(self) -> str:
        units = list(self.units.all()) if self.pk else []
        if not units and self.unit:
            units = list(self.unit.prerequisites.all())
        return str(get_text_list([u.title for u in units], _("and")))

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
