from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core import clock

from .writes import CatalogueQuerySet


def portal_zone_name() -> str:
    """A new provider's time zone: the portal's (``TIME_ZONE``)."""
    return settings.TIME_ZONE


class Provider(models.Model):
    """Who awards: HGSE Professional Education, ISTE (with METC), Loyola."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    website = models.URLField(_("website"), blank=True)
    delivery_partner = models.CharField(
        _("delivery partner"), max_length=200, blank=True, help_text=_("e.g. METC")
    )
    signatory_name = models.CharField(_("signatory name"), max_length=200)
    signatory_title = models.CharField(_("signatory title"), max_length=200)
    payment_instructions = models.TextField(
        _("payment instructions"),
        blank=True,
        help_text=_(
            "How to pay an invoice, shown on every invoice and before enrolling: "
            "bank details, where to send a purchase order, whom to ask."
        ),
    )
    work_before_payment = models.BooleanField(
        _("work may start before payment"),
        default=True,
        help_text=_(
            "Uncheck to keep a learner from submitting work until their invoice "
            "is paid in full (many school districts pay after the course)."
        ),
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_(
            "Where learners write with questions, named wherever a page or email "
            "says to contact the provider. Empty: the portal's CONTACT_EMAIL."
        ),
    )
    artifact_retention_months = models.PositiveSmallIntegerField(
        _("keep submitted files for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "Learners' uploaded files are deleted this many months after their "
            "run ends; reviews, scores, awards and the audit trail are kept. "
            "Empty: files are kept."
        ),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=portal_zone_name,
        validators=[clock.validate_zone_name],
        help_text=_(
            "Where the provider works (e.g. America/Los_Angeles): its offerings' "
            "dates, deadlines, session times and certificate dates are days and "
            "times of this zone."
        ),
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        constraints = [
            models.CheckConstraint(
                condition=Q(artifact_retention_months__isnull=True)
                | Q(artifact_retention_months__gte=1),
                name="provider_retention_at_least_a_month",
                violation_error_message=_(
                    "Keep files for at least one month, or leave it empty."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def contact_address(self) -> str:
        """The provider's contact email, or the portal's when it has none."""
        return self.contact_email or settings.CONTACT_EMAIL

    @property
    def zone(self):
        """The provider's time zone (a ``tzinfo``), whose days its dates are."""
        return clock.zone_named(self.time_zone)


