"""Reads about invoices and their money: the one place an invoice's status is
computed (from its payments), what it still needs, and what is owed in all.

``invoice_status`` and ``unpaid_total`` are the contract other apps read (the
admin's home, reports, the submission guard).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from ..models import Invoice, Payment
from ..payment_rules import InvoiceStatus, status_for

ZERO = Decimal("0.00")
MONEY: DecimalField = DecimalField(max_digits=12, decimal_places=2)


def signed_amount() -> Case:
    """A payment row's effect on what its invoice received: a payment adds, a
    refund takes away, a cancellation undoes the entry it names."""
    return Case(
        When(kind=Payment.Kind.PAYMENT, then=F("amount")),
        When(kind=Payment.Kind.REFUND, then=-F("amount")),
        When(cancels__kind=Payment.Kind.PAYMENT, then=-F("amount")),
        When(cancels__kind=Payment.Kind.REFUND, then=F("amount")),
        default=Value(ZERO),
        output_field=MONEY,
    )


def received_subquery(invoice_ref: str = "pk") -> Coalesce:
    """What the invoice at ``invoice_ref`` has received, for ``annotate``."""
    received = (
        Payment.objects.filter(invoice=OuterRef(invoice_ref))
        .order_by()
        .values("invoice")
        .annotate(received=Sum(signed_amount()))
        .values("received")
    )
    return Coalesce(Subquery(received, output_field=MONEY), Value(ZERO))


def invoices_with_money(queryset: QuerySet[Invoice] | None = None) -> QuerySet[Invoice]:
    """Invoices annotated with ``received`` (payments net of refunds and
    cancellations), ready for ``invoice_status`` without another query."""
    queryset = Invoice.objects.all() if queryset is None else queryset
    return queryset.annotate(received=received_subquery())


def invoice_received(invoice: Invoice) -> Decimal:
    """What ``invoice`` has received (from its annotation when it has one)."""
    received: Decimal | None = getattr(invoice, "received", None)
    if received is None:
        annotated = invoices_with_money().get(pk=invoice.pk)
        received = getattr(annotated, "received", ZERO)
    return received or ZERO


def invoice_status(invoice: Invoice) -> InvoiceStatus:
    """Unpaid, partly paid, paid or void: the one computation of it."""
    return status_for(
        voided=invoice.status == Invoice.Status.VOID,
        total=invoice.total,
        received=invoice_received(invoice),
    )


@dataclass(frozen=True)
class InvoiceMoney:
    """An invoice's status and amounts, as its page shows them."""

    status: InvoiceStatus
    received: Decimal
    due: Decimal


def invoice_money(invoice: Invoice) -> InvoiceMoney:
    status = invoice_status(invoice)
    received = invoice_received(invoice)
    due = ZERO if status == InvoiceStatus.VOID else max(invoice.total - received, ZERO)
    return InvoiceMoney(status=status, received=received, due=due)


def invoices_unpaid() -> QuerySet[Invoice]:
    """Issued invoices not paid in full (unpaid or partly paid), oldest first,
    annotated with ``received`` and ``due``."""
    return (
        invoices_with_money()
        .filter(Q(received__lt=F("total")), status=Invoice.Status.ISSUED)
        .annotate(due=F("total") - F("received"))
        .order_by("issued_at", "pk")
    )


def unpaid_total() -> dict[str, Decimal]:
    """What all unpaid and partly paid invoices still owe, per currency."""
    return {row["currency"]: row["total"] for row in unpaid_invoice_totals()}


def unpaid_invoice_totals() -> list[dict]:
    """Per currency, how many invoices are unpaid or partly paid and what they
    still owe, in one query."""
    rows = invoices_unpaid().order_by().values("currency")
    return list(rows.annotate(count=Count("pk"), total=Sum("due")).order_by("currency"))


def invoice_payments(invoice: Invoice) -> QuerySet[Payment]:
    """The invoice's entries in the order they happened, with who recorded them."""
    return (
        Payment.objects.filter(invoice=invoice)
        .select_related("recorded_by", "cancels", "cancelled_by")
        .order_by("paid_on", "pk")
    )


def enrollment_unpaid_invoice(enrollment) -> Invoice | None:
    """The invoice for ``enrollment``'s place (its own, or its group order's)
    when it is issued and not paid in full; otherwise None."""
    seat_invoice = Q(enrollment=enrollment)
    if enrollment.group_order_id is not None:
        seat_invoice |= Q(order_id=enrollment.group_order_id)
    return invoices_unpaid().filter(seat_invoice).first()
