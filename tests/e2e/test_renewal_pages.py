"""A renewed credential in the browser, on the demo data: learner3's dashboard says
what the next renewal needs, the award page states both dates, and the old code's
verification page says renewed and links the current one; axe finds nothing."""

import os

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from certificates.models import Award
from tests.e2e.screenshots import screenshot
from tests.e2e.session import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_renewed_credential_shows_both_dates(live_server, page, assert_accessible):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    learner = User.objects.get(email="learner3@demo.test")
    old = Award.objects.get(
        learner=learner, program__slug="cael", status=Award.Status.SUPERSEDED
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, learner)

    page.goto(f"{live_server.url}/dashboard/")
    renewals = page.locator("section", has=page.locator("#renewals-heading"))
    expect(renewals).to_contain_text("0 of 1 CPD credits since")
    expect(renewals).to_contain_text("You may renew from")
    assert_accessible("learner3's dashboard with a renewal")
    screenshot(page, "renewal-dashboard.png")

    page.goto(f"{live_server.url}{old.get_absolute_url()}")
    expect(page.get_by_role("status")).to_contain_text("Renewed")
    assert_accessible("the verification page of a renewed award")
    screenshot(page, "renewal-old-code.png")
    page.get_by_role("link", name="See the current credential").click()
    expect(page.get_by_role("status")).to_contain_text("Valid")
    expect(page.locator(".verify-facts")).to_contain_text("First earned")
    assert_accessible("the verification page of the renewal")
    screenshot(page, "renewal-current-code.png")
