"""load_demo shows one paid, one partly paid and unpaid invoices, each payment
dated on a day it could have happened."""

import pytest
from django.core.management import call_command

from core import clock
from enrollments.models import Payment
from enrollments.payment_rules import InvoiceStatus
from enrollments.selectors.invoices import invoice_status, invoices_with_money

pytestmark = pytest.mark.django_db


def statuses() -> dict[tuple[str, str, bool], InvoiceStatus]:
    invoices = invoices_with_money().select_related(
        "billed_to", "order__offering__unit", "enrollment__offering__unit"
    )
    return {
        (
            invoice.billed_to.email,
            (invoice.order or invoice.enrollment).offering.unit.slug,
            invoice.order_id is not None,
        ): invoice_status(invoice)
        for invoice in invoices
    }


def test_the_demo_has_a_paid_a_partly_paid_and_an_unpaid_invoice(db, today):
    call_command("load_demo", stdout=None)
    seen = statuses()
    assert seen[("learner1@demo.test", "sotl", False)] == InvoiceStatus.PAID
    assert seen[("learner2@demo.test", "sotl", True)] == InvoiceStatus.PARTLY_PAID
    assert seen[("learner1@demo.test", "otla", False)] == InvoiceStatus.UNPAID
    for payment in Payment.objects.select_related("invoice"):
        assert clock.local_day(payment.invoice.issued_at) <= payment.paid_on <= today

    # loading again adds no payment
    count = Payment.objects.count()
    call_command("load_demo", stdout=None)
    assert Payment.objects.count() == count == 2
