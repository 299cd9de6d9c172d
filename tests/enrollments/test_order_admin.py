"""Admins find group orders and invoices and void invoices (payments are
recorded in their own admin: tests/enrollments/test_payments.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from audit.models import AuditEvent
from enrollments.group_orders.confirm import group_order_confirm
from enrollments.group_orders.services import group_order_create
from enrollments.models import Invoice, Payment
from enrollments.services.payments import payment_record
from tests.factories import OfferingFactory, UnitFactory, UserFactory

TODAY = dt.date(2026, 11, 23)

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice():
    offering = OfferingFactory(unit=UnitFactory(price=Decimal("400.00")))
    order = group_order_create(
        leader=UserFactory(email="leader@school.example"),
        offering=offering,
        participants=[("Ada", "ada@example.org"), ("Bob", "bob@example.org")],
        today=TODAY,
    )
    return group_order_confirm(order=order, today=TODAY)


def run_action(admin_client, action: str, *invoices):
    return admin_client.post(
        reverse("admin:enrollments_invoice_changelist"),
        {"action": action, "_selected_action": [i.pk for i in invoices]},
        follow=True,
    )


def test_admin_voids_an_issued_invoice(admin_client, invoice):
    run_action(admin_client, "mark_void", invoice)
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.VOID


def test_an_invoice_with_money_is_not_voided_and_the_admin_is_told(
    admin_client, invoice, today
):
    payment_record(
        invoice=invoice,
        actor=UserFactory(),
        amount=invoice.total,
        paid_on=today,
        method=Payment.Method.BANK_TRANSFER,
    )
    response = run_action(admin_client, "mark_void", invoice)
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        f"Invoice {invoice.number} has received USD 800.00: refund it before "
        "voiding it.",
    ]


def test_a_staff_user_who_may_only_view_invoices_cannot_void_one(client, invoice):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_invoice"))
    client.force_login(viewer)

    response = run_action(client, "mark_void", invoice)

    assert response.status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED


def test_invoice_list_is_searchable_by_number_and_leader(admin_client, invoice):
    url = reverse("admin:enrollments_invoice_changelist")
    for term in (invoice.number, "leader@school"):
        response = admin_client.get(url, {"q": term})
        assert list(response.context["cl"].result_list) == [invoice]


def test_group_order_and_invoice_pages_open(admin_client, invoice):
    for url in (
        reverse("admin:enrollments_invoice_change", args=[invoice.pk]),
        reverse("admin:enrollments_grouporder_change", args=[invoice.order.pk]),
        reverse("admin:enrollments_grouporder_changelist"),
    ):
        assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize("model", ["invoice", "grouporder"])
def test_invoices_and_group_orders_cannot_be_deleted_in_the_admin(
    admin_client, invoice, model
):
    obj = invoice if model == "invoice" else invoice.order
    lines = invoice.lines.count()

    response = admin_client.post(
        reverse(f"admin:enrollments_{model}_delete", args=[obj.pk]), {"post": "yes"}
    )
    bulk = admin_client.post(
        reverse(f"admin:enrollments_{model}_changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )

    assert response.status_code == 403
    assert bulk.status_code in {200, 302}  # the changelist again, nothing deleted
    changelist = admin_client.get(reverse(f"admin:enrollments_{model}_changelist"))
    form = changelist.context["action_form"]
    actions = dict(form.fields["action"].choices) if form else {}
    assert "delete_selected" not in actions
    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert invoice.lines.count() == lines


def test_voiding_an_invoice_records_who_and_when(admin_client, admin_user, invoice):
    run_action(admin_client, "mark_void", invoice)

    invoice.refresh_from_db()
    event = AuditEvent.objects.get(
        target_id=invoice.pk, action=AuditEvent.Action.INVOICE_VOIDED
    )
    assert invoice.status == Invoice.Status.VOID
    assert (event.actor, event.learner) == (admin_user, invoice.billed_to)
    assert event.created_at is not None
    assert event.before == {"status": "issued"}
    assert event.after == {"status": "void"}
