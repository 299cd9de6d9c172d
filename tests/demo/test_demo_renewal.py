"""load_demo shows a renewed credential, honestly dated (issue 19)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from certificates.models import Award
from core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(today):
    call_command("load_demo", stdout=None)
    return today


def test_learner3s_cael_certificate_was_renewed_inside_its_window(loaded):
    cael = Award.objects.filter(
        learner__email="learner3@demo.test", program__slug="cael"
    )
    old = cael.get(status=Award.Status.SUPERSEDED)
    new = cael.get(status=Award.Status.ISSUED)
    loyola = Award.objects.get(
        learner__email="learner3@demo.test",
        unit__slug="loyola-full-technology-integration",
    )

    assert new.replaces == old
    assert new.first_earned_on == old.earned_on
    # Renewed by the Loyola micro-credential's CPD credit, on the day it was earned,
    # after the window opened (120 days before expiry) and before the expiry.
    assert new.earned_on == loyola.earned_on <= loaded
    assert 727 <= (old.expires_on - old.earned_on).days <= 730  # 24 months
    assert clock.local_day(old.issued_at) == old.earned_on
    assert 0 < (old.expires_on - new.earned_on).days <= 120
    assert new.expires_on > loaded
    assert list(old.events.values_list("kind", flat=True)) == [
        "requested",
        "issued",
        "renewed",
    ]


def test_the_old_code_says_renewed_and_links_the_current_one(client, loaded):
    old = Award.objects.get(
        learner__email="learner3@demo.test",
        program__slug="cael",
        status=Award.Status.SUPERSEDED,
    )

    page = client.get(old.get_absolute_url()).content.decode()

    assert "Renewed" in page
    assert old.replaced_by.get_absolute_url() in page


def test_learner3_sees_what_the_next_renewal_needs(client, loaded):
    client.force_login(
        Award.objects.get(
            learner__email="learner3@demo.test", program__slug="cael", replaces=None
        ).learner
    )

    page = client.get(reverse("dashboard:dashboard")).content.decode()

    assert "Renewing your credentials" in page
    assert "0 of 1 CPD credits since" in page
