"""Sign-up with a legal name, mandatory email verification, login limits, reset."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.roles import LEARNERS, is_learner
from tests.accounts.hashers import CountingHasher
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-Passw0rd"
SIGNUP = {
    "email": "Maria.Lopez@Example.org",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "legal_name": "  María J. López-García ",
    "organisation": "Riverside High School",
    "professional_role": "principal",
    "maryland_certified": "on",
}


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def verified_user(email="lena@example.org") -> User:
    user = UserFactory(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_sign_up_stores_the_profile_and_makes_a_learner(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="maria.lopez@example.org")
    assert (user.legal_name, user.organisation, user.professional_role) == (
        "María J. López-García",
        "Riverside High School",
        "principal",
    )
    assert user.maryland_certified is True
    assert list(user.groups.values_list("name", flat=True)) == [LEARNERS]
    assert is_learner(user)


def test_sign_up_without_a_legal_name_shows_the_error_next_to_it(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "legal_name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "legal_name": ["This field is required."]
    }
    assert 'id="id_legal_name_error"' in response.content.decode()
    assert not User.objects.exists()


def test_email_must_be_confirmed_before_the_first_login(client):
    client.post(reverse("account_signup"), SIGNUP)
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": SIGNUP["email"], "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    confirm = client.get(link_in(mail.outbox[-1]))
    assert confirm.status_code == 200
    client.post(confirm.request["PATH_INFO"])
    assert EmailAddress.objects.get(email="maria.lopez@example.org").verified

    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": PASSWORD}
    )
    assert response.url == reverse("dashboard:dashboard")


def test_sixth_failed_login_in_five_minutes_is_refused_even_with_the_password(
    client,
):
    verified_user()
    for _ in range(5):
        response = client.post(
            reverse("account_login"),
            {"login": "lena@example.org", "password": "wrong-password"},
        )
        assert response.context["form"].errors == {
            "__all__": [
                "The email address and/or password you specified are not correct."
            ]
        }
    response = client.post(
        reverse("account_login"), {"login": "lena@example.org", "password": PASSWORD}
    )
    assert response.context["form"].errors == {
        "__all__": ["Too many failed login attempts. Try again later."]
    }
    assert "_auth_user_id" not in client.session


def test_password_reset_by_the_emailed_link(client):
    verified_user()
    client.post(reverse("account_reset_password"), {"email": "lena@example.org"})
    assert len(mail.outbox) == 1
    response = client.get(link_in(mail.outbox[0]), follow=True)
    new_password = "another-long-Passw0rd"
    response = client.post(
        response.request["PATH_INFO"],
        {"password1": new_password, "password2": new_password},
    )
    assert response.url == reverse("account_reset_password_from_key_done")
    response = client.post(
        reverse("account_login"),
        {"login": "lena@example.org", "password": new_password},
    )
    assert response.url == reverse("dashboard:dashboard")


def test_log_out_asks_for_a_post(client):
    client.force_login(verified_user())
    assert client.get(reverse("account_logout")).status_code == 200
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_account_pages_use_the_portal_layout(client, name):
    content = client.get(reverse(name)).content.decode()
    assert "Skip to main content" in content
    assert content.count("<h1") == 1


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


@pytest.mark.parametrize("existing", [False, True])
def test_sign_up_hashes_the_password_whether_or_not_the_email_has_an_account(
    client, counting_hasher, existing
):
    # given, or not, an account with the email
    if existing:
        verified_user(email="maria.lopez@example.org")
    counting_hasher.calls = 0

    # when someone signs up with it
    response = client.post(reverse("account_signup"), SIGNUP)

    # then the same answer comes after the same work: one password hash
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert counting_hasher.calls == 1
    assert User.objects.filter(email="maria.lopez@example.org").count() == 1


def signed_up_page(client, data) -> tuple[str, list[str]]:
    """The page a sign-up ends on, and the messages it shows."""
    response = client.post(reverse("account_signup"), data, follow=True)
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    return response.redirect_chain[-1][0], shown


def test_sign_up_answers_an_existing_email_exactly_as_a_new_one(client):
    # given a portal where lena has an account
    verified_user(email="lena@example.org")

    # when a new address signs up, then lena's, then the new one again (it has an
    # account now, and its confirmation email went out a moment ago)
    emails = ["maria.lopez@example.org", "lena@example.org", "maria.lopez@example.org"]
    answers = [signed_up_page(client, {**SIGNUP, "email": email}) for email in emails]

    # then all three see the same page and the same message, with their address
    sent = reverse("account_email_verification_sent")
    assert answers == [
        (sent, ["Confirmation email sent to maria.lopez@example.org."]),
        (sent, ["Confirmation email sent to lena@example.org."]),
        (sent, ["Confirmation email sent to maria.lopez@example.org."]),
    ]
