"""The admin configures what a state's renewal needs: each constraint answers
with a form error, nothing saved."""

import pytest
from django.urls import reverse

from ledger.models import StateCertificateType
from tests.factories import PortalAdminFactory

pytestmark = pytest.mark.django_db

VALID = {
    "state": "MD",
    "name": "Professional Certificate",
    "credits_needed": "6",
    "window_years": "5",
    "cpd_credits_per_credit": "1",
    "clock_hours_per_credit": "15",
    "ceus_per_credit": "",
    "note": "",
}


@pytest.fixture
def admin_client(client):
    client.force_login(PortalAdminFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"state": "Md"}, "The state is a two-letter code, e.g. MD."),
        ({"credits_needed": "0"}, "A renewal needs more than 0 credits."),
        ({"window_years": "11"}, "The window is 1 to 10 years."),
        (
            {"cpd_credits_per_credit": "", "clock_hours_per_credit": ""},
            "Say how at least one unit (CPD credits, clock hours or CEUs) counts.",
        ),
        (
            {"ceus_per_credit": "0"},
            "A unit that counts needs more than 0 of it per credit.",
        ),
    ],
)
def test_a_broken_renewal_rule_is_a_form_error(admin_client, changes, message):
    response = admin_client.post(
        reverse("admin:ledger_statecertificatetype_add"), {**VALID, **changes}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StateCertificateType.objects.exists()


def test_the_same_state_certificate_twice_is_a_form_error(admin_client):
    admin_client.post(reverse("admin:ledger_statecertificatetype_add"), VALID)

    response = admin_client.post(
        reverse("admin:ledger_statecertificatetype_add"), VALID
    )

    assert "This state already has this certificate." in response.content.decode()
    assert StateCertificateType.objects.count() == 1
