"""Revocation any verifier can check without asking the portal (issue 19, part 3):
each provider's W3C Bitstring Status List, signed as a VC-JWT, and each Open
Badges credential's bit in it."""

import base64
import json
from importlib import import_module
from urllib.parse import urlparse

import jwt
import pytest
from django.db import IntegrityError
from django.urls import reverse

from certificates.models import StatusList, StatusListEntry
from certificates.openbadges.signing import (
    CredentialInvalid,
    credential_sign,
    credential_verify,
    key_generate,
)
from certificates.openbadges.status_list import (
    LIST_SIZE,
    bit_at,
    decoded_list,
    encoded_list,
)
from certificates.selectors.openbadges import issuer_jwks
from certificates.services import award_reissue, award_request, award_revoke
from certificates.services.issuance import award_issue
from certificates.services.openbadges import award_badge_export
from certificates.services.status_lists import (
    status_entries_backfill,
    status_list_publish,
)
from programs.models import Unit
from tests.factories import LearnerFactory, PortalAdminFactory

pytestmark = pytest.mark.django_db

VC_JWT = "application/vc+jwt"


@pytest.fixture
def workshop(catalog, today):
    """Another HGSE award (a CMTE workshop), of another learner, issued."""
    award, _ = award_request(
        learner=LearnerFactory(), unit=Unit.objects.get(slug="sotl"), earned_on=today
    )
    return award_issue(award_id=award.pk)


def status_of(award) -> dict:
    return award_badge_export(award=award).credential["credentialStatus"]


def published(client, award) -> tuple[dict, bytes]:
    """What a verifier does: fetch the list the credential names, check its
    signature with the issuer's published keys, decode its bitstring."""
    url = status_of(award)["statusListCredential"]
    response = client.get(urlparse(url).path)
    assert response.status_code == 200
    assert response["Content-Type"] == VC_JWT
    provider = StatusList.objects.get(entries__award=award).provider
    credential = credential_verify(
        response.content.decode(), keys=issuer_jwks(provider=provider)
    )
    return credential, decoded_list(credential["credentialSubject"]["encodedList"])


def test_the_credential_names_its_bit_in_its_issuers_list(issued):
    status = status_of(issued)

    entry = issued.status_entry
    url = status["statusListCredential"]
    assert status == {
        "id": f"{url}#{entry.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(entry.index),
        "statusListCredential": url,
    }
    assert urlparse(url).path == "/credentials/status/hgse/revocation/1"


