"""Open Badges 3.0: every issued award is a signed credential anyone can check."""

import base64
import datetime as dt
import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from certificates.models import IssuerKey
from certificates.openbadges.baking import badge_credential, badge_svg
from certificates.openbadges.credential import identity_hash
from certificates.openbadges.signing import (
    CredentialInvalid,
    credential_sign,
    credential_verify,
    key_generate,
)
from certificates.selectors.openbadges import issuer_jwks
from certificates.services import award_request, award_revoke
from certificates.services.issuance import award_issue
from certificates.services.openbadges import award_badge_export
from core import clock
from tests.factories import LearnerFactory, PortalAdminFactory

pytestmark = pytest.mark.django_db

STANDARDS = Path(settings.BASE_DIR).parent / "shared" / "standards" / "openbadges-3.0"


@pytest.fixture(scope="module")
def schema_validator():
    schema = json.loads((STANDARDS / "achievementcredential.schema.json").read_text())
    return jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )


@pytest.fixture
def learner():
    return LearnerFactory(legal_name="Lucía Learner-Ortega", email="Lucia@Example.org")


def export_url(award, fmt):
    return reverse("certificates:export", args=[award.uuid, fmt])


def test_the_credential_meets_the_open_badges_schema(issued, schema_validator, today):
    credential = award_badge_export(award=issued).credential

    errors = [e.message for e in schema_validator.iter_errors(credential)]

    assert errors == []
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["name"] == "Certificate in Media and Technology for Education"
    awarded = dt.datetime.fromisoformat(credential["awardedDate"])
    assert awarded == dt.datetime.combine(
        today, dt.time(), tzinfo=timezone.get_current_timezone()
    )
    assert awarded.utcoffset() == timezone.localtime().utcoffset()
    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusListIndex"] == str(issued.status_entry.index)


def test_a_credential_missing_its_issuer_fails_the_schema(issued, schema_validator):
    credential = award_badge_export(award=issued).credential
    del credential["issuer"]

    assert not schema_validator.is_valid(credential)


def test_the_learner_is_named_by_a_salted_hash_of_their_email(issued):
    credential = award_badge_export(award=issued).credential

    identity = credential["credentialSubject"]["identifier"][0]
    assert identity["identityHash"] == identity_hash(
        "lucia@example.org", identity["salt"]
    )
    assert "lucia@example.org" not in json.dumps(credential).lower()


def test_the_signed_credential_verifies_with_the_issuers_published_key(issued):
    export = award_badge_export(award=issued)
    provider = issued.program.provider

    assert credential_verify(export.token, keys=issuer_jwks(provider=provider)) == (
        export.credential
    )


