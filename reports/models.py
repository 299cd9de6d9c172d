"""The report's figures rolled up by the worker (``services.rollup``), so the
report page sums a few thousand rows instead of counting the whole history.

Each fact row holds counts for one subject and one day (the day of the event in
the portal's zone, as the report's date filters select them); the page sums the
rows under its filters. Every rollup replaces all fact rows in one transaction,
so the figures are always those of one moment: the latest finished
``ReportRollup``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportRollup(models.Model):
    """One run of the rollup: periodic (no one asked) or asked for by an admin."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"))
    finished_at = models.DateTimeField(_("figures as of"), null=True, blank=True)

    class Meta:
        verbose_name = _("report rollup")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finished_at__isnull=True)
                | models.Q(finished_at__gte=models.F("requested_at")),
                name="report_rollup_finished_after_requested",
                violation_error_message=_("A rollup finishes after it is requested."),
            )
        ]

    def __str__(self) -> str:
        return f"Report rollup {self.pk}"


class OfferingDay(models.Model):
    """One offering's enrollments made on ``day`` (by their status now, and
    whether their learner holds the unit's issued award) and its reviews
    decided on ``day``."""

    offering = models.ForeignKey(
        "programs.Offering", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    active = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    awarded = models.PositiveIntegerField(default=0)
    decided = models.PositiveIntegerField(default=0)
    passed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "day"],
                name="offering_day_once",
                violation_error_message=_("One row per offering and day."),
            )
        ]

    def __str__(self) -> str:
        return f"offering {self.offering_id} on {self.day}"


class WaitingAge(models.Model):
    """How many of an offering's versions waited for review ``age_days`` whole
    days at the rollup's moment."""

    offering = models.ForeignKey(
        "programs.Offering", on_delete=models.CASCADE, related_name="+"
    )
    age_days = models.PositiveIntegerField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "age_days"],
                name="waiting_age_once",
                violation_error_message=_("One row per offering and age."),
            )
        ]

    def __str__(self) -> str:
        return f"offering {self.offering_id}: {self.count} waiting {self.age_days} days"


class AwardDay(models.Model):
    """Awards of a unit or a program issued (and still issued) on ``day``, and
    those revoked on ``day``."""

    unit = models.ForeignKey(
        "programs.Unit", on_delete=models.CASCADE, null=True, related_name="+"
    )
    program = models.ForeignKey(
        "programs.CredentialProgram",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    day = models.DateField()
    issued = models.PositiveIntegerField(default=0)
    revoked = models.PositiveIntegerField(default=0)

    class Meta:
        # Partial unique constraints rather than NULLS NOT DISTINCT, which
        # SQLite (the default start) cannot enforce.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False, program__isnull=True)
                | models.Q(unit__isnull=True, program__isnull=False),
                name="award_day_for_a_unit_or_a_program",
                violation_error_message=_(
                    "A row counts a unit's or a program's awards."
                ),
            ),
            models.UniqueConstraint(
                fields=["unit", "day"],
                condition=models.Q(unit__isnull=False),
                name="award_day_once_per_unit",
                violation_error_message=_("One row per credential and day."),
            ),
            models.UniqueConstraint(
                fields=["program", "day"],
                condition=models.Q(program__isnull=False),
                name="award_day_once_per_program",
                violation_error_message=_("One row per credential and day."),
            ),
        ]

    def __str__(self) -> str:
        return f"awards of {self.unit_id or self.program_id} on {self.day}"


class RevenueDay(models.Model):
    """Money of one unit in one currency: invoiced on ``day`` (void invoices
    left out) and received on ``day`` (payments less refunds and cancellations)."""

    unit = models.ForeignKey(
        "programs.Unit", on_delete=models.CASCADE, related_name="+"
    )
    currency = models.CharField(max_length=3)
    day = models.DateField()
    invoiced = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    received = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "currency", "day"],
                name="revenue_day_once",
                violation_error_message=_("One row per unit, currency and day."),
            )
        ]

    def __str__(self) -> str:
        return f"unit {self.unit_id} {self.currency} on {self.day}"
