"""Personal API tokens: shown once, stored as a digest, audited, revocable."""

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from api.authentication import ApiTokenAuthentication
from api.models import ApiToken
from api.services import (
    ACTIVE_TOKENS_MAX,
    api_token_create,
    api_token_mark_used,
    api_token_revoke,
)
from audit.models import AuditEvent
from core.refusal import Refusal

from .conftest import award_make, bearer, token_for

pytestmark = pytest.mark.django_db

LIST = "/api/v1/me/awards/"
PAGE = "/accounts/profile/api-tokens/"


# Services


def test_a_new_token_is_stored_only_as_its_digest_and_audited(learner):
    token, value = api_token_create(user=learner, name="  LMS sync ")

    token.refresh_from_db()
    assert value.startswith("cpt_")
    assert len(value) == 47
    assert token.name == "LMS sync"
    assert token.digest == hashlib.sha256(value.encode()).hexdigest()
    assert token.prefix == value[:10]
    assert value not in {str(v) for v in vars(token).values()}
    event = AuditEvent.objects.get(action=AuditEvent.Action.API_TOKEN_CREATED)
    assert (event.actor, event.target_id) == (learner, token.pk)
    assert event.after == {"name": "LMS sync", "prefix": token.prefix}
    assert value not in event.summary


def test_two_tokens_never_share_a_value(learner):
    first = api_token_create(user=learner, name="One")[1]
    second = api_token_create(user=learner, name="Two")[1]

    assert first != second


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Give the token a name."),
        ("LMS", "You already have a token with this name."),
    ],
)
def test_a_bad_name_is_refused_and_writes_nothing(learner, name, message):
    api_token_create(user=learner, name="LMS")

    with pytest.raises(Refusal) as refused:
        api_token_create(user=learner, name=name)

    assert refused.value.message == message
    assert ApiToken.objects.count() == 1
    assert AuditEvent.objects.count() == 1


def test_a_revoked_tokens_name_can_be_used_again(learner):
    old, _ = api_token_create(user=learner, name="LMS")
    api_token_revoke(token=old, actor=learner)

    new, _ = api_token_create(user=learner, name="LMS")

    assert new.pk != old.pk


def test_active_tokens_are_limited(learner):
    for n in range(ACTIVE_TOKENS_MAX):
        api_token_create(user=learner, name=f"T{n}")

    with pytest.raises(Refusal) as refused:
        api_token_create(user=learner, name="One more")

    assert refused.value.message == (
        "You have 10 active tokens: revoke one before creating another."
    )
    assert ApiToken.objects.filter(user=learner).count() == ACTIVE_TOKENS_MAX


def test_revoking_is_audited_once(learner):
    token, _ = api_token_create(user=learner, name="LMS")

    api_token_revoke(token=token, actor=learner)
    first_date = ApiToken.objects.get(pk=token.pk).revoked_at
    api_token_revoke(token=token, actor=learner)

    token.refresh_from_db()
    assert token.revoked_at == first_date is not None
    events = AuditEvent.objects.filter(action=AuditEvent.Action.API_TOKEN_REVOKED)
    assert events.count() == 1
    assert events.get().before == {"revoked_at": None}


def test_last_use_is_written_at_most_once_a_minute(learner):
    token, _ = api_token_create(user=learner, name="LMS")
    now = timezone.now()

    api_token_mark_used(token=token, now=now)
    api_token_mark_used(token=token, now=now + dt.timedelta(seconds=59))
    token.refresh_from_db()
    assert token.last_used_at == now

    api_token_mark_used(token=token, now=now + dt.timedelta(seconds=61))
    token.refresh_from_db()
    assert token.last_used_at == now + dt.timedelta(seconds=61)


# The authentication class


def test_a_token_request_records_its_last_use(api_client, learner):
    value = token_for(learner)

    response = bearer(api_client, value).get(LIST)

    assert response.status_code == 200
    token = ApiToken.objects.get(user=learner)
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < dt.timedelta(minutes=1)


def test_the_class_returns_the_user_and_the_token(rf, learner):
    value = token_for(learner)
    request = rf.get(LIST, HTTP_AUTHORIZATION=f"bearer {value}")

    user, token = ApiTokenAuthentication().authenticate(request)

    assert user == learner
    assert token == ApiToken.objects.get(user=learner)


