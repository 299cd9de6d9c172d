"""The demo's money: one invoice paid, one partly paid, the others unpaid.

learner1's SOTL registration was paid by bank transfer a few days after its
invoice; learner2's group invoice has a first check for half of it; learner1's
OTLA invoice (and the Loyola ones) wait. Each payment is dated on a day it could
have happened: after its invoice was issued, never after ``today``. Recorded by
the demo admin through the service (audited); an invoice that already has an
entry is left alone, so loading again adds nothing.
"""

import datetime as dt
from decimal import Decimal

from core import clock
from enrollments.models import Invoice, Payment
from enrollments.services.payments import payment_record

PAID_ENROLLMENT = ("learner1@demo.test", "sotl")
PARTLY_PAID_ORDER = ("learner2@demo.test", "sotl")


def _plausible_day(invoice: Invoice, *, days_after: int, today: dt.date) -> dt.date:
    """``days_after`` the invoice's day, or today if that has not come yet."""
    issued = clock.local_day(invoice.issued_at)
    return min(issued + dt.timedelta(days=days_after), today)


def _record(invoice, *, admin, amount, method, reference, days_after, today):
    if invoice is None or invoice.payments.exists():
        return
    payment_record(
        invoice=invoice,
        actor=admin,
        amount=amount,
        paid_on=_plausible_day(invoice, days_after=days_after, today=today),
        method=method,
        reference=reference,
        today=today,
    )


def demo_payments_load(*, users: dict, today: dt.date) -> None:
    admin = users["admin@demo.test"]
    learner, unit = PAID_ENROLLMENT
    paid = Invoice.objects.filter(
        billed_to=users[learner], enrollment__offering__unit__slug=unit
    ).first()
    _record(
        paid,
        admin=admin,
        amount=paid.total if paid else Decimal(0),
        method=Payment.Method.BANK_TRANSFER,
        reference="HGSE-BT-20417",
        days_after=6,
        today=today,
    )
    leader, unit = PARTLY_PAID_ORDER
    partly = Invoice.objects.filter(
        billed_to=users[leader], order__offering__unit__slug=unit
    ).first()
    _record(
        partly,
        admin=admin,
        amount=(partly.total / 2).quantize(Decimal("0.01")) if partly else Decimal(0),
        method=Payment.Method.CHECK,
        reference="BCPS check 118204",
        days_after=3,
        today=today,
    )
