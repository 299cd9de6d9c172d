"""A facilitator turns on an authenticator app in the browser; logging in then asks
for its code. Every page passes axe-core and nothing is blocked by the CSP."""

import re
from types import SimpleNamespace

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal import auth as totp_auth
from playwright.sync_api import expect

from tests.accounts.test_mfa import NOW, totp
from tests.factories import FacilitatorFactory

EMAIL = "fatima.facilitator@school.example"
PASSWORD = "a-long-enough-Passw0rd"


def test_a_facilitator_turns_on_two_factor_and_logs_in_with_a_code(
    live_server, page, assert_accessible, monkeypatch
):
    # given a facilitator with a verified email, and allauth's TOTP clock fixed
    monkeypatch.setattr(totp_auth, "time", SimpleNamespace(time=lambda: NOW))
    user = FacilitatorFactory(email=EMAIL, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What needs you now")

    # when they set up an authenticator app from their profile
    page.get_by_role("link", name="Profile").click()
    page.get_by_role("link", name="Two-factor authentication").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Two-factor authentication"
    )
    assert_accessible("two-factor index")
    page.get_by_role("link", name="Set up an authenticator app").click()
    assert_accessible("confirm your password")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button").filter(has_text=re.compile("Confirm")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up an authenticator app"
    )
    expect(
        page.get_by_role("img", name="QR code of your authenticator secret")
    ).to_be_visible()
    assert_accessible("set up an authenticator app")
    secret = page.locator("#authenticator-secret").inner_text()
    page.get_by_label("Authenticator code").fill(totp(secret))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    assert_accessible("recovery codes")

    # then logging in again asks for the code
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible("enter your code")
    page.get_by_label(re.compile(r"^Code:?$")).fill(totp(secret))
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What needs you now")
