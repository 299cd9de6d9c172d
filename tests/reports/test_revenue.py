"""Revenue per program on the demo data: invoiced and received.

learner1 is invoiced for SOTL and OTLA (USD 400 each; SOTL paid) and a Loyola
Full micro-credential (USD 175); learner2 for a Loyola Full micro-credential
(USD 175) and a group of ten in SOTL (USD 3,000 with 25% off; USD 1,500 received).
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from enrollments.models import Invoice
from enrollments.services.invoices import invoice_void
from reports.filters import ReportFilters
from reports.selectors import revenue_per_program
from reports.services.rollup import report_rollup

pytestmark = pytest.mark.django_db

D = Decimal


def revenue(filters=None) -> dict[str, tuple[str, Decimal, Decimal]]:
    """The report's revenue, counted again now (the rollup)."""
    report_rollup()
    return {
        row.program.slug: (row.currency, row.invoiced, row.received)
        for row in revenue_per_program(filters=filters or ReportFilters())
    }


def test_the_demo_revenue_per_program(demo_loaded):
    assert revenue() == {
        "cmte": ("USD", D("3800.00"), D("1900.00")),
        "loyola-full-micro-credentials": ("USD", D("350.00"), D("0.00")),
    }


def test_a_void_invoice_is_not_revenue(demo_loaded):
    otla = Invoice.objects.get(
        billed_to__email="learner1@demo.test", enrollment__offering__unit__slug="otla"
    )
    invoice_void(invoice=otla, actor=otla.billed_to)
    assert revenue()["cmte"] == ("USD", D("3400.00"), D("1900.00"))


def test_the_date_range_selects_invoices_and_payments_by_their_day(demo_loaded, today):
    # learner1 enrolled in SOTL and OTLA on the last day their runs took
    # enrollments; SOTL was paid six days later; the group order (and its first
    # check) is of the load day.
    sotl = Invoice.objects.get(
        billed_to__email="learner1@demo.test", enrollment__offering__unit__slug="sotl"
    )
    enrolled_on = sotl.enrollment.offering.enrollment_closes
    (paid,) = sotl.payments.all()
    assert enrolled_on < paid.paid_on < today

    def on(day: dt.date) -> ReportFilters:
        return ReportFilters(date_from=day, date_to=day)

    assert revenue(on(enrolled_on))["cmte"] == ("USD", D("800.00"), D("0.00"))
    assert revenue(on(paid.paid_on)) == {"cmte": ("USD", D("0.00"), D("400.00"))}
    assert revenue(on(today)) == {"cmte": ("USD", D("3000.00"), D("1500.00"))}
    assert revenue(ReportFilters(date_to=enrolled_on - dt.timedelta(days=1))) == {}
    assert revenue(ReportFilters(date_from=today + dt.timedelta(days=1))) == {}


def test_the_report_page_shows_the_revenue(admin_client):
    content = admin_client.get(reverse("reports:index")).content.decode()
    assert 'id="revenue-table"' in content
    assert "USD 3,800.00" in content
    assert "USD 1,900.00" in content
