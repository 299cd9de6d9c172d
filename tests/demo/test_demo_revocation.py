"""The demo's corrected re-issue: learner3's first workshop certificate, issued
under the name her profile then read, is superseded by a re-issue a week later,
and HGSE's published revocation list says so (issue 19, part 3)."""

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from certificates.models import Award, AwardEvent
from certificates.openbadges.signing import credential_verify
from certificates.openbadges.status_list import bit_at, decoded_list
from certificates.selectors.openbadges import issuer_jwks
from certificates.services.openbadges import award_badge_export
from core import clock

pytestmark = pytest.mark.django_db


def reissued() -> Award:
    """The award the admin's re-issue superseded (not CAEL's, which a renewal did)."""
    return Award.objects.get(
        status=Award.Status.SUPERSEDED, events__kind=AwardEvent.Kind.SUPERSEDED
    )


@pytest.fixture
def loaded(today):
    call_command("load_demo", stdout=None)
    return today


def test_the_reissue_replaces_the_misnamed_certificate_a_week_later(loaded):
    old = reissued()
    new = old.replaced_by

    assert old.snapshot["name"] == "Lucia Learner Ortega"
    assert new.snapshot["name"] == old.learner.display_name == "Lucía Learner-Ortega"
    assert new.status == Award.Status.ISSUED
    assert new.earned_on == old.earned_on
    assert new.issued_at == old.issued_at + dt.timedelta(days=7)
    assert clock.local_day(new.issued_at) <= loaded


def test_the_published_list_revokes_the_old_credential_not_the_new(client, loaded):
    old = reissued()
    new = old.replaced_by
    status = award_badge_export(award=new).credential["credentialStatus"]

    response = client.get(urlparse(status["statusListCredential"]).path)

    provider = new.status_entry.status_list.provider
    credential = credential_verify(
        response.content.decode(), keys=issuer_jwks(provider=provider)
    )
    bits = decoded_list(credential["credentialSubject"]["encodedList"])
    assert old.status_entry.status_list == new.status_entry.status_list
    assert bit_at(bits, old.status_entry.index) == 1
    assert bit_at(bits, new.status_entry.index) == 0
    assert new.status_entry.status_list.needs_signing is False
