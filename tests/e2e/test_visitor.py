"""A visitor, not logged in, finds a credential in the public catalogue."""

import re

from playwright.sync_api import expect


def test_visitor_browses_catalogue_to_the_online_classroom_price(
    live_server, demo_catalog, page, assert_accessible
):
    # given a visitor on the home page
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible("home")

    # when they open the catalogue and the CMTE certificate
    page.get_by_role("link", name="Browse the catalogue").first.click()
    expect(page).to_have_url(re.compile(r"/catalog/$"))
    assert_accessible("catalogue")
    page.get_by_role(
        "link", name="Certificate in Media and Technology for Education"
    ).first.click()

    # then they see the three-workshop rule
    expect(
        page.get_by_text("At least 3 workshops completed, in any order")
    ).to_be_visible()
    assert_accessible("CMTE program")

    # and The Online Classroom at USD 375, USD 295 per person from 4
    page.get_by_role("link", name=re.compile("^The Online Classroom")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("The Online Classroom")
    expect(page.locator(".facts").first).to_contain_text("USD 375.00")
    expect(page.get_by_text("4 or more: USD 295.00 per person").first).to_be_visible()
    assert_accessible("The Online Classroom")


def test_catalogue_reads_on_a_phone_sized_screen(live_server, demo_catalog, page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/catalog/units/iste-certification/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ISTE Certification for Educators"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
