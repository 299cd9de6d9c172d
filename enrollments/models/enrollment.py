from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import clock
from core.versioned import VersionedQuerySet
from programs.models import Offering, Requirement, Session, Unit

# The places taken in each offering (``selectors.windows.places_taken``): what
# the catalogue shows of its enrollments. Every enrollment write bumps it.
PLACES = "places"


class EnrollmentQuerySet(VersionedQuerySet):
    source = PLACES


class Enrollment(models.Model):
    """A learner in an offering."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Learners who take part in the offering: they appear on registers and see
    # their classmates' shared work; withdrawn learners do neither.
    TAKING_PART = (Status.ACTIVE, Status.COMPLETED)

    class Track(models.TextChoices):
        NONE = "", _("No track")
        GRADUATE_CREDIT = "graduate_credit", _("Graduate credit")
        NON_CREDIT = "non_credit", _("Non-credit")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrollments"
    )
    offering = models.ForeignKey(
        Offering, on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    track = models.CharField(
        _("track"), max_length=20, choices=Track.choices, blank=True, default=""
    )
    track_approved = models.BooleanField(
        _("graduate-credit admission approved"),
        default=False,
        help_text=_("An admin approves admission to the graduate-credit track."),
    )
    group_order = models.ForeignKey(
        "enrollments.GroupOrder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrollments",
    )
    created_at = models.DateTimeField(
        _("enrolled at"), default=clock.now, editable=False
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        # The order everything lists enrollments in, and the admin's home counts
        # this week's from it (a range of the index, not a scan of every row).
        indexes = [models.Index(fields=["-created_at"], name="enrollment_newest_first")]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "offering"],
                name="enrollment_unique_per_offering",
                violation_error_message=_("You are already enrolled in this offering."),
            ),
            models.CheckConstraint(
                condition=Q(track_approved=False) | Q(track="graduate_credit"),
                name="enrollment_only_graduate_track_is_approved",
                violation_error_message=_(
                    "Only a graduate-credit enrollment needs admission."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="enrollment_completed_has_date",
                violation_error_message=_("A completed enrollment needs its date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} in {self.offering}"


class Attendance(models.Model):
    """A learner present at a session, marked by hand or by check-in code."""

    class Method(models.TextChoices):
        MANUAL = "manual", _("Marked by a facilitator")
        CHECK_IN = "check_in", _("Checked in with a code")

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="attendances"
    )
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    marked_at = models.DateTimeField(_("marked at"), default=clock.now, editable=False)

    class Meta:
        ordering = ["session__starts_at"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "session"],
                name="attendance_once_per_session",
                violation_error_message=_("Attendance is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment.learner} at {self.session}"


class Extension(models.Model):
    """An admin's recorded exception to one requirement's deadline for one learner."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="extensions"
    )
    requirement = models.ForeignKey(
        Requirement, on_delete=models.PROTECT, related_name="extensions"
    )
    new_deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.requirement} until {self.new_deadline:%Y-%m-%d}"


class PastCompletion(models.Model):
    """A unit completed before it was tracked here, imported by an admin."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="past_completions",
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="past_completions"
    )
    completed_on = models.DateField(_("completed on"))
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("e.g. the 2023 cohort")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-completed_on"]
        verbose_name = _("past completion")
        verbose_name_plural = _("past completions")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "unit"],
                name="past_completion_once_per_unit",
                violation_error_message=_("This past completion is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner}: {self.unit} ({self.completed_on:%Y-%m-%d})"
