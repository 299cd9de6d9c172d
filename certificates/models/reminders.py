from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .awards import Award


class ExpiryReminder(models.Model):
    """One reminder that an award is about to expire, claimed before it is sent.

    The row is written (``claimed_at``) and committed before the email is handed
    to the mail server, so a second run or a redelivered task finds it and sends
    nothing: each reminder of an award goes at most once. A claim without
    ``sent_at`` is one whose sender stopped mid-send: it is not resent (a
    duplicate is the worse error); a refused send releases its claim.
    """

    class DaysBefore(models.IntegerChoices):
        NINETY = 90, _("90 days before expiry")
        THIRTY = 30, _("30 days before expiry")

    award = models.ForeignKey(
        Award,
        on_delete=models.CASCADE,
        related_name="expiry_reminders",
        verbose_name=_("award"),
    )
    days_before = models.PositiveSmallIntegerField(
        _("days before expiry"), choices=DaysBefore.choices
    )
    claimed_at = models.DateTimeField(
        _("handed to the mail server at"), null=True, blank=True
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failures = models.PositiveSmallIntegerField(_("failed sends"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["award", "-days_before"]
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["award", "days_before"],
                name="expiry_reminder_once",
                violation_error_message=_("This reminder was already sent."),
            ),
            models.CheckConstraint(
                condition=Q(days_before__in=[90, 30]),
                name="expiry_reminder_days_known",
                violation_error_message=_(
                    "A reminder goes 90 or 30 days before expiry."
                ),
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(claimed_at__isnull=False),
                name="expiry_reminder_sent_was_claimed",
                violation_error_message=_("A reminder is sent only once claimed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award}: {self.get_days_before_display()}"