def _tamper(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["name"] = "Doctor of Everything"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
    return f"{header}.{forged.decode()}.{signature}"


def test_a_tampered_credential_fails_verification(issued):
    export = award_badge_export(award=issued)
    keys = issuer_jwks(provider=issued.program.provider)

    with pytest.raises(CredentialInvalid):
        credential_verify(_tamper(export.token), keys=keys)


def test_a_credential_signed_by_another_key_under_the_same_kid_fails(issued):
    export = award_badge_export(award=issued)
    kid = IssuerKey.objects.get().kid
    forger_pem, _ = key_generate()
    forged = credential_sign(export.credential, private_pem=forger_pem, kid=kid)

    with pytest.raises(CredentialInvalid):
        credential_verify(forged, keys=issuer_jwks(provider=issued.program.provider))


def test_one_key_per_issuer_is_made_once_and_reused(issued, catalog):
    first = award_badge_export(award=issued)
    second = award_badge_export(award=issued)

    assert IssuerKey.objects.count() == 1
    assert first.token == second.token


def test_the_badge_image_carries_the_signed_credential():
    svg = badge_svg(title="ISTE <Certified> Educator", issuer="ISTE", token="a.b.c")

    assert badge_credential(svg) == "a.b.c"
    assert "ISTE &lt;Certified&gt; Educator" in svg
    assert badge_credential("<svg></svg>") is None


def test_the_learner_downloads_json_jwt_and_badge(client, issued, learner):
    client.force_login(learner)

    credential = json.loads(client.get(export_url(issued, "json")).content)
    token = client.get(export_url(issued, "jwt")).content.decode()
    svg = client.get(export_url(issued, "svg"))

    assert credential["id"] == f"urn:uuid:{issued.uuid}"
    assert (
        credential_verify(token, keys=issuer_jwks(provider=issued.program.provider))
        == credential
    )
    assert svg["Content-Type"] == "image/svg+xml"
    assert badge_credential(svg.content.decode()) == token


def test_another_learner_gets_404_for_the_exports_and_page(client, issued):
    client.force_login(LearnerFactory())

    assert client.get(export_url(issued, "json")).status_code == 404
    award_page = reverse("certificates:award", args=[issued.uuid])
    assert client.get(award_page).status_code == 404


def test_an_unknown_export_format_is_404(client, issued, learner):
    client.force_login(learner)

    assert client.get(f"/certificates/{issued.uuid}/badge.xml").status_code == 404


def test_the_issuer_publishes_its_profile_and_keys(client, issued):
    award_badge_export(award=issued)
    slug = issued.program.provider.slug

    profile = client.get(reverse("certificates:issuer", args=[slug])).json()
    keys = client.get(reverse("certificates:issuer_jwks", args=[slug])).json()

    assert profile["id"].endswith(f"/issuers/{slug}/")
    assert profile["type"] == ["Profile"]
    assert [key["kid"] for key in keys["keys"]] == [IssuerKey.objects.get().kid]
    assert "d" not in keys["keys"][0]  # the private part is never published


def test_verify_serves_the_credential_to_a_json_client(client, issued):
    url = reverse("certificates:verify", args=[issued.verification_code])

    document = client.get(url, HTTP_ACCEPT="application/ld+json").json()

    assert document["id"] == f"urn:uuid:{issued.uuid}"
    assert document["credentialStatus"]["status"] == "active"
    assert client.get(url).templates  # a browser still gets the page


def test_revocation_shows_in_the_credential_status(client, issued):
    award_revoke(award=issued, reason="Issued in error", actor=PortalAdminFactory())
    url = reverse("certificates:verify", args=[issued.verification_code])

    status = client.get(url, HTTP_ACCEPT="application/json").json()["credentialStatus"]

    assert status["status"] == "revoked"
    assert status["revocationReason"] == "Issued in error"


def test_a_revoked_award_cannot_be_exported(client, issued, learner):
    award_revoke(award=issued, reason="Issued in error", actor=PortalAdminFactory())
    client.force_login(learner)

    assert client.get(export_url(issued, "json")).status_code == 404


def test_an_unknown_code_is_404_json(client, catalog):
    url = reverse("certificates:verify", args=["AAAA-BBBB-CCCC-DDDD"])

    response = client.get(url, HTTP_ACCEPT="application/json")

    assert response.status_code == 404


def test_the_linkedin_link_carries_name_organisation_date_id_and_url(
    client, issued, learner, today
):
    client.force_login(learner)
    page = client.get(reverse("certificates:award", args=[issued.uuid]))

    link = next(
        href
        for href in page.context["linkedin_url"].split()
        if href.startswith("https://www.linkedin.com/profile/add?")
    )
    query = parse_qs(urlparse(link).query)
    assert query == {
        "startTask": ["CERTIFICATION_NAME"],
        "name": ["Certificate in Media and Technology for Education"],
        "organizationName": [issued.snapshot["issuer"]],
        "issueYear": [str(today.year)],
        "issueMonth": [str(today.month)],
        "certId": [issued.verification_code],
        "certUrl": [issued.verification_url],
    }
    assert link.replace("&", "&amp;") in page.content.decode()


def test_evidence_is_listed_only_when_the_learner_allows_it(client, issued, learner):
    client.force_login(learner)
    evidence_url = reverse("certificates:evidence", args=[issued.uuid])

    before = award_badge_export(award=issued).credential
    client.post(evidence_url, {"share": "1"})
    issued.refresh_from_db()

    assert "evidence" not in before
    assert issued.share_evidence is True
    client.post(evidence_url, {"share": "0"})
    issued.refresh_from_db()
    assert issued.share_evidence is False


def test_shared_evidence_lists_links_reviewed_met_and_nothing_else(
    catalog, learner, now
):
    from programs.models import Unit
    from reviews.models import Artifact, Review, Submission, SubmissionVersion
    from tests.factories import EnrollmentFactory

    unit = Unit.objects.get(slug="sotl")
    enrollment = EnrollmentFactory(
        learner=learner,
        offering=unit.offerings.order_by("start_date").first(),
    )
    reviewer = PortalAdminFactory()
    for number, (decision, link) in enumerate(
        [
            ("not_met", "https://example.org/draft"),
            ("met", "https://example.org/final"),
        ],
        start=1,
    ):
        version = SubmissionVersion.objects.create(
            submission=Submission.objects.get_or_create(
                enrollment=enrollment,
                requirement=unit.requirements.first(),
                offering=enrollment.offering,
            )[0],
            number=number,
            status=SubmissionVersion.Status.SUBMITTED,
            submitted_at=now - dt.timedelta(days=21),
        )
        Artifact.objects.create(version=version, title="Slides", link=link)
        Review.objects.create(
            version=version, reviewer=reviewer, decision=decision, feedback="Noted."
        )
    award, _ = award_request(learner=learner, unit=unit, earned_on=clock.today())
    award = award_issue(award_id=award.pk)
    award.share_evidence = True

    evidence = award_badge_export(award=award).credential["evidence"]

    assert [item["id"] for item in evidence] == ["https://example.org/final"]


def test_only_the_learner_chooses_to_share_evidence(client, issued, learner):
    client.force_login(PortalAdminFactory())
    evidence_url = reverse("certificates:evidence", args=[issued.uuid])

    page = client.get(reverse("certificates:award", args=[issued.uuid]))
    response = client.post(evidence_url, {"share": "1"})
    issued.refresh_from_db()

    assert page.status_code == 200  # an admin reads the award's page
    assert response.status_code == 404
    assert issued.share_evidence is False
