"""The real worker re-signs a provider's revocation list after a revocation
(skipped only when Redis is down)."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction

from certificates.models import Award, StatusList
from certificates.openbadges.signing import credential_verify
from certificates.openbadges.status_list import bit_at, decoded_list
from certificates.selectors.openbadges import issuer_jwks
from certificates.services import award_request, award_revoke
from programs.models import CredentialProgram
from tests.factories import PortalAdminFactory

from .worker import REDIS_URL, redis_reachable, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(),
        reason=f"Redis is unreachable at {REDIS_URL}: the real-worker tests need it",
    ),
]


def bit_of(award: Award) -> int | None:
    """The award's bit in the list as last signed (None: not signed since)."""
    status_list = StatusList.objects.get(entries__award=award)
    if status_list.needs_signing or not status_list.token:
        return None
    # Read a second after the signing: the worker's clock, started after this
    # test's moment, is ahead of it, and a token is not valid before its nbf.
    with time_machine.travel(status_list.signed_at + dt.timedelta(seconds=1)):
        credential = credential_verify(
            status_list.token, keys=issuer_jwks(provider=status_list.provider)
        )
    bits = decoded_list(credential["credentialSubject"]["encodedList"])
    return bit_at(bits, award.status_entry.index)


def test_the_worker_signs_the_list_and_re_signs_it_after_a_revocation(
    catalog, on_the_worker, learner, today
):
    # given an award the worker issued: its bit is given and the new list signed
    with transaction.atomic():
        award, _ = award_request(
            learner=learner,
            program=CredentialProgram.objects.get(slug="cmte"),
            earned_on=today,
        )

    def issued_and_signed():
        award.refresh_from_db()
        return award.status == Award.Status.ISSUED and bit_of(award) == 0

    wait_for(on_the_worker, issued_and_signed)

    # when an admin revokes it
    with transaction.atomic():
        award_revoke(award=award, reason="Issued in error", actor=PortalAdminFactory())

    # then the worker re-signs the list with its bit set
    wait_for(on_the_worker, lambda: bit_of(award) == 1)
