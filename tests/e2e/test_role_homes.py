"""Each role's home on the demo data, in the browser: the learner's learning, the
facilitator's work waiting, the admin's operations; axe-core finds nothing.

Screenshots go to the test's temporary directory, or to ``SCREENSHOT_DIR`` when
set (``PORTAL_SCREENSHOTS=docs/screenshots`` refreshes the README's pictures).
"""

import os

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.screenshots import screenshot
from tests.e2e.session import log_in

pytestmark = pytest.mark.django_db(transaction=True)

HOMES = [
    ("learner1@demo.test", "learner-home.png", "Your dashboard"),
    ("facilitator1@demo.test", "facilitator-home.png", "What needs you now"),
    ("admin@demo.test", "admin-home.png", "Operations"),
]


def test_each_role_lands_on_its_own_home(live_server, page, assert_accessible):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    page.set_viewport_size({"width": 1280, "height": 900})
    for email, picture, heading in HOMES:
        page.context.clear_cookies()
        log_in(page, live_server, User.objects.get(email=email))
        page.goto(f"{live_server.url}/dashboard/")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(f"home of {email}")
        screenshot(page, picture)

    # the learner: the run's end is a coming deadline, one statement per credential
    log_in(page, live_server, User.objects.get(email="learner1@demo.test"))
    page.goto(f"{live_server.url}/dashboard/")
    deadlines = page.locator("section", has=page.locator("#deadlines-heading"))
    expect(deadlines).to_contain_text("Final product")
    expect(page.get_by_text("0 of 3 completed")).to_be_visible()

    # the facilitator: the waiting submission links to its review; no learner menu
    page.context.clear_cookies()
    log_in(page, live_server, User.objects.get(email="facilitator1@demo.test"))
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.get_by_role("link", name="Certificates")).to_have_count(0)
    page.get_by_role("link", name="Review Lena Learner").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Module activities")
    assert_accessible("review from the facilitator's home")
