"""The links an award carries in the API open what the portal serves."""

from urllib.parse import urlsplit

import pytest

from certificates.services import award_request
from certificates.services.issuance import award_issue
from programs.models import CredentialProgram

pytestmark = pytest.mark.django_db


def test_an_issued_awards_links_open_its_pdf_badge_and_verification(
    award_catalog, api_client, learner, today
):
    # given an award issued as the worker issues it (rendered PDFs)
    award, _ = award_request(
        learner=learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=today,
    )
    award = award_issue(award_id=award.pk)
    api_client.force_login(learner)

    # when
    item = api_client.get(f"/api/v1/me/awards/{award.uuid}/").json()

    # then
    assert item["status"] == "issued"
    assert item["credential"]["slug"] == "cmte"
    assert item["issuer"]["name"] == award.snapshot["issuer"]
    kinds = [document["kind"] for document in item["documents"]]
    assert kinds == list(award.documents.order_by("id").values_list("kind", flat=True))
    pdf = api_client.get(item["documents"][0]["url"])
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    badge = api_client.get(item["open_badge_url"])
    assert badge.status_code == 200
    assert badge.json()["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    page = api_client.get(item["page_url"])
    assert page.status_code == 200
    verification = api_client.get(
        urlsplit(item["verification_url"]).path, HTTP_ACCEPT="application/json"
    )
    assert verification.status_code == 200
    assert verification.json()["credentialStatus"]["status"] == "active"
