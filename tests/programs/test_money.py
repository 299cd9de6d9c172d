"""One amount, one way to write it: catalogue, quote, invoice and its email."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from core import clock
from enrollments.group_orders.services import group_order_create
from enrollments.models import Invoice
from programs.money import format_money
from tests.enrollments.order_helpers import confirm_by_job, people, sotl_offering
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("amount", "printed"),
    [
        (Decimal("400"), "USD 400.00"),
        (Decimal("400.00"), "USD 400.00"),
        (Decimal("1180.5"), "USD 1,180.50"),
        (Decimal("-100.00"), "USD -100.00"),
    ],
)
def test_every_amount_is_printed_with_cents(amount, printed):
    assert format_money(amount, "USD") == printed


def test_the_same_price_reads_the_same_on_every_page_and_email(client):
    # given SOTL at USD 400 and a leader's two-seat order
    offering = sotl_offering()
    leader = UserFactory(email="leader@school.example")
    client.force_login(leader)
    order = group_order_create(
        leader=leader, offering=offering, participants=people(2), today=clock.today()
    )
    # when the catalogue and the quote are read, and the order is confirmed
    catalogue = client.get(offering.unit.get_absolute_url()).content.decode()
    quote = client.get(reverse("orders:quote", kwargs={"pk": order.pk}))
    job = confirm_by_job(order)
    invoice = Invoice.objects.get(number=job.result["invoice_number"])
    invoice_page = client.get(reverse("orders:invoice", args=[invoice.number]))
    email = next(m for m in mail.outbox if m.to == ["leader@school.example"])
    # then each one writes the price, and the total, the same way
    for text in (catalogue, quote.content.decode(), invoice_page.content.decode()):
        assert "USD 400.00" in text
    assert "2 x USD 400.00 = USD 800.00" in email.body
    assert "USD 800.00" in quote.content.decode()
    assert "USD 800.00" in invoice_page.content.decode()
