from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.dates import format_date

from .catalog import Unit
from .writes import CatalogueQuerySet

# How the completion rules read a requirement's review mode (the evaluators in
# ``certificates.evaluators`` and ``CompletionRule.describe``): a piece done
# without a decision, or one a facilitator decides Met / Not Met.
DONE_WITHOUT_DECISION = frozenset({"none", "automatic"})
DECIDED_BY_REVIEW = "met_not_met"


class Requirement(models.Model):
    """Something a learner must provide or do in a unit, with how it is reviewed."""

    class Kind(models.TextChoices):
        FINAL_PRODUCT = "final_product", _("Final product")
        REFLECTION = "reflection", _("Reflection")
        PROJECT = "project", _("Project")
        PRE_ASSESSMENT = "pre_assessment", _("Pre-assessment")
        PORTFOLIO = "portfolio", _("Portfolio")
        ATTENDANCE = "attendance", _("Attendance at required sessions")
        CHECKLIST = "checklist", _("Checklist or quiz")

    class ReviewMode(models.TextChoices):
        NONE = "none", _("Complete on submission")
        MET_NOT_MET = "met_not_met", _("Met / Not Met")
        RUBRIC = "rubric", _("Rubric score")
        AUTOMATIC = "automatic", _("Automatic feedback")

    class Deadline(models.TextChoices):
        NONE = "none", _("When the offering ends (none in open enrollment)")
        FIXED = "fixed", _("On a fixed date")
        AFTER_OFFERING_END = "after_end", _("After the offering ends")
        BEFORE_FIRST_SESSION = "before_first_session", _("Before the first session")

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="requirements"
    )
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    review_mode = models.CharField(
        _("review mode"), max_length=16, choices=ReviewMode.choices
    )
    is_required = models.BooleanField(_("required"), default=True)
    accepts_files = models.BooleanField(_("accepts files"), default=True)
    accepts_text = models.BooleanField(_("accepts text"), default=True)
    accepts_links = models.BooleanField(_("accepts links"), default=True)
    shared_with_peers = models.BooleanField(
        _("shared with peers for feedback"), default=False
    )
    min_artifacts = models.PositiveSmallIntegerField(
        _("minimum artifacts"), null=True, blank=True
    )
    max_artifacts = models.PositiveSmallIntegerField(
        _("maximum artifacts"), null=True, blank=True
    )
    pass_score = models.PositiveSmallIntegerField(
        _("pass mark (rubric points)"), null=True, blank=True
    )
    deadline = models.CharField(
        _("deadline"), max_length=24, choices=Deadline.choices, default=Deadline.NONE
    )
    deadline_date = models.DateField(_("fixed deadline date"), null=True, blank=True)
    deadline_months_after_end = models.PositiveSmallIntegerField(
        _("months after the offering ends"), null=True, blank=True
    )
    deadline_days_after_end = models.PositiveSmallIntegerField(
        _("days after the offering ends"), null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(
        _("position on the unit's page"),
        default=0,
        help_text=_("Orders the unit's requirements for learners: lower first."),
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "position", "id"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "title"],
                name="requirement_title_unique_per_unit",
                violation_error_message=_(
                    "This unit already has a requirement so named."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_artifacts__isnull=True) | Q(min_artifacts__gte=1),
                name="requirement_min_artifacts_positive",
                violation_error_message=_("A portfolio holds at least one artifact."),
            ),
            models.CheckConstraint(
                condition=Q(min_artifacts__isnull=True)
                | Q(max_artifacts__isnull=True)
                | Q(min_artifacts__lte=F("max_artifacts")),
                name="requirement_artifact_range_ordered",
                violation_error_message=_(
                    "The minimum number of artifacts cannot be above the maximum."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="portfolio")
                | Q(min_artifacts__isnull=False, max_artifacts__isnull=False),
                name="requirement_portfolio_has_range",
                violation_error_message=_(
                    "A portfolio needs a minimum and a maximum number of artifacts."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(review_mode="rubric")
                | Q(pass_score__isnull=False, pass_score__gte=1),
                name="requirement_rubric_has_pass_mark",
                violation_error_message=_(
                    "A rubric-scored requirement needs a pass mark."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(deadline="fixed") | Q(deadline_date__isnull=False),
                name="requirement_fixed_deadline_has_date",
                violation_error_message=_("A fixed deadline needs a date."),
            ),
            models.CheckConstraint(
                condition=~Q(deadline="after_end")
                | Q(
                    deadline_months_after_end__isnull=False,
                    deadline_months_after_end__gte=1,
                )
                | Q(
                    deadline_days_after_end__isnull=False,
                    deadline_days_after_end__gte=1,
                ),
                name="requirement_relative_deadline_has_delay",
                violation_error_message=_(
                    "A deadline after the offering ends needs months or days."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.label}: {self.title}"

    def rubric_points(self) -> int:
        """The most a rubric-scored requirement can score: its criteria's points."""
        total = self.rubric_criteria.aggregate(total=models.Sum("max_points"))
        return total["total"] or 0

    @property
    def deadline_phrase(self) -> str:
        """When it is due, as words after "submitted": "within 6 months of the end
        of the run"; empty without a deadline."""
        if self.deadline == self.Deadline.FIXED and self.deadline_date:
            return str(_("by %(date)s") % {"date": format_date(self.deadline_date)})
        if self.deadline == self.Deadline.BEFORE_FIRST_SESSION:
            return str(_("before the first session"))
        if self.deadline != self.Deadline.AFTER_OFFERING_END:
            return ""
        if self.deadline_months_after_end:
            n = self.deadline_months_after_end
            text = ngettext(
                "within %(n)s month of the end of the run",
                "within %(n)s months of the end of the run",
                n,
            )
        else:
            n = self.deadline_days_after_end or 0
            text = ngettext(
                "within %(n)s day of the end of the run",
                "within %(n)s days of the end of the run",
                n,
            )
        return text % {"n": n}

    @property
    def artifact_range(self) -> str:
        if self.min_artifacts is None:
            return ""
        return f"{self.min_artifacts}-{self.max_artifacts}"


class RubricCriterion(models.Model):
    """One criterion of a rubric-scored requirement; the points add up to the total."""

    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="rubric_criteria"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    max_points = models.PositiveSmallIntegerField(_("points"))
    position = models.PositiveSmallIntegerField(
        _("position in the rubric"),
        default=0,
        help_text=_("Orders the rubric's criteria: lower first."),
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["requirement", "position", "id"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "title"],
                name="rubric_criterion_title_unique",
                violation_error_message=_(
                    "This rubric already has a criterion so named."
                ),
            ),
            models.CheckConstraint(
                condition=Q(max_points__gte=1),
                name="rubric_criterion_points_positive",
                violation_error_message=_("A criterion is worth at least one point."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.max_points})"