class CredentialProgram(models.Model):
    """What a learner ultimately earns; holds its completion rules."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("Certificate program")
        CERTIFICATION = "certification", _("Certification")
        MICRO_CREDENTIAL = "micro_credential", _("Micro-credential")
        STACKED_CERTIFICATE = "stacked_certificate", _("Stacked certificate")
        CEU = "ceu", _("Continuing education units")

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="programs"
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    summary = models.TextField(_("summary"), blank=True)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    eligibility = models.CharField(_("eligibility"), max_length=300, blank=True)
    scholarships = models.CharField(_("scholarships"), max_length=300, blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Shown in the public catalogue. A new one stays hidden until an "
            "admin publishes it."
        ),
    )
    valid_for_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "How long an award of this credential is valid, counted from the day it "
            "was earned (24 for two years). Empty: it never expires."
        ),
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["provider__name", "name"]
        verbose_name = _("credential program")
        verbose_name_plural = _("credential programs")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:program_detail", kwargs={"slug": self.slug})


class Unit(models.Model):
    """What a learner enrolls in: workshop, module, course, micro-credential, event."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        MODULE = "module", _("Module")
        COURSE = "course", _("Course")
        MICRO_CREDENTIAL = "micro_credential", _("Micro-credential")
        EVENT = "event", _("Event")

    class Delivery(models.TextChoices):
        ASYNCHRONOUS = "asynchronous", _("Asynchronous, self-paced")
        FACILITATED = "facilitated", _("Facilitated")
        COHORT = "cohort", _("Cohort with required live sessions")

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="units"
    )
    programs = models.ManyToManyField(
        CredentialProgram, related_name="units", blank=True, verbose_name=_("programs")
    )
    title = models.CharField(_("title"), max_length=250, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=32, choices=Delivery.choices)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    weeks = models.PositiveSmallIntegerField(
        _("duration in weeks"), null=True, blank=True
    )
    hours_per_week_min = models.PositiveSmallIntegerField(
        _("hours per week (from)"), null=True, blank=True
    )
    hours_per_week_max = models.PositiveSmallIntegerField(
        _("hours per week (to)"), null=True, blank=True
    )
    estimated_hours = models.PositiveSmallIntegerField(
        _("estimated hours in all"), null=True, blank=True
    )
    clock_hours = models.PositiveSmallIntegerField(
        _("clock hours awarded"), null=True, blank=True
    )
    cpd_credits = models.DecimalField(
        _("CPD credits"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    price = models.DecimalField(
        _("individual price"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    has_tracks = models.BooleanField(
        _("graduate-credit and non-credit tracks"),
        default=False,
        help_text=_("The learner chooses a track at enrollment (CAEL modules)."),
    )
    valid_for_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "How long an award of this credential is valid, counted from the day it "
            "was earned (24 for two years). Empty: it never expires."
        ),
    )
    earned_per_run = models.BooleanField(
        _("earned once per run"),
        default=False,
        help_text=_(
            "Each run is its own award (a CEU per Edcamp or conference): holding "
            "the unit does not stop a learner enrolling in another run."
        ),
    )
    recommended_prior_units = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="recommended_before",
        verbose_name=_("recommended before this unit (a hint, never enforced)"),
    )
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_for",
        verbose_name=_("prerequisites (completed before enrolling)"),
    )
    position = models.PositiveSmallIntegerField(
        _("position in the catalogue"),
        default=0,
        help_text=_(
            "Orders the provider's units in the catalogue and on program pages: "
            "lower first."
        ),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Shown in the public catalogue. A new one stays hidden until an "
            "admin publishes it."
        ),
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["provider__name", "position", "title"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0),
                name="unit_price_not_negative",
                violation_error_message=_("A price cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(weeks__isnull=True) | Q(weeks__gte=1),
                name="unit_weeks_positive",
                violation_error_message=_("A unit lasts at least one week."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week_min__isnull=True)
                | Q(hours_per_week_max__isnull=True)
                | Q(hours_per_week_min__lte=F("hours_per_week_max")),
                name="unit_weekly_hours_ordered",
                violation_error_message=_(
                    "Weekly hours 'from' cannot be above weekly hours 'to'."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:unit_detail", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return self.short_name or self.title


UNIT_KIND_PLURALS = {
    Unit.Kind.WORKSHOP: _("workshops"),
    Unit.Kind.MODULE: _("modules"),
    Unit.Kind.COURSE: _("courses"),
    Unit.Kind.MICRO_CREDENTIAL: _("micro-credentials"),
    Unit.Kind.EVENT: _("events"),
}
UNIT_KIND_COUNTS = {
    Unit.Kind.WORKSHOP: ngettext_lazy("%(n)s workshop", "%(n)s workshops", "n"),
    Unit.Kind.MODULE: ngettext_lazy("%(n)s module", "%(n)s modules", "n"),
    Unit.Kind.COURSE: ngettext_lazy("%(n)s course", "%(n)s courses", "n"),
    Unit.Kind.MICRO_CREDENTIAL: ngettext_lazy(
        "%(n)s micro-credential", "%(n)s micro-credentials", "n"
    ),
    Unit.Kind.EVENT: ngettext_lazy("%(n)s event", "%(n)s events", "n"),
    None: ngettext_lazy("%(n)s unit", "%(n)s units", "n"),
}


def units_counted(kind: str | None, n: int) -> str:
    """ "1 course", "3 workshops"; "2 units" when the kinds are mixed (``None``)."""
    return UNIT_KIND_COUNTS.get(kind, UNIT_KIND_COUNTS[None]) % {"n": n}
