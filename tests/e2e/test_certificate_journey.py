"""A learner's final CMTE workshop, then the certificate and its public page.

Two earlier workshops were imported as past completions; submitting the final
product of the third earns the Certificate, rendered in-process (no broker: the
embedded default) and downloadable at once.
"""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.services import award_revoke
from tests.certificates import journeys
from tests.e2e.session import log_in
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_final_workshop_to_certificate_download_and_verification_page(
    live_server, award_catalog, page, assert_accessible
):
    # given a learner with two earlier workshops and the third under way
    learner = LearnerFactory(legal_name="Lucía Learner-Ortega")
    journeys.record_past_completion(learner, "sotl")
    journeys.record_past_completion(learner, "otla")
    enrollment = journeys.enroll(learner, "the-online-classroom")
    final = journeys.requirement(enrollment, "Final product")
    log_in(page, live_server, learner)

    # when they submit the final product of the third workshop
    page.goto(f"{live_server.url}/enrollments/{enrollment.pk}/requirements/{final.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Final product")
    assert_accessible("final product")
    page.get_by_label("Your text").fill("My redesigned unit and what I learned.")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("ubmitted")
    assert_accessible("final product submitted")

    # then their certificates page offers the CMTE certificate
    page.get_by_role("link", name="Certificates", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your certificates")
    card = page.locator(".award-card").filter(
        has_text="Certificate in Media and Technology for Education"
    )
    expect(card.get_by_text("Issued")).to_be_visible()
    assert_accessible("certificates")
    with page.expect_download() as download_info:
        card.get_by_role("link", name=re.compile("^Download Certificate of")).click()
    pdf = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
    text = pdf.pages[0].extract_text()
    assert "Lucía Learner-Ortega" in text
    assert "Certificate in Media and Technology for Education" in text

    # and its public verification page says valid
    card.get_by_role("link", name=re.compile("^Verification page")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify a credential")
    expect(page.locator(".verify-status")).to_have_text("Valid")
    expect(page.locator(".verify-facts")).to_contain_text("Lucía Learner-Ortega")
    assert_accessible("verification page")
    code = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert code in text

    # and both pages read on a phone-sized screen
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your certificates")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_visitor_sees_a_revoked_award_and_an_unknown_code(
    live_server, award_catalog, page, assert_accessible
):
    # given an issued CMTE certificate that an admin then revoked
    learner = LearnerFactory(legal_name="Lucía Learner-Ortega")
    for slug in journeys.CMTE_WORKSHOPS:
        journeys.record_past_completion(learner, slug)
    award = journeys.award_of(learner, program="cmte")
    award_revoke(award=award, reason="Completion recorded in error.", actor=None)

    # when a visitor opens its verification page, it says revoked and why
    page.goto(live_server.url + award.get_absolute_url())
    expect(page.locator(".verify-status")).to_have_text("Revoked")
    expect(page.get_by_text("Reason: Completion recorded in error.")).to_be_visible()
    assert_accessible("revoked award")

    # and a forged code is unknown
    page.goto(f"{live_server.url}/verify/AAAA-BBBB-CCCC-DDDD/")
    expect(page.locator(".verify-status")).to_have_text("Unknown code")
    assert_accessible("unknown code")