def test_the_class_leaves_other_schemes_to_the_session(rf):
    request = rf.get(LIST, HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")

    assert ApiTokenAuthentication().authenticate(request) is None


def test_a_revoked_token_is_refused_at_once(api_client, learner):
    token, value = api_token_create(user=learner, name="LMS")
    client = bearer(api_client, value)
    assert client.get(LIST).status_code == 200

    api_token_revoke(token=token, actor=learner)
    response = client.get(LIST)

    assert response.status_code == 401
    assert response.json() == {"detail": "The token is unknown, revoked or expired."}


@pytest.mark.parametrize(
    "header",
    [
        "Bearer cpt_not-a-real-token",
        "Bearer something-else",
        "Bearer cpt_" + "x" * 200,
        "Token cpt_abc",
    ],
)
def test_an_unknown_token_is_refused(api_client, learner, header):
    award_make(learner)
    api_client.credentials(HTTP_AUTHORIZATION=header)

    response = api_client.get(LIST)

    assert response.status_code == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b"])
def test_a_malformed_header_says_how_to_send_the_token(api_client, header):
    api_client.credentials(HTTP_AUTHORIZATION=header)

    response = api_client.get(LIST)

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Send the token as “Authorization: Bearer <token>”."
    }


def test_a_deactivated_users_token_is_refused(api_client, learner):
    value = token_for(learner)
    learner.is_active = False
    learner.save(update_fields=["is_active"])

    assert bearer(api_client, value).get(LIST).status_code == 401


# The profile page


def test_the_page_needs_a_signed_in_user(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_profile_links_to_the_tokens_page(client, learner):
    client.force_login(learner)

    assert PAGE in client.get("/accounts/profile/").content.decode()


def test_creating_shows_the_value_once(client, learner):
    client.force_login(learner)

    created = client.post(PAGE, {"name": "LMS sync"})
    again = client.get(PAGE)

    token = ApiToken.objects.get(user=learner)
    page = created.content.decode()
    value = page.split('id="new-token-value"')[1].split('value="')[1].split('"')[0]
    assert created.status_code == 201
    assert "no-store" in created["Cache-Control"]
    assert hashlib.sha256(value.encode()).hexdigest() == token.digest
    assert "it is shown only this once" in page
    assert value not in again.content.decode()
    assert token.prefix in again.content.decode()
    assert "Never" in again.content.decode()


def test_a_duplicate_name_shows_the_refusal(client, learner):
    api_token_create(user=learner, name="LMS")
    client.force_login(learner)

    response = client.post(PAGE, {"name": "LMS"})

    assert response.status_code == 200
    assert "You already have a token with this name." in response.content.decode()
    assert ApiToken.objects.filter(user=learner).count() == 1


def test_revoking_from_the_page(client, learner):
    token, _ = api_token_create(user=learner, name="LMS")
    client.force_login(learner)

    response = client.post(f"{PAGE}{token.pk}/revoke/", follow=True)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "The token “LMS” is revoked: it no longer opens the API." in (
        response.content.decode()
    )


def test_nobody_revokes_another_persons_token(client, learner, other_learner):
    token, _ = api_token_create(user=other_learner, name="LMS")
    client.force_login(learner)

    response = client.post(f"{PAGE}{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(client, learner):
    token, _ = api_token_create(user=learner, name="LMS")
    client.force_login(learner)

    assert client.get(f"{PAGE}{token.pk}/revoke/").status_code == 405


def test_a_token_expires_90_days_after_it_is_made_and_is_then_refused(
    api_client, learner
):
    # given a token made now
    token, value = api_token_create(user=learner, name="LMS")
    lifetime = token.expires_at - token.created_at
    assert abs(lifetime - dt.timedelta(days=90)) < dt.timedelta(seconds=5)
    client = bearer(api_client, value)
    assert client.get(LIST).status_code == 200

    # when its 90 days are over
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(LIST)

    # then it is refused, and its page says it expired
    assert response.status_code == 401
    assert response.json() == {"detail": "The token is unknown, revoked or expired."}
    api_client.force_login(learner)
    page = api_client.get(PAGE).content.decode()
    assert "Expired" in page


def test_expired_tokens_do_not_count_toward_the_limit(learner):
    for number in range(ACTIVE_TOKENS_MAX):
        api_token_create(user=learner, name=f"Token {number}")
    ApiToken.objects.filter(user=learner).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )

    token, _ = api_token_create(user=learner, name="A fresh one")

    assert token.expires_at > timezone.now()
