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
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock

from ..models import Invoice, InvoiceLine


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
        order=order,
        enrollment=enrollment,
        billed_to=billed_to,
        currency=currency,
        total=sum((line.amount for line in lines), Decimal("0.00")),
        issued_at=now,
    )
    invoice.full_clean()
    invoice.save()
    invoice.number = invoice_number(
        year=timezone.localtime(now).year, sequence=invoice.pk
    )
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


def _audit_status(invoice: Invoice, *, actor, action: str) -> None:
    audit_event_record(
        actor=actor,
        action=action,
        target=invoice,
        learner=invoice.billed_to,
        summary=f"{invoice.number}: {invoice.get_status_display()}",
        before={"status": Invoice.Status.ISSUED},
        after={"status": invoice.status, "paid_at": invoice.paid_at},
    )


@transaction.atomic
def invoice_mark_paid(
    *, invoice: Invoice, actor, now: dt.datetime | None = None
) -> Invoice:
    """Record that an issued invoice was paid, and who said so; a paid or void
    one is left as is."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != Invoice.Status.ISSUED:
        return invoice
    invoice.status = Invoice.Status.PAID
    invoice.paid_at = now or timezone.now()
    invoice.full_clean()
    invoice.save(update_fields=["status", "paid_at"])
    _audit_status(invoice, actor=actor, action=AuditEvent.Action.INVOICE_PAID)
    return invoice


@transaction.atomic
def invoice_void(*, invoice: Invoice, actor) -> Invoice:
    """Void an issued invoice (sent in error), and record who did; a paid one
    stays paid."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != Invoice.Status.ISSUED:
        return invoice
    invoice.status = Invoice.Status.VOID
    invoice.full_clean()
    invoice.save(update_fields=["status"])
    _audit_status(invoice, actor=actor, action=AuditEvent.Action.INVOICE_VOIDED)
    return invoice
