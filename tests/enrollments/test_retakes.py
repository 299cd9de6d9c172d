"""A learner who already holds a unit is refused, unless an admin allows a retake."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from core import clock
from enrollments.group_orders.services import OrderRefused, group_order_create
from enrollments.messages import EnrollmentRefused
from enrollments.models import Enrollment, Invoice, PastCompletion
from enrollments.services.registration import registration_create
from enrollments.services.retakes import retake_allowance_grant
from tests.enrollments.order_helpers import people, sotl_offering
from tests.factories import LearnerFactory, PortalAdminFactory, UserFactory

pytestmark = pytest.mark.django_db

HELD = (
    "You already hold SOTL (completed Jun 30, 2025). Ask the programme office if "
    "you mean to take it again."
)


def held(learner, unit):
    return PastCompletion.objects.create(
        learner=learner,
        unit=unit,
        completed_on=dt.date(2025, 6, 30),
        imported_by=PortalAdminFactory(),
    )


def test_learner_holding_the_unit_is_refused_and_nothing_is_written():
    offering = sotl_offering()
    learner = LearnerFactory()
    held(learner, offering.unit)
    with pytest.raises(EnrollmentRefused) as refused:
        registration_create(learner=learner, offering=offering, today=clock.today())
    assert refused.value.message == HELD
    assert not Enrollment.objects.exists()
    assert not Invoice.objects.exists()


def test_retake_is_allowed_after_the_admin_allowance_and_audited():
    offering = sotl_offering()
    learner = LearnerFactory()
    held(learner, offering.unit)
    admin = PortalAdminFactory()
    allowance = retake_allowance_grant(
        granted_by=admin, learner=learner, unit=offering.unit, reason="New standards"
    )
    enrollment = registration_create(
        learner=learner, offering=offering, today=clock.today()
    )
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert Invoice.objects.get(enrollment=enrollment).total == 400
    event = AuditEvent.objects.get(action=AuditEvent.Action.RETAKE_ALLOWED)
    assert (event.actor, event.learner, event.target_id) == (
        admin,
        learner,
        allowance.pk,
    )


def test_enroll_page_warns_before_the_click(client, monkeypatch):
    offering = sotl_offering()
    learner = LearnerFactory()
    held(learner, offering.unit)
    client.force_login(learner)
    for url in [
        reverse("enrollments:enroll", args=[offering.pk]),
        offering.unit.get_absolute_url(),
    ]:
        content = client.get(url).content.decode()
        assert HELD in content
        assert "Confirm enrollment" not in content
        assert f"Enroll in {offering.label}" not in content


def test_group_order_naming_a_holder_is_refused():
    offering = sotl_offering()
    participants = people(3)
    holder = UserFactory(email=participants[0][1])
    held(holder, offering.unit)
    with pytest.raises(OrderRefused) as refused:
        group_order_create(
            leader=UserFactory(),
            offering=offering,
            participants=participants,
            today=clock.today(),
        )
    assert refused.value.message == (
        "Teacher 1 (teacher1@school.example) already holds SOTL (completed Jun 30, "
        "2025). Ask the programme office if they mean to take it again."
    )


def test_quote_flags_a_participant_who_came_to_hold_the_unit(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    offering = sotl_offering()
    participants = people(3)
    holder = UserFactory(email=participants[1][1])
    leader = UserFactory()
    order = group_order_create(
        leader=leader, offering=offering, participants=participants, today=clock.today()
    )
    held(holder, offering.unit)
    client.force_login(leader)
    content = client.get(reverse("orders:quote", args=[order.pk])).content.decode()
    assert (
        "Teacher 2 (teacher2@school.example) already holds SOTL (completed Jun 30, "
        "2025)."
    ) in content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orders:confirm", args=[order.pk]))
    assert not Enrollment.objects.exists()
    assert not Invoice.objects.exists()
    # the confirmation job failed, and its page says who and why
    page = client.get(response.url).content.decode()
    assert "Nothing was changed." in page
    assert "Teacher 2 (teacher2@school.example) already holds SOTL" in page


def test_admin_grants_a_retake_in_the_admin_with_who_and_when(admin_client):
    from enrollments.models import RetakeAllowance
    from programs.models import Unit
    from tests.factories import UnitFactory

    unit: Unit = UnitFactory()
    learner = LearnerFactory()
    response = admin_client.post(
        reverse("admin:enrollments_retakeallowance_add"),
        {"learner": learner.pk, "unit": unit.pk, "reason": "Standards changed"},
    )
    assert response.status_code == 302
    allowance = RetakeAllowance.objects.get()
    assert (allowance.learner, allowance.unit, allowance.reason) == (
        learner,
        unit,
        "Standards changed",
    )
    assert allowance.granted_by.is_superuser
    assert allowance.granted_at is not None
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.RETAKE_ALLOWED, target_id=allowance.pk
    ).exists()
