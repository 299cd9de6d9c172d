from django.db import models
from django.utils.translation import gettext_lazy as _

from programs.models import Requirement

from .submissions import SubmissionVersion


class ChecklistQuestion(models.Model):
    """A question of an automatically graded checklist or quiz, configured by admins."""

    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="checklist_questions"
    )
    prompt = models.CharField(_("question"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["requirement", "position", "id"]
        verbose_name = _("checklist question")
        verbose_name_plural = _("checklist questions")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "prompt"],
                name="checklist_question_unique",
                violation_error_message=_("This checklist already asks that."),
            ),
        ]

    def __str__(self) -> str:
        return self.prompt


class ChecklistOption(models.Model):
    """One answer; ``feedback`` is what the learner reads after choosing it."""

    question = models.ForeignKey(
        ChecklistQuestion, on_delete=models.CASCADE, related_name="options"
    )
    text = models.CharField(_("answer"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(_("feedback"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["question", "position", "id"]
        verbose_name = _("checklist option")
        verbose_name_plural = _("checklist options")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "text"],
                name="checklist_option_unique",
                violation_error_message=_("This question already offers that answer."),
            ),
        ]

    def __str__(self) -> str:
        return self.text


class ChecklistAnswer(models.Model):
    """The option a learner chose for one question in one submitted version."""

    version = models.ForeignKey(
        SubmissionVersion, on_delete=models.CASCADE, related_name="checklist_answers"
    )
    question = models.ForeignKey(
        ChecklistQuestion, on_delete=models.PROTECT, related_name="answers"
    )
    option = models.ForeignKey(
        ChecklistOption, on_delete=models.PROTECT, related_name="answers"
    )

    class Meta:
        ordering = ["version", "question__position", "question_id"]
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "question"],
                name="checklist_answer_once_per_question",
                violation_error_message=_("This question is already answered."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.option}"
