"""A learner sees the price and what follows before enrolling, gets the invoice
with how to pay; an admin records a payment and the learner's invoice reads
partly paid. axe-core checks every portal page; the README's screenshots come
from here (``PORTAL_SCREENSHOTS=docs/screenshots``)."""

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from enrollments.models import Invoice
from enrollments.payment_rules import InvoiceStatus
from enrollments.selectors.invoices import invoice_status
from enrollments.services.registration import registration_create
from tests.e2e.screenshots import screenshot
from tests.e2e.session import log_in
from tests.factories import (
    GroupTierFactory,
    LearnerFactory,
    OfferingFactory,
    ProviderFactory,
    UnitFactory,
    UserFactory,
)

INSTRUCTIONS = (
    "Pay by bank transfer or check to Harvard Graduate School of Education, quoting "
    "the invoice number. Schools and districts may send a purchase order instead "
    "and pay after the workshop."
)


def sotl_open_today():
    today = timezone.localdate()
    provider = ProviderFactory(
        name="Harvard Graduate School of Education, Professional Education",
        payment_instructions=INSTRUCTIONS,
    )
    unit = UnitFactory(
        provider=provider,
        title="Developing Strategies for Online Teaching and Learning",
        short_name="SOTL",
        price=Decimal("400.00"),
    )
    GroupTierFactory(unit=unit, min_participants=10, percent_off=Decimal("25"))
    return OfferingFactory(
        unit=unit,
        label="Spring run",
        enrollment_opens=today - dt.timedelta(days=30),
        enrollment_closes=today + dt.timedelta(days=30),
        start_date=today + dt.timedelta(days=31),
        end_date=today + dt.timedelta(days=58),
    )


def test_the_learner_confirms_the_price_before_enrolling(
    live_server, page, assert_accessible
):
    # given a learner on a workshop's page
    learner = LearnerFactory(legal_name="María López")
    offering = sotl_open_today()
    log_in(page, live_server, learner)
    page.goto(f"{live_server.url}{offering.unit.get_absolute_url()}")

    # when they click "Enroll", nothing is enrolled yet: the price comes first
    page.get_by_role("link", name="Enroll in Spring run").click()
    expect(page.locator(".enroll-price")).to_have_text("USD 400.00")
    expect(page.get_by_text("10 or more: 25% off the invoice")).to_be_visible()
    expect(page.get_by_text(INSTRUCTIONS)).to_be_visible()
    assert not Invoice.objects.exists()
    assert_accessible("enroll confirmation")
    screenshot(page, "enroll-confirm.png")

    # then confirming enrolls and shows the invoice, unpaid, with how to pay
    page.get_by_role("button", name="Confirm enrollment (USD 400.00)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Invoice INV-\d{4}-\d{6}$")
    )
    expect(page.locator(".invoice-header .tag")).to_have_text("Unpaid")
    expect(page.get_by_role("heading", name="How to pay")).to_be_visible()
    assert_accessible("invoice after enrolling")
    invoice = Invoice.objects.get(billed_to=learner)
    assert invoice.total == Decimal("400.00")


def test_an_admin_records_a_payment_and_the_learner_reads_partly_paid(
    live_server, page, assert_accessible
):
    # given a learner's unpaid invoice
    learner = LearnerFactory(legal_name="María López")
    enrollment = registration_create(learner=learner, offering=sotl_open_today())
    invoice = enrollment.invoice
    admin = UserFactory(is_staff=True, is_superuser=True)

    # when an admin records a first payment from the invoice's admin page
    log_in(page, live_server, admin)
    page.goto(f"{live_server.url}/admin/enrollments/invoice/{invoice.pk}/change/")
    page.get_by_role("link", name="Record a payment").click()
    page.get_by_label("Amount").fill("150.00")
    page.get_by_label("Method").select_option("purchase_order")
    page.get_by_label("Reference").fill("PO 4471")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert invoice_status(invoice) == InvoiceStatus.PARTLY_PAID

    # then the learner's invoice says partly paid, what is left and how to pay
    page.context.clear_cookies()
    log_in(page, live_server, learner)
    page.goto(f"{live_server.url}/orders/invoices/{invoice.number}/")
    expect(page.locator(".invoice-header .tag")).to_have_text("Partly paid")
    expect(page.get_by_text("USD 250.00")).to_be_visible()
    expect(page.get_by_role("cell", name="PO 4471")).to_be_visible()
    expect(page.get_by_text(INSTRUCTIONS)).to_be_visible()
    assert_accessible("partly paid invoice")
    screenshot(page, "invoice.png")
