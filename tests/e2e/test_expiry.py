"""A learner sees which credentials expire soon and which have expired, and the
public verification page says "Expired" in its own colour, accessibly."""

import datetime as dt
import re

import pytest
from dateutil.relativedelta import relativedelta
from playwright.sync_api import expect

from certificates.services import award_request
from certificates.services.issuance import award_issue
from certificates.services.wallet import award_wallet_set
from programs.models import CredentialProgram, Unit
from tests.e2e.session import log_in
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db(transaction=True)

CMTE = "Certificate in Media and Technology for Education"
SOTL = "Developing Strategies for Online Teaching and Learning"


def _issued(learner, *, earned_on, **owner):
    award, _ = award_request(learner=learner, earned_on=earned_on, **owner)
    return award_issue(award_id=award.pk, notify=False)


def test_expiring_and_expired_credentials_on_the_dashboard_and_verification_page(
    live_server, award_catalog, page, assert_accessible, today
):
    # given a 24-month CMTE Certificate earned 25 months ago, in the wallet, and a
    # 12-month SOTL certificate earned 11 months ago
    CredentialProgram.objects.filter(slug="cmte").update(valid_for_months=24)
    Unit.objects.filter(slug="sotl").update(valid_for_months=12)
    learner = LearnerFactory(legal_name="Lucía Learner-Ortega")
    expired = _issued(
        learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=today - relativedelta(months=25),
    )
    expiring = _issued(
        learner,
        unit=Unit.objects.get(slug="sotl"),
        earned_on=today - relativedelta(months=11),
    )
    award_wallet_set(award=expired, in_wallet=True, actor=learner)
    log_in(page, live_server, learner)

    # when they open their dashboard
    page.goto(f"{live_server.url}/dashboard/")

    # then SOTL is listed as expiring soon, and the CMTE Certificate is expired
    days = (expiring.expires_on - today).days
    soon = page.locator("section", has=page.locator("#expiries-heading"))
    expect(soon).to_contain_text(SOTL)
    expect(soon).to_contain_text(f"(in {days} days)")
    expect(soon).not_to_contain_text(CMTE)
    wallet = page.locator(".wallet")
    expect(wallet).to_contain_text("No credential in your wallet is current.")
    expect(wallet.get_by_role("heading", name="Expired")).to_be_visible()
    expect(page.locator(".award-card").filter(has_text=CMTE)).to_contain_text("Expired")
    assert_accessible("dashboard, expiring and expired credentials")

    # when anyone opens the expired credential's verification page
    page.goto(f"{live_server.url}{expired.get_absolute_url()}")

    # then it says Expired, not Revoked, with the last valid day
    result = page.locator(".verify-result")
    expect(result).to_have_class(re.compile("verify-expired"))
    expect(result.locator(".verify-status")).to_have_text("Expired")
    expect(page.locator(".verify-facts")).to_contain_text("Valid until")
    assert_accessible("verification page, expired")
    assert expired.expires_on < today <= expiring.expires_on + dt.timedelta(days=1)
