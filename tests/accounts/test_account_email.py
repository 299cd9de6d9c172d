"""allauth's pages and email speak as the portal: its name, its layout, its sender."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.accounts.test_signup_and_login import SIGNUP, link_in, verified_user

pytestmark = pytest.mark.django_db


def test_confirmation_email_is_from_and_signed_by_the_portal(client, settings):
    # given the portal's name in the settings
    settings.SITE_NAME = "Riverside PD Portal"
    # when someone signs up
    client.post(reverse("account_signup"), SIGNUP)
    # then the confirmation names the portal, never the request's host
    [message] = mail.outbox
    assert message.subject == "[Riverside PD Portal] Confirm your email address"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "account on Riverside PD Portal" in message.body
    assert "The Riverside PD Portal team" in message.body
    assert "Hello from" not in message.body
    assert "testserver" not in message.body.replace(link_in(message), "")
    assert "/accounts/confirm-email/" in link_in(message)


def test_default_sender_carries_the_site_name(settings):
    assert settings.SITE_NAME == "Credentials Portal"
    assert settings.DEFAULT_FROM_EMAIL.startswith("Credentials Portal <")


def test_password_reset_email_speaks_as_the_portal(client, settings):
    settings.SITE_NAME = "Riverside PD Portal"
    verified_user()
    client.post(reverse("account_reset_password"), {"email": "lena@example.org"})
    [message] = mail.outbox
    assert message.subject == "[Riverside PD Portal] Choose a new password"
    assert "your Riverside PD Portal account" in message.body
    assert "/accounts/password/reset/key/" in link_in(message)


def test_email_page_is_in_the_portal_layout(client, settings):
    settings.SITE_NAME = "Riverside PD Portal"
    client.force_login(verified_user())
    content = client.get(reverse("account_email")).content.decode()
    assert '<nav class="site-nav"' in content
    assert "<title>Your email addresses · Riverside PD Portal</title>" in content
    assert content.count("<h1") == 1
    assert 'class="form-card account-card"' in content
    assert "lena@example.org" in content


def test_email_page_adds_an_address(client):
    user = verified_user()
    client.force_login(user)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "lena@school.example"}
    )
    assert response.status_code == 302
    added = EmailAddress.objects.get(email="lena@school.example")
    assert (added.user, added.verified) == (user, False)
