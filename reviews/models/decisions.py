from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core import clock
from programs.models import RubricCriterion
from programs.pass_mark import score_passes

from .submissions import SubmissionVersion


class Review(models.Model):
    """The decision on one submitted version: Met / Not Met, or a rubric score.

    ``reviewer`` is empty for automatic feedback (a checklist graded on submission).
    """

    class Decision(models.TextChoices):
        MET = "met", _("Met")
        NOT_MET = "not_met", _("Not Met")
        SCORED = "scored", _("Scored")

    version = models.OneToOneField(
        SubmissionVersion, on_delete=models.PROTECT, related_name="review"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews_given",
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    total_points = models.PositiveSmallIntegerField(
        _("total points"), null=True, blank=True
    )
    out_of = models.PositiveSmallIntegerField(_("out of"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    # Set by the review services, which take ``now`` (a decision dated in the past
    # keeps its day).
    created_at = models.DateTimeField(
        _("reviewed at"), default=clock.now, editable=False
    )
    updated_at = models.DateTimeField(
        _("changed at"), default=clock.now, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="not_met") | ~Q(feedback=""),
                name="review_not_met_has_feedback",
                violation_error_message=_(
                    "Not Met needs written feedback on what to change."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(decision="scored")
                | Q(
                    total_points__isnull=False,
                    out_of__isnull=False,
                    total_points__lte=F("out_of"),
                ),
                name="review_score_within_total",
                violation_error_message=_("A score needs points out of the total."),
            ),
            models.CheckConstraint(
                condition=Q(decision="scored")
                | Q(total_points__isnull=True, out_of__isnull=True),
                name="review_decision_has_no_points",
                violation_error_message=_("Met / Not Met carries no points."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.result}"

    @property
    def result(self) -> str:
        """The decision in a word or a score: "Met", "Not Met", "19/25"."""
        if self.decision == self.Decision.SCORED:
            return f"{self.total_points}/{self.out_of}"
        return str(self.get_decision_display())

    @property
    def is_automatic(self) -> bool:
        return self.reviewer_id is None

    @property
    def passed(self) -> bool | None:
        """A score at or above the requirement's pass mark; None for Met / Not Met."""
        if self.decision != self.Decision.SCORED:
            return None
        requirement = self.version.submission.requirement
        return score_passes(self.total_points, pass_score=requirement.pass_score)


class CriterionScore(models.Model):
    """Points and feedback for one rubric criterion of a scored review."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="criterion_scores"
    )
    criterion = models.ForeignKey(
        RubricCriterion, on_delete=models.PROTECT, related_name="scores"
    )
    points = models.SmallIntegerField(_("points"))
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        ordering = ["review", "criterion__position", "criterion_id"]
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"],
                name="criterion_scored_once_per_review",
                violation_error_message=_("This criterion is already scored."),
            ),
            models.CheckConstraint(
                condition=Q(points__gte=0),
                name="criterion_score_not_negative",
                violation_error_message=_("Points cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.title}: {self.points}"