def test_the_list_reads_the_bit_of_a_revoked_and_of_a_valid_award(
    client, issued, workshop, django_capture_on_commit_callbacks
):
    # given two issued HGSE awards, one revoked (the worker re-signs on commit)
    with django_capture_on_commit_callbacks(execute=True):
        award_revoke(award=issued, reason="Issued in error", actor=PortalAdminFactory())

    # when a verifier fetches, checks and decodes the list
    credential, bits = published(client, workshop)

    # then the revoked award's bit is 1, the valid one's 0
    assert credential["type"] == [
        "VerifiableCredential",
        "BitstringStatusListCredential",
    ]
    subject = credential["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    assert subject["encodedList"].startswith("u")
    assert bit_at(bits, issued.status_entry.index) == 1
    assert bit_at(bits, workshop.status_entry.index) == 0
    assert sum(bin(byte).count("1") for byte in bits) == 1


def test_the_list_holds_at_least_131072_entries(client, issued):
    _, bits = published(client, issued)

    assert len(bits) * 8 == LIST_SIZE >= 131_072


def test_a_list_signed_by_another_key_fails_verification(client, issued):
    url = status_of(issued)["statusListCredential"]
    genuine = client.get(urlparse(url).path).content.decode()
    claims = credential_verify(genuine, keys=issuer_jwks(provider=_provider(issued)))
    kid = jwt.get_unverified_header(genuine)["kid"]
    forged = credential_sign(claims, private_pem=key_generate()[0], kid=kid)

    with pytest.raises(CredentialInvalid):
        credential_verify(forged, keys=issuer_jwks(provider=_provider(issued)))


def _provider(award):
    return award.status_entry.status_list.provider


def test_a_superseded_award_has_its_bit_set_and_its_reissue_a_new_one(
    client, issued, django_capture_on_commit_callbacks
):
    # given an issued award re-issued (a corrected name), the new one issued
    with django_capture_on_commit_callbacks(execute=True):
        new = award_reissue(award=issued, actor=PortalAdminFactory())
    new.refresh_from_db()

    # then the old credential is no longer to be accepted, the new one is
    _, bits = published(client, new)
    assert new.status_entry.index != issued.status_entry.index
    assert bit_at(bits, issued.status_entry.index) == 1
    assert bit_at(bits, new.status_entry.index) == 0


def test_indexes_are_given_in_order_and_never_reused(catalog, today):
    # given awards issued, one revoked, one re-issued, one entry lost and given again
    admin = PortalAdminFactory()
    awards = []
    for _ in range(4):
        award, _ = award_request(
            learner=LearnerFactory(),
            unit=Unit.objects.get(slug="sotl"),
            earned_on=today,
        )
        awards.append(award_issue(award_id=award.pk))
    award_revoke(award=awards[0], reason="Issued in error", actor=admin)
    award_issue(award_id=award_reissue(award=awards[1], actor=admin).pk)
    StatusListEntry.objects.filter(award=awards[2]).delete()
    assert status_entries_backfill() == 1

    # then every award holds its own index, none given twice, the counter past all
    indexes = list(StatusListEntry.objects.values_list("index", flat=True))
    assert sorted(indexes) == [0, 1, 3, 4, 5]
    assert StatusList.objects.get().next_index == 6


def test_the_database_refuses_an_index_given_twice(issued, workshop):
    entry = issued.status_entry

    with pytest.raises(IntegrityError):
        StatusListEntry.objects.filter(award=workshop).update(index=entry.index)


def test_the_list_is_cacheable_and_answers_304_until_it_changes(
    client, issued, workshop, django_capture_on_commit_callbacks
):
    path = urlparse(status_of(issued)["statusListCredential"]).path
    first = client.get(path)
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=300"

    unchanged = client.get(path, HTTP_IF_NONE_MATCH=etag)
    weak = client.get(path, HTTP_IF_NONE_MATCH=f"W/{etag}")
    assert (unchanged.status_code, weak.status_code) == (304, 304)
    assert unchanged.content == b""

    with django_capture_on_commit_callbacks(execute=True):
        award_revoke(
            award=workshop, reason="Issued in error", actor=PortalAdminFactory()
        )
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_revocation_marks_the_list_and_a_second_signing_changes_nothing(
    issued, django_capture_on_commit_callbacks
):
    status_list = issued.status_entry.status_list
    status_list_publish(status_list_id=status_list.pk)

    # when the award is revoked, the task not yet run
    with django_capture_on_commit_callbacks(execute=False) as sent:
        award_revoke(award=issued, reason="Issued in error", actor=PortalAdminFactory())
    status_list.refresh_from_db()
    assert status_list.needs_signing
    assert len(sent) == 1

    # then the worker signs it once; a redelivered task returns it as it is
    signed = status_list_publish(status_list_id=status_list.pk)
    again = status_list_publish(status_list_id=status_list.pk)
    assert not signed.needs_signing
    assert (again.token, again.signed_at) == (signed.token, signed.signed_at)
    bits = decoded_list(
        json.loads(_payload(signed.token))["credentialSubject"]["encodedList"]
    )
    assert bit_at(bits, issued.status_entry.index) == 1


def _payload(token: str) -> str:
    body = token.split(".")[1]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()


def test_an_unknown_list_is_404(client, issued):
    path = reverse("certificates:status_list", args=["hgse", 2])

    assert client.get(path).status_code == 404


def test_the_verification_url_serves_the_signed_credential_to_a_vc_jwt_client(
    client, issued
):
    url = reverse("certificates:verify", args=[issued.verification_code])

    response = client.get(url, HTTP_ACCEPT=VC_JWT)

    assert response.status_code == 200
    assert response["Content-Type"] == VC_JWT
    assert "Accept" in response["Vary"]
    credential = credential_verify(
        response.content.decode(), keys=issuer_jwks(provider=_provider(issued))
    )
    assert credential["id"] == f"urn:uuid:{issued.uuid}"
    assert credential["credentialStatus"]["type"] == "BitstringStatusListEntry"


def test_a_revoked_award_has_no_signed_credential_to_serve(client, issued):
    award_revoke(award=issued, reason="Issued in error", actor=PortalAdminFactory())
    url = reverse("certificates:verify", args=[issued.verification_code])

    assert client.get(url, HTTP_ACCEPT=VC_JWT).status_code == 404


@pytest.mark.parametrize("index", [0, 7, 8, LIST_SIZE - 1])
def test_index_zero_is_the_left_most_bit(index):
    bits = decoded_list(encoded_list({index}))

    assert bit_at(bits, index) == 1
    assert bits[index // 8] == 0x80 >> (index % 8)


def test_an_index_outside_the_list_is_refused():
    with pytest.raises(ValueError, match="outside a list"):
        encoded_list({LIST_SIZE})


def test_the_admin_shows_the_lists_and_edits_nothing(superuser_client, issued):
    page = superuser_client.get(reverse("admin:certificates_statuslist_changelist"))

    assert page.status_code == 200
    assert [str(row) for row in page.context["cl"].result_list] == [
        "HGSE revocation list 1"
    ]
    add = superuser_client.get(reverse("admin:certificates_statuslist_add"))
    assert add.status_code == 403


def test_the_migration_gives_awards_issued_before_the_lists_their_bits(
    issued, workshop
):
    # given two awards issued before the lists existed (no entry, no list)
    from django.apps import apps

    migration = import_module(
        "certificates.migrations.0013_status_list_entries_for_issued_awards"
    )
    StatusListEntry.objects.all().delete()
    StatusList.objects.all().delete()

    # when the data migration runs
    migration.entries_give(apps, None)

    # then each has its bit, oldest first, in a list to be signed
    issued.refresh_from_db()
    workshop.refresh_from_db()
    assert (issued.status_entry.index, workshop.status_entry.index) == (0, 1)
    status_list = StatusList.objects.get()
    assert (status_list.number, status_list.next_index) == (1, 2)
    assert status_list.needs_signing
