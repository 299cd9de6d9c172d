"""Recording money on an invoice: append-only and audited.

An admin records a payment received, a refund, or the cancellation of an entry
made in error; nothing is ever changed or deleted. ``payment_refusal`` is the one
check, asked by the admin form before it saves and by ``payment_record`` itself.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock
from core.refusal import Refusal
from programs.money import format_money

from ..models import Invoice, Payment
from ..payment_rules import payment_date_refusal
from ..selectors.invoices import invoice_received

INVOICE_VOID = _("Invoice %(number)s is void: no money is recorded on it.")
MORE_THAN_DUE = _(
    "%(amount)s is more than invoice %(number)s still needs (%(due)s). Nothing was "
    "recorded."
)
MORE_THAN_RECEIVED = _(
    "%(amount)s is more than invoice %(number)s has received (%(received)s). "
    "Nothing was recorded."
)
CANCEL_WHAT = _("Choose the entry of invoice %(number)s that this cancellation undoes.")
NOT_CANCELLABLE = _(
    "Only a payment or a refund of this invoice that is not already cancelled can "
    "be cancelled."
)


class PaymentRefused(Refusal):
    """The entry cannot be recorded; ``message`` says why."""


def _amount_refusal(invoice, kind, amount, cancels) -> str | None:
    received = invoice_received(invoice)
    money = {"number": invoice.number, "amount": format_money(amount, invoice.currency)}
    if kind == Payment.Kind.PAYMENT and amount > invoice.total - received:
        due = format_money(invoice.total - received, invoice.currency)
        return str(MORE_THAN_DUE % {**money, "due": due})
    undoes_payment = cancels is not None and cancels.kind == Payment.Kind.PAYMENT
    if (kind == Payment.Kind.REFUND or undoes_payment) and amount > received:
        shown = format_money(received, invoice.currency)
        return str(MORE_THAN_RECEIVED % {**money, "received": shown})
    return None


def _cancellation_refusal(invoice, kind, cancels) -> str | None:
    if kind != Payment.Kind.CANCELLATION:
        return None
    if cancels is None:
        return str(CANCEL_WHAT % {"number": invoice.number})
    already = Payment.objects.filter(cancels=cancels).exists()
    if (
        cancels.invoice_id != invoice.pk
        or cancels.kind == Payment.Kind.CANCELLATION
        or already
    ):
        return str(NOT_CANCELLABLE)
    return None


def payment_refusal(
    *,
    invoice: Invoice,
    kind: str,
    amount: Decimal,
    paid_on: dt.date,
    cancels: Payment | None,
    today: dt.date,
) -> str | None:
    """Why this entry may not be recorded, or None."""
    if invoice.status == Invoice.Status.VOID:
        return str(INVOICE_VOID % {"number": invoice.number})
    return (
        payment_date_refusal(
            paid_on=paid_on,
            issued_on=clock.local_day(invoice.issued_at),
            today=today,
            number=invoice.number,
        )
        or _cancellation_refusal(invoice, kind, cancels)
        or _amount_refusal(invoice, kind, amount, cancels)
    )


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    actor,
    amount: Decimal,
    paid_on: dt.date,
    method: str,
    kind: str = Payment.Kind.PAYMENT,
    reference: str = "",
    cancels: Payment | None = None,
    today: dt.date | None = None,
) -> Payment:
    """Append one entry to ``invoice`` and its audit event, or ``PaymentRefused``.

    The invoice row is locked so that two admins recording at once cannot both
    take the last amount due.
    """
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    refusal = payment_refusal(
        invoice=invoice,
        kind=kind,
        amount=amount,
        paid_on=paid_on,
        cancels=cancels,
        today=today or clock.today(),
    )
    if refusal:
        raise PaymentRefused(refusal)
    payment = Payment(
        invoice=invoice,
        kind=kind,
        amount=amount,
        paid_on=paid_on,
        method=method,
        reference=reference,
        cancels=cancels,
        recorded_by=actor,
    )
    payment.full_clean()
    payment.save()
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.PAYMENT_RECORDED,
        target=invoice,
        learner=invoice.billed_to,
        summary=f"{invoice.number}: {payment.get_kind_display()} "
        f"{format_money(amount, invoice.currency)} ({payment.get_method_display()})",
        after={
            "payment": payment.pk,
            "kind": kind,
            "amount": amount,
            "paid_on": paid_on,
            "method": method,
            "reference": reference,
            "cancels": cancels.pk if cancels else None,
        },
    )
    return payment
