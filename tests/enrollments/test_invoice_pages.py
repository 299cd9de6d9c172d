"""The enroll confirmation page says what enrolling costs and what follows; the
invoice page says its status, what is due and how to pay."""

from decimal import Decimal

import pytest
from django.urls import reverse

from enrollments.models import Enrollment, Invoice, Payment
from enrollments.services.payments import payment_record
from enrollments.services.registration import registration_create
from tests.factories import (
    GroupTierFactory,
    LearnerFactory,
    OpenOfferingFactory,
    PortalAdminFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

INSTRUCTIONS = "Send a purchase order to billing@provider.example."


@pytest.fixture
def learner(client):
    learner = LearnerFactory()
    client.force_login(learner)
    return learner


@pytest.fixture
def offering():
    offering = OpenOfferingFactory(
        unit__price=Decimal("400.00"),
        unit__provider__payment_instructions=INSTRUCTIONS,
    )
    GroupTierFactory(unit=offering.unit)  # from 10: 25% off the invoice
    return offering


def test_the_confirmation_shows_the_price_the_steps_and_how_to_pay(
    client, learner, offering
):
    response = client.get(reverse("enrollments:enroll", args=[offering.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<dd class="enroll-price">USD 400.00</dd>' in content
    assert "10 or more: 25% off the invoice" in content
    assert f"{reverse('orders:new')}?offering={offering.pk}" in content
    assert "An invoice for USD 400.00 is issued to you by" in content
    assert INSTRUCTIONS in content
    assert "You may start the work before the invoice is paid." in content
    assert "Confirm enrollment (USD 400.00)" in content
    assert not Enrollment.objects.exists()


def test_a_unit_without_a_price_says_the_provider_sets_it(client, learner):
    offering = OpenOfferingFactory(unit__price=None)
    content = client.get(
        reverse("enrollments:enroll", args=[offering.pk])
    ).content.decode()
    assert "Fee set by the provider" in content
    assert "tells you its fee; no invoice is issued here" in content


def test_the_invoice_bills_what_the_confirmation_showed(client, learner, offering):
    client.post(reverse("enrollments:enroll", args=[offering.pk]))
    invoice = Invoice.objects.get(billed_to=learner)
    assert invoice.total == Decimal("400.00")
    assert [(line.quantity, line.amount) for line in invoice.lines.all()] == [
        (1, Decimal("400.00"))
    ]


class TestInvoicePage:
    @pytest.fixture
    def invoice(self, learner, offering):
        enrollment = registration_create(learner=learner, offering=offering)
        return enrollment.invoice

    def page(self, client, invoice):
        return client.get(reverse("orders:invoice", args=[invoice.number]))

    def test_an_unpaid_invoice_says_so_and_how_to_pay(self, client, invoice):
        content = self.page(client, invoice).content.decode()
        assert ">Unpaid</span>" in content
        assert "<dt>Amount due</dt><dd><strong>USD 400.00</strong></dd>" in content
        assert "How to pay" in content
        assert INSTRUCTIONS in content

    def test_a_partly_paid_invoice_lists_the_payment_and_what_is_left(
        self, client, invoice, today
    ):
        payment_record(
            invoice=invoice,
            actor=UserFactory(),
            amount=Decimal("150.00"),
            paid_on=today,
            method=Payment.Method.PURCHASE_ORDER,
            reference="PO 4471",
        )
        content = self.page(client, invoice).content.decode()
        assert ">Partly paid</span>" in content
        assert "<dt>Received</dt><dd>USD 150.00</dd>" in content
        assert "<dt>Amount due</dt><dd><strong>USD 250.00</strong></dd>" in content
        assert "PO 4471" in content

    def test_a_paid_invoice_no_longer_asks_for_payment(self, client, invoice, today):
        payment_record(
            invoice=invoice,
            actor=UserFactory(),
            amount=invoice.total,
            paid_on=today,
            method=Payment.Method.CHECK,
        )
        content = self.page(client, invoice).content.decode()
        assert ">Paid</span>" in content
        assert "How to pay" not in content

    def test_an_admin_reads_it_and_another_learner_gets_404(self, client, invoice):
        client.force_login(PortalAdminFactory())
        assert self.page(client, invoice).status_code == 200
        client.force_login(LearnerFactory())
        assert self.page(client, invoice).status_code == 404

    def test_the_dashboard_and_the_enrollment_show_the_computed_status(
        self, client, invoice
    ):
        dashboard = client.get(reverse("dashboard:dashboard")).content.decode()
        detail = client.get(
            reverse("enrollments:detail", args=[invoice.enrollment_id])
        ).content.decode()
        assert '<span class="tag">Unpaid</span>' in dashboard
        assert "USD 400.00 · Unpaid" in detail
