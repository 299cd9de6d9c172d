"""A learner keeps a credential in their wallet, downloads its Open Badges JSON,
checks the LinkedIn link, then prints and shares their transcript."""

import io
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.certificates import journeys
from tests.e2e.session import log_in
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db(transaction=True)

CMTE = "Certificate in Media and Technology for Education"


def test_wallet_json_linkedin_transcript_pdf_and_public_link(
    live_server, award_catalog, page, assert_accessible
):
    # given a learner whose three earlier CMTE workshops were imported: the CMTE
    # Certificate is issued in-process (no broker)
    learner = LearnerFactory(legal_name="Lucía Learner-Ortega")
    for slug in journeys.CMTE_WORKSHOPS:
        journeys.record_past_completion(learner, slug)
    award = journeys.award_of(learner, program="cmte")
    log_in(page, live_server, learner)

    # when they add it to the wallet from their dashboard
    page.goto(f"{live_server.url}/dashboard/")
    wallet = page.locator(".wallet")
    expect(wallet).to_contain_text("Your wallet is empty.")
    assert_accessible("dashboard, empty wallet")
    page.get_by_role("button", name=re.compile(f"^Add to wallet.*{CMTE}")).click()

    # then the wallet holds it, with its portable downloads
    expect(page.locator(".messages")).to_contain_text(f"{CMTE} is in your wallet.")
    card = wallet.locator(".wallet-card").filter(has_text=CMTE)
    expect(card).to_be_visible()
    expect(page.locator(".award-card").filter(has_text=CMTE)).to_contain_text(
        "In your wallet"
    )
    assert_accessible("dashboard, wallet")
    with page.expect_download() as download_info:
        card.get_by_role("link", name=re.compile("^Credential \\(JSON-LD\\)")).click()
    credential = json.loads(download_info.value.path().read_text())
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == f"urn:uuid:{award.uuid}"
    assert credential["name"] == CMTE
    assert credential["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert download_info.value.suggested_filename.endswith("credential.json")

    # and its LinkedIn link carries the credential's fields
    link = card.get_by_role("link", name=re.compile("^Add to LinkedIn profile"))
    query = parse_qs(urlparse(link.get_attribute("href")).query)
    earned = award.earned_on
    assert {key: values[0] for key, values in query.items()} == {
        "startTask": "CERTIFICATION_NAME",
        "name": CMTE,
        "organizationName": award.snapshot["issuer"],
        "issueYear": str(earned.year),
        "issueMonth": str(earned.month),
        "certId": award.verification_code,
        "certUrl": award.verification_url,
    }

    # when they open their transcript and ask for its PDF
    page.get_by_role("link", name="Transcript", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your transcript")
    expect(page.locator(".transcript-table")).to_contain_text(CMTE)
    assert_accessible("transcript")
    page.get_by_role("button", name="Prepare your transcript PDF").click()
    # (no broker: the task ran in-process as the request committed)
    expect(page.locator(".messages")).to_have_text(
        "Your transcript PDF is ready to download."
    )
    download_link = page.get_by_role(
        "link", name=re.compile("^Download your transcript")
    )
    expect(download_link).to_be_visible()
    with page.expect_download() as download_info:
        download_link.click()
    pdf = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
    text = " ".join(pdf.pages[0].extract_text().split())
    assert "Lucía Learner-Ortega" in text
    assert CMTE in text
    assert award.verification_code in text

    # and share it: a visitor sees the credential, until the link is revoked
    page.get_by_role("button", name="Create a public link").click()
    expect(page.locator(".messages")).to_contain_text("Your public link is ready")
    # (the link is written with SITE_URL; the test server has its own port)
    link_path = urlparse(page.get_by_label("Your link").input_value()).path
    shared_url = live_server.url + link_path
    assert_accessible("transcript, link active")
    visitor = page.context.browser.new_context().new_page()
    visitor.goto(shared_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Transcript of Lucía Learner-Ortega"
    )
    expect(
        visitor.get_by_role("link", name=re.compile(f"^Verify.*{CMTE}"))
    ).to_have_attribute("href", award.verification_url)
    page.goto(shared_url)
    assert_accessible("shared transcript")
    page.go_back()
    page.get_by_role("button", name="Revoke this link").click()
    expect(page.locator(".messages")).to_contain_text("The link is revoked")
    expect(page.get_by_text(re.compile("^Created .*, revoked "))).to_be_visible()
    assert_accessible("transcript, link revoked")
    response = visitor.goto(shared_url)
    assert response is not None
    assert response.status == 404
    expect(visitor.locator("body")).not_to_contain_text("Lucía")

    # and the transcript reads on a phone-sized screen
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
