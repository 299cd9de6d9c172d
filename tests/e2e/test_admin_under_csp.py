"""The Django admin keeps working under the portal's Content-Security-Policy: its
scripts (inlines, date pickers, filters) load from static files and nothing is
blocked."""

import re

from playwright.sync_api import expect

from accounts.services import roles_ensure
from tests.factories import PortalAdminFactory

PASSWORD = "a-long-enough-Passw0rd"


def test_an_admin_adds_an_offering_with_its_scripts_working(
    live_server, demo_catalog, page
):
    roles_ensure()
    admin = PortalAdminFactory(email="ada.admin@school.example", password=PASSWORD)
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: (
            blocked.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label(re.compile("Email")).fill(admin.email)
    page.get_by_label(re.compile("Password")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/programs/offering/add/")

    # the calendar shortcut and "add another" inline rows are the admin's scripts
    expect(page.get_by_role("link", name="Today").first).to_be_visible()
    page.get_by_role("link", name=re.compile("Add another")).first.click()
    page.goto(f"{live_server.url}/admin/enrollments/enrollment/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert blocked == []
