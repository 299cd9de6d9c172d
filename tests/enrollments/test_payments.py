"""Payments on invoices: the status computed from them, the dates they may carry,
append-only entries, the admin that records them, and the provider's setting on
work before payment."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEvent
from enrollments.group_orders.confirm import group_order_confirm
from enrollments.group_orders.services import group_order_create
from enrollments.models import Enrollment, Invoice, Payment
from enrollments.payment_rules import InvoiceStatus
from enrollments.selectors.invoices import (
    invoice_money,
    invoice_status,
    invoices_unpaid,
    unpaid_total,
)
from enrollments.services.invoices import LineData, invoice_issue, invoice_void
from enrollments.services.payments import PaymentRefused, payment_record
from reviews.guards import submission_refusal
from tests.factories import (
    EnrollmentFactory,
    OfferingFactory,
    RequirementFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = Decimal


def issue(enrollment, total: str, *, now=None) -> Invoice:
    amount = D(total)
    return invoice_issue(
        billed_to=enrollment.learner,
        currency="USD",
        lines=[LineData("Registration", 1, amount, amount)],
        enrollment=enrollment,
        now=now,
    )


@pytest.fixture
def admin():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def invoice():
    return issue(EnrollmentFactory(), "400.00")


def pay(invoice, admin, amount, day, **fields) -> Payment:
    return payment_record(
        invoice=invoice,
        actor=admin,
        amount=D(amount),
        paid_on=day,
        method=fields.pop("method", Payment.Method.CHECK),
        **fields,
    )


class TestStatus:
    def test_an_invoice_goes_unpaid_partly_paid_paid(self, invoice, admin, today):
        seen = [invoice_status(invoice)]
        pay(invoice, admin, "150.00", today)
        seen.append(invoice_status(invoice))
        pay(invoice, admin, "250.00", today)
        seen.append(invoice_status(invoice))
        assert seen == [
            InvoiceStatus.UNPAID,
            InvoiceStatus.PARTLY_PAID,
            InvoiceStatus.PAID,
        ]
        money = invoice_money(invoice)
        assert (money.received, money.due) == (D("400.00"), D("0.00"))

    def test_a_refund_takes_a_paid_invoice_back_to_partly_paid(
        self, invoice, admin, today
    ):
        pay(invoice, admin, "400.00", today)
        pay(invoice, admin, "100.00", today, kind=Payment.Kind.REFUND)
        assert invoice_status(invoice) == InvoiceStatus.PARTLY_PAID
        assert invoice_money(invoice).due == D("100.00")

    def test_cancelling_an_entry_made_in_error_undoes_it(self, invoice, admin, today):
        wrong = pay(invoice, admin, "400.00", today, reference="typed twice")
        pay(invoice, admin, "400.00", today, kind="cancellation", cancels=wrong)
        assert invoice_status(invoice) == InvoiceStatus.UNPAID
        assert Payment.objects.filter(invoice=invoice).count() == 2  # both kept

    def test_a_void_invoice_reads_void_and_owes_nothing(self, invoice, admin):
        invoice_void(invoice=invoice, actor=admin)
        invoice.refresh_from_db()
        assert invoice_status(invoice) == InvoiceStatus.VOID
        assert invoice_money(invoice).due == 0

    def test_unpaid_total_sums_what_unpaid_and_partly_paid_invoices_still_owe(
        self, admin, today
    ):
        unpaid, partly, paid, void = (
            issue(EnrollmentFactory(), total) for total in ("400", "175", "50", "25")
        )
        pay(partly, admin, "75.00", today)
        pay(paid, admin, "50.00", today)
        invoice_void(invoice=void, actor=admin)
        assert list(invoices_unpaid()) == [unpaid, partly]
        assert unpaid_total() == {"USD": D("500.00")}


class TestRefusals:
    def test_a_payment_dated_before_the_invoice_is_refused(self, admin, today, now):
        invoice = issue(EnrollmentFactory(), "400.00", now=now)
        before = today - dt.timedelta(days=1)
        with pytest.raises(PaymentRefused) as refused:
            pay(invoice, admin, "400.00", before)
        assert refused.value.message == (
            f"A payment cannot be dated {before:%b} {before.day}, {before.year}: "
            f"invoice {invoice.number} was issued on {today:%b} {today.day}, "
            f"{today.year}. Nothing was recorded."
        )
        assert not Payment.objects.exists()

    def test_a_payment_dated_after_today_is_refused(self, invoice, admin, today):
        later = today + dt.timedelta(days=1)
        with pytest.raises(PaymentRefused) as refused:
            pay(invoice, admin, "400.00", later)
        assert refused.value.message == (
            f"A payment cannot be dated {later:%b} {later.day}, {later.year}, after "
            f"today ({today:%b} {today.day}, {today.year}). Nothing was recorded."
        )
        assert not Payment.objects.exists()

    def test_more_than_is_due_is_refused(self, invoice, admin, today):
        pay(invoice, admin, "300.00", today)
        with pytest.raises(PaymentRefused) as refused:
            pay(invoice, admin, "100.01", today)
        assert refused.value.message == (
            f"USD 100.01 is more than invoice {invoice.number} still needs "
            "(USD 100.00). Nothing was recorded."
        )

    def test_an_entry_is_cancelled_once(self, invoice, admin, today):
        wrong = pay(invoice, admin, "100.00", today)
        pay(invoice, admin, "100.00", today, kind="cancellation", cancels=wrong)
        with pytest.raises(PaymentRefused) as refused:
            pay(invoice, admin, "100.00", today, kind="cancellation", cancels=wrong)
        assert refused.value.message == (
            "Only a payment or a refund of this invoice that is not already "
            "cancelled can be cancelled."
        )

    def test_no_money_on_a_void_invoice(self, invoice, admin, today):
        invoice_void(invoice=invoice, actor=admin)
        with pytest.raises(PaymentRefused) as refused:
            pay(invoice, admin, "1.00", today)
        assert refused.value.message == (
            f"Invoice {invoice.number} is void: no money is recorded on it."
        )


class TestAppendOnly:
    def test_an_entry_is_never_changed_or_deleted(self, invoice, admin, today):
        payment = pay(invoice, admin, "100.00", today)
        payment.amount = D("1.00")
        with pytest.raises(ValueError, match="append-only"):
            payment.save()
        with pytest.raises(ValueError, match="append-only"):
            payment.delete()
        payment.refresh_from_db()
        assert payment.amount == D("100.00")

    @pytest.mark.parametrize("amount", ["0.00", "-5.00"])
    def test_the_database_refuses_an_amount_that_is_not_positive(
        self, invoice, admin, today, amount
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Payment.objects.create(
                invoice=invoice,
                amount=D(amount),
                paid_on=today,
                method="check",
                recorded_by=admin,
            )

    def test_the_database_refuses_a_cancellation_naming_nothing(
        self, invoice, admin, today
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Payment.objects.create(
                invoice=invoice,
                kind=Payment.Kind.CANCELLATION,
                amount=D("1.00"),
                paid_on=today,
                method="check",
                recorded_by=admin,
            )

    def test_recording_is_audited(self, invoice, admin, today):
        payment = pay(invoice, admin, "100.00", today, reference="PO-77")
        event = AuditEvent.objects.get(action=AuditEvent.Action.PAYMENT_RECORDED)
        assert (event.actor, event.learner, event.target_id) == (
            admin,
            invoice.billed_to,
            invoice.pk,
        )
        assert event.summary == f"{invoice.number}: Payment received USD 100.00 (Check)"
        assert event.after["payment"] == payment.pk
        assert event.after["reference"] == "PO-77"


class TestAdmin:
    def add(self, client, invoice, day, amount="400.00"):
        return client.post(
            reverse("admin:enrollments_payment_add"),
            {
                "invoice": invoice.pk,
                "kind": "payment",
                "amount": amount,
                "paid_on": day.isoformat(),
                "method": "purchase_order",
                "reference": "PO 4471",
            },
        )

    def test_admin_records_a_payment(self, client, admin, invoice, today):
        client.force_login(admin)
        response = self.add(client, invoice, today)
        assert response.status_code == 302
        payment = Payment.objects.get()
        assert (payment.recorded_by, payment.reference) == (admin, "PO 4471")
        assert invoice_status(invoice) == InvoiceStatus.PAID
        assert AuditEvent.objects.filter(action="payment.recorded").count() == 1

    def test_a_future_date_is_refused_on_the_form(self, client, admin, invoice, today):
        client.force_login(admin)
        response = self.add(client, invoice, today + dt.timedelta(days=3))
        assert response.status_code == 200
        errors = response.context["adminform"].form.non_field_errors()
        assert "after today" in errors[0]
        assert not Payment.objects.exists()

    def test_a_payment_cannot_be_changed_or_deleted_in_the_admin(
        self, client, admin, invoice, today
    ):
        client.force_login(admin)
        payment = pay(invoice, admin, "100.00", today)
        change = reverse("admin:enrollments_payment_change", args=[payment.pk])
        client.post(change, {"amount": "1.00", "paid_on": today.isoformat()})
        delete = client.post(
            reverse("admin:enrollments_payment_delete", args=[payment.pk]),
            {"post": "yes"},
        )
        payment.refresh_from_db()
        assert payment.amount == D("100.00")
        assert delete.status_code == 403
        assert client.get(change).status_code == 200  # read-only view

    def test_the_invoice_page_in_the_admin_shows_status_and_a_link_to_record(
        self, client, admin, invoice, today
    ):
        client.force_login(admin)
        pay(invoice, admin, "100.00", today)
        content = client.get(
            reverse("admin:enrollments_invoice_change", args=[invoice.pk])
        ).content.decode()
        assert "Partly paid" in content
        assert f"{reverse('admin:enrollments_payment_add')}?invoice={invoice.pk}" in (
            content
        )


class TestWorkBeforePayment:
    @pytest.fixture
    def running(self, today):
        """An enrollment in a run under way, with its invoice and a requirement."""
        offering = OfferingFactory(
            start_date=today - dt.timedelta(days=5),
            end_date=today + dt.timedelta(days=30),
            enrollment_opens=today - dt.timedelta(days=30),
            enrollment_closes=today - dt.timedelta(days=6),
        )
        enrollment = EnrollmentFactory(offering=offering)
        requirement = RequirementFactory(unit=offering.unit)
        return enrollment, requirement, issue(enrollment, "175.00")

    def refusal(self, enrollment, requirement, today):
        return submission_refusal(
            enrollment=enrollment, requirement=requirement, today=today
        )

    def test_by_default_work_starts_before_payment(self, running, today):
        enrollment, requirement, _ = running
        assert self.refusal(enrollment, requirement, today) is None

    def test_a_provider_that_waits_for_payment_refuses_work_and_says_why(
        self, running, admin, today
    ):
        enrollment, requirement, invoice = running
        provider = enrollment.offering.unit.provider
        provider.work_before_payment = False
        provider.save()
        pay(invoice, admin, "100.00", today)
        assert self.refusal(enrollment, requirement, today) == (
            f"{provider.name} takes work once your place is paid for: invoice "
            f"{invoice.number} still needs USD 75.00. Your drafts are kept; the "
            "invoice says how to pay."
        )
        pay(invoice, admin, "75.00", today)
        assert self.refusal(enrollment, requirement, today) is None

    def test_a_group_participant_waits_for_the_group_invoice(self, admin, today):
        unit = UnitFactory(provider__work_before_payment=False)
        offering = OfferingFactory(
            unit=unit,
            start_date=today + dt.timedelta(days=1),
            end_date=today + dt.timedelta(days=30),
            enrollment_opens=today - dt.timedelta(days=3),
            enrollment_closes=today,
            submissions_open_days_before_start=0,
        )
        requirement = RequirementFactory(unit=unit)
        order = group_order_create(
            leader=UserFactory(),
            offering=offering,
            participants=[("Ada", "ada@example.org"), ("Bob", "bob@example.org")],
            today=today,
        )
        invoice = group_order_confirm(order=order, today=today)
        enrollment = Enrollment.objects.filter(group_order=order).first()
        waiting = self.refusal(enrollment, requirement, today)
        pay(invoice, admin, str(invoice.total), today)
        assert "takes work once your place is paid for" in waiting
        assert f"invoice {invoice.number} still needs" in waiting
        # Once paid, the only thing in the way is the run not having started.
        assert "open on" in self.refusal(enrollment, requirement, today)
