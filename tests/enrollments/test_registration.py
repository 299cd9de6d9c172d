"""An individual registration enrolls the learner and bills one seat when priced."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from enrollments.messages import EnrollmentRefused
from enrollments.models import Enrollment, Invoice, InvoiceLine
from enrollments.services.invoices import invoice_number
from enrollments.services.registration import registration_create
from tests.factories import OfferingFactory, UnitFactory, UserFactory

TODAY = dt.date(2026, 11, 23)

pytestmark = pytest.mark.django_db


def test_invoice_number_reads_as_year_and_six_digits():
    assert invoice_number(year=2026, sequence=123) == "INV-2026-000123"


def test_registration_in_a_priced_unit_issues_an_invoice_for_one_seat():
    # given a Loyola Full micro-credential at USD 175
    learner = UserFactory()
    offering = OfferingFactory(
        unit=UnitFactory(title="Full micro-credential", price=Decimal("175.00"))
    )

    # when the learner registers
    enrollment = registration_create(learner=learner, offering=offering, today=TODAY)

    # then they are enrolled and billed USD 175 on an issued invoice
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    invoice = Invoice.objects.get(enrollment=enrollment)
    assert invoice.billed_to == learner
    assert invoice.status == Invoice.Status.ISSUED
    assert invoice.total == Decimal("175.00")
    assert invoice.currency == "USD"
    assert invoice.order is None
    assert re.fullmatch(r"INV-\d{4}-\d{6}", invoice.number)
    [line] = invoice.lines.all()
    assert (line.quantity, line.unit_amount, line.amount) == (
        1,
        Decimal("175.00"),
        Decimal("175.00"),
    )
    assert line.description == f"Registration: {offering}"


def test_two_registrations_get_different_invoice_numbers():
    offering = OfferingFactory()
    first = registration_create(learner=UserFactory(), offering=offering, today=TODAY)
    second = registration_create(learner=UserFactory(), offering=offering, today=TODAY)
    assert first.invoice.number != second.invoice.number


def test_registration_in_an_unpriced_unit_issues_no_invoice():
    offering = OfferingFactory(unit=UnitFactory(price=None))
    enrollment = registration_create(
        learner=UserFactory(), offering=offering, today=TODAY
    )
    assert Enrollment.objects.filter(pk=enrollment.pk).exists()
    assert not Invoice.objects.exists()


def test_refused_registration_writes_nothing_and_keeps_the_message():
    # given a learner already enrolled in the offering
    learner, offering = UserFactory(), OfferingFactory()
    registration_create(learner=learner, offering=offering, today=TODAY)

    # when they register again
    with pytest.raises(EnrollmentRefused) as refused:
        registration_create(learner=learner, offering=offering, today=TODAY)

    # then the enrollment's own message comes through and nothing more is written
    assert refused.value.message == f"You are already enrolled in {offering}."
    assert Enrollment.objects.count() == 1
    assert Invoice.objects.count() == 1
    assert InvoiceLine.objects.count() == 1


def test_registration_outside_the_window_writes_nothing():
    offering = OfferingFactory(enrollment_closes=dt.date(2026, 11, 1))
    with pytest.raises(EnrollmentRefused) as refused:
        registration_create(learner=UserFactory(), offering=offering, today=TODAY)
    assert refused.value.message == (
        f"Enrollment for {offering} closed on Nov 1, 2026."
    )
    assert not Enrollment.objects.exists()
    assert not Invoice.objects.exists()
