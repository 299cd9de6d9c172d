from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .orders import Invoice

APPEND_ONLY = _(
    "Payments are append-only: a mistake is cancelled or refunded by a new entry, "
    "never changed or deleted."
)


class Payment(models.Model):
    """One movement of money on an invoice, recorded by an admin.

    Rows are only ever inserted. Money received is a ``payment``; money sent back
    is a ``refund``; an entry recorded in error is undone by a ``cancellation``
    that names it (once). What an invoice has received is payments minus refunds
    minus cancellations (``enrollments.selectors.invoices``).
    """

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("Payment received")
        REFUND = "refund", _("Refund")
        CANCELLATION = "cancellation", _("Cancellation of an entry made in error")

    class Method(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", _("Bank transfer")
        CHECK = "check", _("Check")
        PURCHASE_ORDER = "purchase_order", _("Purchase order")
        CARD = "card", _("Card (taken by the provider)")
        OTHER = "other", _("Other")

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="payments"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.PAYMENT
    )
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("Check or purchase order number, bank reference."),
    )
    cancels = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cancelled_by",
        verbose_name=_("cancels"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_(
            "Empty only for an invoice marked paid before payments were recorded "
            "one by one (carried over as one payment)."
        ),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["invoice", "paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_(
                    "An amount is more than zero; a refund or a cancellation "
                    "is its own entry."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind="cancellation", cancels__isnull=False)
                | (~Q(kind="cancellation") & Q(cancels__isnull=True)),
                name="payment_cancellation_names_its_entry",
                violation_error_message=_(
                    "A cancellation names the entry it cancels; nothing else does."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} · {self.invoice.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(str(APPEND_ONLY))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(str(APPEND_ONLY))
