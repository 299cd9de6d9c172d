"""Pure payment rules: an invoice's status from its money, and which dates a
payment may carry. No database and no clock: callers pass the day."""

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import format_date

PAID_BEFORE_INVOICE = _(
    "A payment cannot be dated %(date)s: invoice %(number)s was issued on "
    "%(issued)s. Nothing was recorded."
)
PAID_IN_FUTURE = _(
    "A payment cannot be dated %(date)s, after today (%(today)s). Nothing was recorded."
)


class InvoiceStatus(models.TextChoices):
    UNPAID = "unpaid", _("Unpaid")
    PARTLY_PAID = "partly_paid", _("Partly paid")
    PAID = "paid", _("Paid")
    VOID = "void", _("Void")


def status_for(*, voided: bool, total: Decimal, received: Decimal) -> InvoiceStatus:
    """Void if voided; otherwise paid once everything due is received, partly
    paid when some is, unpaid when none is (a zero invoice is paid)."""
    if voided:
        return InvoiceStatus.VOID
    if received >= total:
        return InvoiceStatus.PAID
    if received > 0:
        return InvoiceStatus.PARTLY_PAID
    return InvoiceStatus.UNPAID


def payment_date_refusal(
    *, paid_on: dt.date, issued_on: dt.date, today: dt.date, number: str
) -> str | None:
    """Why a payment may not carry ``paid_on``, or None: money moves on a day
    between the invoice's issue and today, both included."""
    if paid_on < issued_on:
        return str(
            PAID_BEFORE_INVOICE
            % {
                "date": format_date(paid_on),
                "number": number,
                "issued": format_date(issued_on),
            }
        )
    if paid_on > today:
        return str(
            PAID_IN_FUTURE % {"date": format_date(paid_on), "today": format_date(today)}
        )
    return None
