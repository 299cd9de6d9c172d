from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.dates import format_date

from .catalog import Unit
from .writes import CatalogueQuerySet


class Offering(models.Model):
    """One run of a unit: a CMTE workshop's spring run, an ISTE cohort, a window.

    An offering without dates is open enrollment (Loyola stacked micro-credentials).
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="offerings")
    label = models.CharField(_("label"), max_length=120, help_text=_("e.g. Fall 2026"))
    format_name = models.CharField(
        _("format"), max_length=200, blank=True, help_text=_("e.g. METC online")
    )
    format_details = models.TextField(
        _("about the format"),
        blank=True,
        help_text=_("What the format involves, shown on the unit's page."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    enrollment_opens = models.DateField(_("enrollment opens"), null=True, blank=True)
    enrollment_closes = models.DateField(_("enrollment closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty means unlimited.")
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_offerings",
        verbose_name=_("facilitators"),
    )
    content_open_after_end = models.BooleanField(
        _("content stays open after the end date"), default=False
    )
    submissions_open_days_before_start = models.PositiveSmallIntegerField(
        _("submissions open (days before the start)"),
        default=0,
        help_text=_(
            "0: learners submit from the start date on. Work due before the first "
            "session (a pre-assessment) is open from enrollment."
        ),
    )
    ceus = models.DecimalField(
        _("CEUs awarded"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_(
            "Continuing education units this run awards (an Edcamp or conference: "
            "the figure depends on the event). Empty: the run awards none."
        ),
    )
    attendance_grace_days = models.PositiveSmallIntegerField(
        _("attendance grace (days)"),
        default=3,
        help_text=_(
            "Days after a session on which facilitators may still mark its register. "
            "Check-in codes work only on the session's day."
        ),
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["unit__title", "start_date", "label"]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "label"],
                name="offering_label_unique_per_unit",
                violation_error_message=_(
                    "This unit already has an offering so named."
                ),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True, end_date__isnull=True)
                | Q(start_date__isnull=False, end_date__isnull=False),
                name="offering_dates_both_or_neither",
                violation_error_message=_(
                    "Give both a start and an end date, or neither (open enrollment)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="offering_ends_after_start",
                violation_error_message=_("An offering cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(enrollment_opens__isnull=True)
                | Q(enrollment_closes__isnull=True)
                | Q(enrollment_closes__gte=F("enrollment_opens")),
                name="offering_enrollment_window_ordered",
                violation_error_message=_("Enrollment cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=Q(ceus__isnull=True) | Q(ceus__gt=0),
                name="offering_ceus_positive",
                violation_error_message=_("CEUs must be above 0 (or empty)."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="offering_capacity_positive",
                violation_error_message=_("Capacity must be at least 1 (or empty)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.label} · {self.label}"

    @property
    def dates(self) -> str:
        """The run's dates as written: "Dec 19, 2026" for a one-day event, else
        "Jan 4, 2027 to Jan 31, 2027"; empty for open enrollment."""
        if self.start_date is None:
            return ""
        if self.end_date is None or self.end_date == self.start_date:
            return format_date(self.start_date)
        return str(
            _("%(start)s to %(end)s")
            % {"start": format_date(self.start_date), "end": format_date(self.end_date)}
        )

    @property
    def is_open_ended(self) -> bool:
        return self.start_date is None


class Session(models.Model):
    """A live meeting of an offering; some are required (ISTE), most optional."""

    class Kind(models.TextChoices):
        PRE_WORK = "pre_work", _("Pre-work session")
        LIVE = "live", _("Live virtual session")
        CHECK_IN = "check_in", _("Virtual check-in")
        OFFICE_HOURS = "office_hours", _("Office hours")
        EVENT = "event", _("Event day")

    offering = models.ForeignKey(
        Offering, on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60
    )
    is_required = models.BooleanField(_("attendance required"), default=False)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["offering", "starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1),
                name="session_duration_positive",
                violation_error_message=_("A session lasts at least one minute."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offering} · {self.title}"
