from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgressEvaluationRequest(models.Model):
    """A learner's progress in a unit changed: evaluate it (the outbox).

    Written in the transaction of the change (a review, an attendance mark, a
    submission), so the change and the promise to evaluate it commit or roll back
    together; deleted in the transaction of the evaluation that requests its
    awards, so a row exists exactly while an evaluation is owed. A row per change
    (inserted without a conflict, so no change waits for an evaluation under
    way); the rows of one learner and unit waiting together are evaluated once.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("learner"),
    )
    unit = models.ForeignKey(
        "programs.Unit",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("unit"),
    )
    # The moment of the change: the latest of the rows evaluated together, in the
    # unit's provider's zone, is the day an award they complete is earned on.
    changed_at = models.DateTimeField(_("changed at"))
    created_at = models.DateTimeField(_("created at"))
    attempts = models.PositiveSmallIntegerField(_("failed evaluations"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("progress evaluation request")
        indexes = [
            models.Index(fields=["learner", "unit"], name="evaluation_learner_unit")
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} in {self.unit_id} changed at {self.changed_at}"
