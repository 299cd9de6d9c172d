"""Two-factor authentication (allauth.mfa): an authenticator app and recovery codes.

The codes are computed here from the secret the activation page shows (RFC 6238,
as any authenticator app does), at a fixed time so that a 30-second boundary
cannot fall between two steps of a test.
"""

import base64
import hashlib
import hmac
import struct
from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp_auth
from django.urls import reverse

from accounts.roles import ADMINS, FACILITATORS, LEARNERS
from accounts.services import user_role_assign
from tests.accounts.test_login_limits import PASSWORD, log_in, verified_user

pytestmark = pytest.mark.django_db

NOW = 1_800_000_015.0  # a fixed instant, 15 s into its 30-second period
IP = "192.0.2.10"
WRONG_CODE = "Incorrect code."


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    """allauth's TOTP clock only (its module's ``time``), not the process's."""
    monkeypatch.setattr(totp_auth, "time", SimpleNamespace(time=lambda: NOW))


def totp(secret: str, at: float = NOW) -> str:
    """The six-digit code an authenticator app shows for ``secret`` at ``at``."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def signed_in(client, role: str, email: str):
    """A verified user in ``role``, logged in with their password."""
    user = verified_user(email)
    user_role_assign(user=user, role=role)
    assert log_in(client, email, PASSWORD, IP).status_code == 302
    return user


def activate(client) -> str:
    """Turn the authenticator app on: allauth asks for the password again first."""
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked.url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})
    assert response.status_code == 302
    return secret


@pytest.mark.parametrize("role", [FACILITATORS, ADMINS])
def test_staff_enable_totp_and_login_then_asks_for_the_code(client, role):
    user = signed_in(client, role, "staff@school.example")

    secret = activate(client)
    client.post(reverse("account_logout"))
    response = log_in(client, "staff@school.example", PASSWORD, IP)

    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert WRONG_CODE in wrong.context["form"].errors["code"]
    assert "_auth_user_id" not in client.session
    done = client.post(reverse("mfa_authenticate"), {"code": totp(secret)})
    assert done.status_code == 302
    assert done.url == reverse("dashboard:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_code_lets_you_in_once(client):
    signed_in(client, FACILITATORS, "staff@school.example")
    secret = activate(client)
    for _ in range(2):
        client.post(reverse("account_logout"))
        log_in(client, "staff@school.example", PASSWORD, IP)
        response = client.post(reverse("mfa_authenticate"), {"code": totp(secret)})

    assert WRONG_CODE in response.context["form"].errors["code"]
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_replaces_a_lost_phone_once(client):
    user = signed_in(client, FACILITATORS, "staff@school.example")
    activate(client)
    codes = Authenticator.objects.get(user=user, type="recovery_codes")
    code = codes.wrap().get_unused_codes()[0]
    client.post(reverse("account_logout"))
    log_in(client, "staff@school.example", PASSWORD, IP)

    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 302
    assert code not in Authenticator.objects.get(pk=codes.pk).wrap().get_unused_codes()


def test_a_learner_may_turn_it_on_too_and_the_pages_use_the_portal_layout(client):
    signed_in(client, LEARNERS, "learner@school.example")

    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    index = client.get(reverse("mfa_index"))
    activation = client.get(reverse("mfa_activate_totp"))

    assert index.status_code == activation.status_code == 200
    for response in (index, activation):
        assert "base.html" in [t.name for t in response.templates]
        assert 'class="form-card account-card"' in response.content.decode()
    assert b"<svg" in activation.content
    assert b"data:image" not in activation.content  # the CSP allows no data: images
