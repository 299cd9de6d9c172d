"""Admins grant individual extensions; each is recorded and audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from enrollments.models import Extension
from enrollments.services import extensions as service
from tests.factories import PortalAdminFactory
from tests.reviews.scenarios import iste_portfolio, loyola_full

pytestmark = pytest.mark.django_db


def grant(world, **overrides):
    fields = {
        "granted_by": PortalAdminFactory(),
        "enrollment": world.enrollment,
        "requirement": world.requirement,
        "new_deadline": dt.date(2027, 9, 30),
        "reason": "Surgery in August",
    }
    return service.extension_grant(**{**fields, **overrides})


def test_an_extension_is_recorded_and_audited_with_the_old_deadline():
    world = iste_portfolio()
    extension = grant(world)
    extension.refresh_from_db()
    assert extension.new_deadline == dt.date(2027, 9, 30)
    event = AuditEvent.objects.get(action="extension.granted")
    assert event.before == {"deadline": "2027-08-28"}
    assert event.after == {"deadline": "2027-09-30", "reason": "Surgery in August"}
    assert service.deadline_for(
        enrollment=world.enrollment, requirement=world.requirement
    ) == dt.date(2027, 9, 30)


def test_only_an_admin_grants_extensions():
    world = iste_portfolio()
    with pytest.raises(PermissionDenied):
        grant(world, granted_by=world.facilitator)
    assert not Extension.objects.exists()


def test_an_extension_must_move_the_deadline_later():
    world = iste_portfolio()
    with pytest.raises(service.ExtensionRefused) as refused:
        grant(world, new_deadline=dt.date(2027, 8, 28))
    assert refused.value.message == service.EXTENSION_NOT_LATER % {
        "date": "Aug 28, 2027"
    }


def test_an_extension_needs_a_reason():
    world = iste_portfolio()
    with pytest.raises(service.ExtensionRefused) as refused:
        grant(world, reason=" ")
    assert refused.value.message == service.EXTENSION_REASON_REQUIRED


def test_a_requirement_without_deadline_cannot_be_extended():
    world = loyola_full()
    # Undated (open enrollment): nothing dates it, not even a run's end.
    type(world.offering).objects.filter(pk=world.offering.pk).update(
        start_date=None, end_date=None
    )
    with pytest.raises(service.ExtensionRefused) as refused:
        grant(world)
    assert refused.value.message == service.EXTENSION_NO_DEADLINE % {
        "requirement": "Competency-based project",
        "unit": world.offering.unit,
    }
