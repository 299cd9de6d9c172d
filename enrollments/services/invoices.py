"""Invoices: what these programs send instead of card payments.

An invoice is numbered ``INV-<year>-<six digits>``. The digits are the row's primary
key, so two invoices issued at the same moment can never share a number (a per-year
counter would need a table lock); the number is written in the same transaction as
the row, under a placeholder that is itself unique.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock
from core.refusal import Refusal
from programs.money import format_money

from ..models import Invoice, InvoiceLine
from ..selectors.invoices import invoice_received


@dataclass(frozen=True)
class LineData:
    """One line of an invoice to issue; a discount line has a negative amount."""

    description: str
    quantity: int
    unit_amount: Decimal
    amount: Decimal


def invoice_number(*, year: int, sequence: int) -> str:
    """The human-readable number printed on an invoice: ``INV-2026-000123``."""
    return f"INV-{year}-{sequence:06d}"


@transaction.atomic
def invoice_issue(
    *,
    billed_to,
    currency: str,
    lines: list[LineData],
    order=None,
    enrollment=None,
    now: dt.datetime | None = None,
) -> Invoice:
    """Issue an invoice for a group order or one enrollment, with its lines."""
    now = now or clock.now()
    invoice = Invoice(
        number=uuid.uuid4().hex,
        issued_at=now,
        order=order,
        enrollment=enrollment,
        billed_to=billed_to,
        currency=currency,
        total=sum((line.amount for line in lines), Decimal("0.00")),
    )
    invoice.full_clean()
    invoice.save()
    invoice.number = invoice_number(year=clock.local_day(now).year, sequence=invoice.pk)
    invoice.save(update_fields=["number"])
    for position, line in enumerate(lines):
        row = InvoiceLine(
            invoice=invoice,
            description=line.description,
            quantity=line.quantity,
            unit_amount=line.unit_amount,
            amount=line.amount,
            position=position,
        )
        row.full_clean()
        row.save()
    return invoice


class InvoiceRefused(Refusal):
    """The invoice cannot be changed so; ``message`` says why."""


INVOICE_HAS_MONEY = _(
    "Invoice %(number)s has received %(received)s: refund it before voiding it."
)


@transaction.atomic
def invoice_void(*, invoice: Invoice, actor) -> Invoice:
    """Void an issued invoice (sent in error), and record who did.

    A void invoice stays void; one that has received money is refused (refund
    it first), so a void invoice never holds money.
    """
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status == Invoice.Status.VOID:
        return invoice
    received = invoice_received(invoice)
    if received:
        raise InvoiceRefused(
            INVOICE_HAS_MONEY
            % {
                "number": invoice.number,
                "received": format_money(received, invoice.currency),
            }
        )
    invoice.status = Invoice.Status.VOID
    invoice.full_clean()
    invoice.save(update_fields=["status"])
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.INVOICE_VOIDED,
        target=invoice,
        learner=invoice.billed_to,
        summary=f"{invoice.number}: {invoice.get_status_display()}",
        before={"status": Invoice.Status.ISSUED},
        after={"status": invoice.status},
    )
    return invoice
