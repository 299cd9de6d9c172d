"""The recertification ledger: the state certificates a learner holds, what
each state asks for its renewal, credits earned elsewhere, reminders sent and the
ledger's PDF.

What a state asks (``StateCertificateType``) is configuration an admin keeps;
the sources give no figures, so the demo's are demo values and say so.
"""

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock
from core.documents import LearnerDocument


class CreditUnit(models.TextChoices):
    CPD_CREDITS = "cpd_credits", _("CPD credits")
    CLOCK_HOURS = "clock_hours", _("clock hours")
    CEUS = "ceus", _("CEUs")


class StateCertificateType(models.Model):
    """A state's certificate and what its renewal needs: so many credits earned
    in the years before it expires, counted from the units the state accepts.

    Each ``*_per_credit`` says how many of that unit make one renewal credit;
    empty: the state does not count that unit.
    """

    state = models.CharField(
        _("state"), max_length=2, help_text=_("Two-letter code, e.g. MD.")
    )
    name = models.CharField(_("certificate"), max_length=200)
    credits_needed = models.DecimalField(
        _("credits needed"), max_digits=6, decimal_places=2
    )
    window_years = models.PositiveSmallIntegerField(
        _("window (years)"),
        help_text=_("Credits count when earned in these years before the expiry."),
    )
    cpd_credits_per_credit = models.DecimalField(
        _("CPD credits per renewal credit"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: CPD credits do not count."),
    )
    clock_hours_per_credit = models.DecimalField(
        _("clock hours per renewal credit"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: clock hours do not count."),
    )
    ceus_per_credit = models.DecimalField(
        _("CEUs per renewal credit"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: CEUs do not count."),
    )
    note = models.TextField(
        _("note shown to learners"),
        blank=True,
        help_text=_("Where the figures come from (or that they are demo values)."),
    )

    class Meta:
        ordering = ["state", "name"]
        verbose_name = _("state certificate type")
        verbose_name_plural = _("state certificate types")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "name"],
                name="state_certificate_type_unique",
                violation_error_message=_("This state already has this certificate."),
            ),
            models.CheckConstraint(
                condition=Q(state__regex=r"^[A-Z]{2}$"),
                name="state_certificate_type_state_code",
                violation_error_message=_("The state is a two-letter code, e.g. MD."),
            ),
            models.CheckConstraint(
                condition=Q(credits_needed__gt=0),
                name="state_certificate_type_credits_needed_positive",
                violation_error_message=_("A renewal needs more than 0 credits."),
            ),
            models.CheckConstraint(
                condition=Q(window_years__gte=1, window_years__lte=10),
                name="state_certificate_type_window_1_to_10_years",
                violation_error_message=_("The window is 1 to 10 years."),
            ),
            models.CheckConstraint(
                condition=Q(cpd_credits_per_credit__isnull=False)
                | Q(clock_hours_per_credit__isnull=False)
                | Q(ceus_per_credit__isnull=False),
                name="state_certificate_type_counts_a_unit",
                violation_error_message=_(
                    "Say how at least one unit (CPD credits, clock hours or CEUs) "
                    "counts."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(cpd_credits_per_credit__isnull=True)
                    | Q(cpd_credits_per_credit__gt=0)
                )
                & (
                    Q(clock_hours_per_credit__isnull=True)
                    | Q(clock_hours_per_credit__gt=0)
                )
                & (Q(ceus_per_credit__isnull=True) | Q(ceus_per_credit__gt=0)),
                name="state_certificate_type_rates_positive",
                violation_error_message=_(
                    "A unit that counts needs more than 0 of it per credit."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} · {self.name}"

    @property
    def per_credit(self) -> dict[str, Decimal | None]:
        """Unit -> how many make one renewal credit (None: it does not count)."""
        return {
            CreditUnit.CPD_CREDITS: self.cpd_credits_per_credit,
            CreditUnit.CLOCK_HOURS: self.clock_hours_per_credit,
            CreditUnit.CEUS: self.ceus_per_credit,
        }


class HeldCertificate(models.Model):
    """A state certificate the learner holds, as they recorded it."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="held_certificates",
        verbose_name=_("learner"),
    )
    certificate_type = models.ForeignKey(
        StateCertificateType,
        on_delete=models.PROTECT,
        related_name="held",
        verbose_name=_("certificate"),
    )
    number = models.CharField(_("certificate number"), max_length=64)
    expires_on = models.DateField(_("expires on"))
    created_at = models.DateTimeField(_("recorded at"), default=clock.now)

    class Meta:
        ordering = ["expires_on", "id"]
        verbose_name = _("held state certificate")
        verbose_name_plural = _("held state certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "certificate_type"],
                name="held_certificate_once_per_type",
                violation_error_message=_("You already recorded this certificate."),
            ),
            models.CheckConstraint(
                condition=~Q(number=""),
                name="held_certificate_has_number",
                violation_error_message=_("Give the certificate's number."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_type} {self.number} · {self.learner}"


def evidence_path(credit: "OutsideCredit", filename: str) -> str:
    """A random stored name: the learner's file name is kept in the row only."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"ledger/evidence/{credit.uuid}/{secrets.token_hex(8)}.{extension}"


class OutsideCredit(models.Model):
    """Credits the learner earned elsewhere, with a file as evidence. They count
    toward a renewal only once a facilitator or an admin verified them."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="outside_credits",
        verbose_name=_("learner"),
    )
    activity = models.CharField(_("activity"), max_length=200)
    provider = models.CharField(_("given by"), max_length=200)
    earned_on = models.DateField(_("earned on"))
    amount = models.DecimalField(_("amount"), max_digits=6, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=16, choices=CreditUnit.choices)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, max_length=200)
    evidence_name = models.CharField(_("evidence file name"), max_length=255)
    evidence_type = models.CharField(_("evidence content type"), max_length=100)
    created_at = models.DateTimeField(_("added at"), default=clock.now)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )

    class Meta:
        ordering = ["earned_on", "id"]
        verbose_name = _("credit earned elsewhere")
        verbose_name_plural = _("credits earned elsewhere")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="outside_credit_amount_positive",
                violation_error_message=_("The amount must be more than 0."),
            ),
            models.CheckConstraint(
                condition=Q(verified_at__isnull=True, verified_by__isnull=True)
                | Q(verified_at__isnull=False, verified_by__isnull=False),
                name="outside_credit_verified_by_someone",
                violation_error_message=_("A verification names who verified."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} ({self.amount} {self.get_unit_display()})"

    def get_absolute_url(self) -> str:
        return reverse("ledger:evidence", kwargs={"uuid": self.uuid})

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class LedgerReminder(models.Model):
    """A renewal reminder claimed before it is sent, so each goes once.

    Keyed by the expiry: a certificate renewed (a new expiry) earns new ones.
    ``sent_at`` is empty while the message is with the mail server.
    """

    certificate = models.ForeignKey(
        HeldCertificate,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("certificate"),
    )
    expires_on = models.DateField(_("expiry reminded"))
    months_before = models.PositiveSmallIntegerField(_("months before"))
    claimed_at = models.DateTimeField(_("claimed at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at"]
        verbose_name = _("renewal reminder")
        verbose_name_plural = _("renewal reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "expires_on", "months_before"],
                name="ledger_reminder_once",
                violation_error_message=_("This reminder was already sent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate}: {self.months_before} months before"


def ledger_document_path(document: "LedgerDocument", filename: str) -> str:
    return f"ledger/pdf/{document.folder}/{filename}"


class LedgerDocument(LearnerDocument):
    """The learner's current ledger PDF, rendered by the worker on request
    (one row and one file per learner, as the transcript's)."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ledger_document",
        verbose_name=_("learner"),
    )
    file = models.FileField(_("file"), upload_to=ledger_document_path, blank=True)

    class Meta:
        verbose_name = _("ledger PDF")
        verbose_name_plural = _("ledger PDFs")
        constraints = [
            models.CheckConstraint(
                condition=Q(file="")
                | Q(produced_on__isnull=False, size_bytes__isnull=False),
                name="ledger_document_file_has_its_facts",
                violation_error_message=_("A stored ledger needs its date and size."),
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | ~Q(file=""),
                name="ledger_document_ready_has_file",
                violation_error_message=_("A ready ledger needs its file."),
            ),
        ]
