"""The audit trail is append-only and readable (not editable) by admins."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from audit.models import APPEND_ONLY, AuditEvent
from audit.services import audit_event_record
from tests.factories import PortalAdminFactory

pytestmark = pytest.mark.django_db


def record(user):
    with transaction.atomic():
        return audit_event_record(
            actor=user,
            action="review.decided",
            target=user,
            summary="Met",
            before=None,
            after={"decision": "met"},
        )


def test_an_event_is_never_changed_or_deleted():
    admin = PortalAdminFactory()
    event = record(admin)
    event.summary = "Rewritten"
    with pytest.raises(ValueError, match=APPEND_ONLY):
        event.save()
    with pytest.raises(ValueError, match=APPEND_ONLY):
        event.delete()
    event.refresh_from_db()
    assert event.summary == "Met"


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_fails_loudly():
    admin = PortalAdminFactory()
    with pytest.raises(RuntimeError):
        audit_event_record(
            actor=admin, action="review.decided", target=admin, summary="x"
        )


def test_the_event_names_its_target():
    admin = PortalAdminFactory()
    event = record(admin)
    assert event.target_type == ContentType.objects.get_for_model(admin)
    assert event.target_id == admin.pk


def test_admins_read_the_trail_but_cannot_add_change_or_delete(admin_client):
    event = record(PortalAdminFactory())
    changelist = admin_client.get(reverse("admin:audit_auditevent_changelist"))
    assert changelist.status_code == 200
    assert "Met" in changelist.content.decode()
    detail = admin_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert admin_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
