"""A learner creates an API token on their profile, uses it, and revokes it."""

import re

import pytest
from playwright.sync_api import expect
from rest_framework.test import APIClient

from tests.api.conftest import award_make
from tests.e2e.session import log_in
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_create_use_and_revoke_a_token(live_server, page, assert_accessible):
    # given a learner with an award, on their profile
    learner = LearnerFactory(legal_name="Lena Learner")
    award = award_make(learner)
    log_in(page, live_server, learner)
    page.goto(f"{live_server.url}/accounts/profile/")

    # when they open the tokens page and create one
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    expect(page.get_by_text("You have no API tokens.")).to_be_visible()
    assert_accessible("API tokens, none yet")
    page.get_by_label("Token name").fill("District LMS sync")
    page.get_by_role("button", name="Create token").click()

    # then its value is shown once, and opens the API
    field = page.get_by_label("Token", exact=True)
    expect(field).to_have_value(re.compile(r"^cpt_[A-Za-z0-9_-]{43}$"))
    value = field.input_value()
    assert_accessible("API token created")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {value}")
    response = api.get("/api/v1/me/awards/")
    assert [a["id"] for a in response.json()["results"]] == [str(award.uuid)]

    # when they revoke it, it no longer opens the API
    page.goto(f"{live_server.url}/accounts/profile/api-tokens/")
    expect(page.get_by_label("Token", exact=True)).to_have_count(0)
    expect(
        page.get_by_role("cell", name="District LMS sync", exact=True)
    ).to_be_visible()
    page.get_by_role("button", name="Revoke District LMS sync").click()
    expect(page.locator(".messages")).to_contain_text(
        "The token “District LMS sync” is revoked"
    )
    expect(page.get_by_text("Revoked", exact=False).last).to_be_visible()
    assert_accessible("API token revoked")
    assert api.get("/api/v1/me/awards/").status_code == 401
