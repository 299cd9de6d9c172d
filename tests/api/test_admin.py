"""Admins read API tokens in /admin/ and revoke them; the values never show."""

import pytest
from django.urls import reverse

from api.models import ApiToken
from api.services import api_token_create
from audit.models import AuditEvent

from .conftest import bearer

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:api_apitoken_changelist"


def test_an_admin_lists_tokens_without_their_values(client, portal_admin, learner):
    token, value = api_token_create(user=learner, name="LMS sync")
    client.force_login(portal_admin)

    page = client.get(reverse(CHANGELIST)).content.decode()

    assert "LMS sync" in page
    assert token.prefix in page
    assert value not in page
    assert token.digest not in page


def test_an_admin_revokes_a_learners_token(client, api_client, portal_admin, learner):
    token, value = api_token_create(user=learner, name="LMS sync")
    client.force_login(portal_admin)

    response = client.post(
        reverse(CHANGELIST),
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )

    token.refresh_from_db()
    assert "1 token revoked." in response.content.decode()
    assert token.revoked_at is not None
    event = AuditEvent.objects.get(action=AuditEvent.Action.API_TOKEN_REVOKED)
    assert event.actor == portal_admin
    assert bearer(api_client, value).get("/api/v1/me/awards/").status_code == 401


def test_tokens_are_never_added_or_edited_in_the_admin(client, portal_admin, learner):
    token, _ = api_token_create(user=learner, name="LMS sync")
    client.force_login(portal_admin)

    assert client.get(reverse("admin:api_apitoken_add")).status_code == 403
    detail = client.get(reverse("admin:api_apitoken_change", args=[token.pk]))
    assert detail.status_code == 200
    assert 'name="name"' not in detail.content.decode()
    posted = client.post(
        reverse("admin:api_apitoken_change", args=[token.pk]), {"name": "Renamed"}
    )
    assert posted.status_code == 403
    assert ApiToken.objects.get(pk=token.pk).name == "LMS sync"


def test_a_learner_cannot_open_the_tokens_admin(client, learner):
    client.force_login(learner)

    response = client.get(reverse(CHANGELIST))

    assert response.status_code == 302
