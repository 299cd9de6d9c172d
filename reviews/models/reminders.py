from django.db import models
from django.utils.translation import gettext_lazy as _

from enrollments.models import Enrollment
from programs.models import Requirement


class DeadlineReminder(models.Model):
    """A deadline reminder already sent, so the daily sweep sends each one once.

    Keyed by the deadline itself: an extension moves the deadline and earns a new one.
    """

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="deadline_reminders"
    )
    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="deadline_reminders"
    )
    deadline = models.DateField(_("deadline"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "requirement", "deadline"],
                name="deadline_reminder_once",
                violation_error_message=_("This reminder was already sent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requirement} due {self.deadline:%Y-%m-%d}"
