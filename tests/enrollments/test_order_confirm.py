"""Confirming a group order: all or nothing, then mail after commit."""

from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.roles import is_learner
from core import clock
from enrollments.group_orders.confirm import group_order_confirm
from enrollments.group_orders.services import OrderRefused, group_order_create
from enrollments.jobs.models import BulkJob
from enrollments.models import Enrollment, GroupOrder, Invoice, Payment
from enrollments.services.enrollment import enrollment_create
from enrollments.services.invoices import InvoiceRefused, invoice_void
from enrollments.services.payments import payment_record
from tests.enrollments.order_helpers import confirm_by_job, people, sotl_offering
from tests.factories import UnitFactory, UserFactory

User = get_user_model()

pytestmark = pytest.mark.django_db


@pytest.fixture
def sotl():
    return sotl_offering()


class TestConfirm:
    def test_confirm_enrolls_everyone_and_invoices_the_leader(self, sotl):
        # given a quoted order of ten, one of whom already has an account
        leader = UserFactory(email="leader@school.example")
        existing = UserFactory(email="teacher1@school.example", legal_name="Kept Name")
        order = group_order_create(
            leader=leader, offering=sotl, participants=people(10), today=clock.today()
        )

        # when the leader confirms
        invoice = group_order_confirm(order=order, today=clock.today())

        # then the invoice bills ten seats with 25% off the total
        invoice.refresh_from_db()
        order.refresh_from_db()
        assert invoice.order == order
        assert invoice.billed_to == leader
        assert invoice.status == Invoice.Status.ISSUED
        assert invoice.total == Decimal("3000.00")
        assert [
            (line.quantity, line.unit_amount, line.amount)
            for line in invoice.lines.all()
        ] == [
            (10, Decimal("400.00"), Decimal("4000.00")),
            (1, Decimal("-1000.00"), Decimal("-1000.00")),
        ]
        assert invoice.lines.all()[1].description == (
            f"{sotl}: Group discount: 25% off the total from 10 people"
        )
        assert order.status == GroupOrder.Status.CONFIRMED
        assert order.confirmed_at is not None
        # and every participant is enrolled through the order
        enrollments = Enrollment.objects.filter(offering=sotl, group_order=order)
        assert enrollments.count() == 10
        assert not order.participants.filter(learner__isnull=True).exists()
        # and no one is invited yet: the job does it once this has committed
        assert order.participants.filter(invited_at__isnull=True).count() == 10
        # and newcomers have an active account with no password and a verified email
        newcomer = User.objects.get(email="teacher7@school.example")
        assert newcomer.is_active
        assert not newcomer.has_usable_password()
        assert newcomer.legal_name == "Teacher 7"
        assert EmailAddress.objects.get(user=newcomer).verified
        # and, like anyone who signs up, a learner who may enroll on their own
        assert is_learner(newcomer)
        # and an existing account is reused as it is
        existing.refresh_from_db()
        assert existing.legal_name == "Kept Name"
        assert User.objects.filter(email__endswith="@school.example").count() == 11

    def test_one_participant_refused_means_nothing_is_written(self, sotl):
        # given a quoted order, then one participant enrolls on their own meanwhile
        leader = UserFactory()
        order = group_order_create(
            leader=leader, offering=sotl, participants=people(4), today=clock.today()
        )
        late = UserFactory(email="teacher3@school.example")
        enrollment_create(learner=late, offering=sotl, today=clock.today())

        # when the leader confirms
        with pytest.raises(OrderRefused) as refused:
            group_order_confirm(order=order, today=clock.today())

        # then the leader reads who and why, and nothing was written
        assert refused.value.message == (
            f"Teacher 3 (teacher3@school.example) is already enrolled in {sotl}."
        )
        order.refresh_from_db()
        assert order.status == GroupOrder.Status.QUOTED
        assert not Invoice.objects.exists()
        assert Enrollment.objects.filter(group_order=order).count() == 0
        assert not User.objects.filter(email="teacher1@school.example").exists()

    def test_refusal_found_while_enrolling_rolls_everything_back(self, sotl):
        # given a unit with a prerequisite that participant 2 has not completed
        prerequisite = UnitFactory(title="Stack 1")
        sotl.unit.prerequisites.add(prerequisite)
        order = group_order_create(
            leader=UserFactory(),
            offering=sotl,
            participants=people(3),
            today=clock.today(),
        )
        with pytest.raises(OrderRefused) as refused:
            group_order_confirm(order=order, today=clock.today())
        assert refused.value.message == (
            "Teacher 1 (teacher1@school.example) cannot be enrolled: "
            "SOTL requires Stack 1 to be completed first."
        )
        assert not Invoice.objects.exists()
        assert not Enrollment.objects.exists()
        assert not User.objects.filter(email__endswith="@school.example").exists()

    def test_an_order_is_confirmed_once(self, sotl):
        order = group_order_create(
            leader=UserFactory(),
            offering=sotl,
            participants=people(2),
            today=clock.today(),
        )
        group_order_confirm(order=order, today=clock.today())
        with pytest.raises(OrderRefused) as refused:
            group_order_confirm(order=order, today=clock.today())
        assert refused.value.message == "This group order is already confirmed."
        assert Invoice.objects.count() == 1

    def test_the_job_mails_everyone_once_after_the_commit(self, sotl, client):
        # given a quoted order, one participant with an account
        leader = UserFactory(email="leader@school.example")
        UserFactory(email="teacher1@school.example")
        order = group_order_create(
            leader=leader, offering=sotl, participants=people(2), today=clock.today()
        )

        # when the worker runs the confirmation job
        job = confirm_by_job(order)

        # then each participant and the leader got one email
        invoice = Invoice.objects.get(order=order)
        assert job.status == BulkJob.Status.SUCCEEDED
        assert job.mailed == 2
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert len(mail.outbox) == 3
        assert set(by_recipient) == {
            "teacher1@school.example",
            "teacher2@school.example",
            "leader@school.example",
        }
        assert not order.participants.filter(invited_at__isnull=True).exists()
        existing = by_recipient["teacher1@school.example"]
        assert existing.subject == f"You are enrolled in {sotl}"
        assert "Sign in with your existing account" in existing.body
        newcomer = by_recipient["teacher2@school.example"]
        assert "Choose your password here" in newcomer.body
        link = next(
            line
            for line in newcomer.body.splitlines()
            if "/password/reset/key/" in line
        )
        # the link opens the set-password form
        response = client.get(link.strip().removeprefix(settings.SITE_URL), follow=True)
        assert response.status_code == 200
        assert b"password1" in response.content
        leader_mail = by_recipient["leader@school.example"]
        assert leader_mail.subject == f"Invoice {invoice.number} for {sotl}"
        assert "Total due: USD 800.00" in leader_mail.body

    def test_refused_confirmation_sends_no_mail(self, sotl):
        order = group_order_create(
            leader=UserFactory(),
            offering=sotl,
            participants=people(2),
            today=clock.today(),
        )
        enrollment_create(
            learner=UserFactory(email="teacher1@school.example"),
            offering=sotl,
            today=clock.today(),
        )
        job = confirm_by_job(order)
        assert job.status == BulkJob.Status.FAILED
        assert mail.outbox == []


class TestInvoiceVoid:
    def test_an_invoice_that_received_money_cannot_be_voided(self, sotl, today):
        order = group_order_create(
            leader=UserFactory(),
            offering=sotl,
            participants=people(2),
            today=clock.today(),
        )
        invoice = group_order_confirm(order=order, today=clock.today())
        payment_record(
            invoice=invoice,
            actor=UserFactory(),
            amount=Decimal("10.00"),
            paid_on=today,
            method=Payment.Method.CHECK,
        )
        with pytest.raises(InvoiceRefused) as refused:
            invoice_void(invoice=invoice, actor=UserFactory())
        invoice.refresh_from_db()
        assert invoice.status == Invoice.Status.ISSUED
        assert refused.value.message == (
            f"Invoice {invoice.number} has received USD 10.00: refund it before "
            "voiding it."
        )
