"""The learner edits their own profile at /accounts/profile/."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/profile/"


def test_profile_is_at_its_documented_address():
    assert reverse("profile") == URL


def test_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_learner_corrects_their_legal_name(client):
    learner = LearnerFactory(legal_name="Lena Lerner")
    client.force_login(learner)
    assert 'value="Lena Lerner"' in client.get(URL).content.decode()
    response = client.post(
        URL,
        {
            "legal_name": "Lena Learner",
            "organisation": "Lincoln Elementary",
            "professional_role": "teacher",
        },
        follow=True,
    )
    assert "Your profile is saved." in response.content.decode()
    learner.refresh_from_db()
    assert (learner.legal_name, learner.organisation, learner.professional_role) == (
        "Lena Learner",
        "Lincoln Elementary",
        "teacher",
    )
    assert learner.maryland_certified is False


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"legal_name": ""}, {"legal_name": ["This field is required."]}),
        (
            {"legal_name": "Lena", "professional_role": "astronaut"},
            {
                "professional_role": [
                    "Select a valid choice. astronaut is not one of the available "
                    "choices."
                ]
            },
        ),
    ],
)
def test_bad_input_shows_errors_and_changes_nothing(client, data, errors):
    learner = LearnerFactory(legal_name="Lena Lerner")
    client.force_login(learner)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    learner.refresh_from_db()
    assert learner.legal_name == "Lena Lerner"


def test_a_legal_name_change_is_audited_with_who_and_the_old_name(client):
    learner = LearnerFactory(legal_name="Lena Lerner")
    client.force_login(learner)

    client.post(URL, {"legal_name": "Lena Learner", "professional_role": "teacher"})
    client.post(URL, {"legal_name": "Lena Learner", "organisation": "Lincoln"})

    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.learner, event.target_id) == (
        AuditEvent.Action.LEGAL_NAME_CHANGED,
        learner,
        learner,
        learner.pk,
    )
    assert (event.before, event.after) == (
        {"legal_name": "Lena Lerner"},
        {"legal_name": "Lena Learner"},
    )


def test_an_admin_changing_a_legal_name_is_audited_as_the_admin(admin_client):
    learner = LearnerFactory(legal_name="Lena Lerner")
    url = reverse("admin:accounts_user_change", args=[learner.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"groups", "user_permissions"}
    }
    data.update(legal_name="Lena Learner", date_joined_0="2026-11-01")
    data.update(date_joined_1="10:00:00", last_login_0="", last_login_1="")

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action=AuditEvent.Action.LEGAL_NAME_CHANGED)
    assert event.actor.is_superuser
    assert event.after == {"legal_name": "Lena Learner"}
