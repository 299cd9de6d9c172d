from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import clock
from programs.models import Offering


class GroupOrder(models.Model):
    """A group leader's purchase of seats in one offering for named participants."""

    class Status(models.TextChoices):
        QUOTED = "quoted", _("Quoted")
        CONFIRMED = "confirmed", _("Confirmed")

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="group_orders"
    )
    offering = models.ForeignKey(
        Offering, on_delete=models.PROTECT, related_name="group_orders"
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUOTED
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("group order")
        verbose_name_plural = _("group orders")

    def __str__(self) -> str:
        return f"Group order {self.pk} · {self.offering}"


class Participant(models.Model):
    """A named participant of a group order, invited by email."""

    order = models.ForeignKey(
        GroupOrder, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    # Set when the mail server refused this participant's invitation for good (an
    # address it does not accept): it is not sent again, and the job's page says so.
    invitation_error = models.TextField(_("invitation not sent"), blank=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "email"],
                name="participant_once_per_order",
                violation_error_message=_("This person is already in the group."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Invoice(models.Model):
    """What these programs send instead of card payments.

    ``status`` says only whether the invoice stands or was voided; whether it is
    unpaid, partly paid or paid is computed from its payments
    (``enrollments.selectors.invoices.invoice_status``), never stored.
    """

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        VOID = "void", _("Void")

    number = models.CharField(_("number"), max_length=32, unique=True)
    order = models.OneToOneField(
        GroupOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoice",
    )
    enrollment = models.OneToOneField(
        "enrollments.Enrollment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoice",
    )
    billed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invoices"
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    total = models.DecimalField(_("total"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ISSUED
    )
    issued_at = models.DateTimeField(_("issued at"), default=clock.now, editable=False)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.CheckConstraint(
                condition=Q(order__isnull=False, enrollment__isnull=True)
                | Q(order__isnull=True, enrollment__isnull=False),
                name="invoice_for_an_order_or_an_enrollment",
                violation_error_message=_(
                    "An invoice bills a group order or one enrollment."
                ),
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0),
                name="invoice_total_not_negative",
                violation_error_message=_("An invoice total cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.get_status_display()})"


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(_("description"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit_amount = models.DecimalField(_("unit amount"), max_digits=10, decimal_places=2)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["invoice", "position"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="invoice_line_quantity_positive",
                violation_error_message=_("A line is for at least one seat."),
            ),
        ]

    def __str__(self) -> str:
        return self.description
