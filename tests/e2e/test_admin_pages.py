"""Every admin changelist and add page the admin index links to, opened by the
demo's superuser: axe-core finds no critical or serious violation and the
Content-Security-Policy blocks nothing (the admin's widgets load from static
files)."""

import io
import re
from urllib.parse import urljoin

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.conftest import AXE_PATH, WCAG_TAGS
from tests.e2e.session import log_in

pytestmark = pytest.mark.django_db(transaction=True)

SEVERE = {"critical", "serious"}


def severe_violations(page) -> list[str]:
    """axe-core's critical and serious findings. ``preload: false``: axe would
    otherwise re-parse the admin's stylesheets (forms.css imports widgets.css) in
    ``<style>`` elements of its own, which the CSP rightly blocks: axe's own
    errors, not the page's."""
    page.evaluate(AXE_PATH.read_text())
    result = page.evaluate(
        "tags => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, preload: false})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in SEVERE
    ]


def admin_index_links(page, live_server) -> list[str]:
    """The changelist and add pages the admin index links to, in its order."""
    page.goto(f"{live_server.url}/admin/")
    hrefs = page.eval_on_selector_all(
        "#content-main a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    pages = [h for h in hrefs if h.startswith("/admin/") and h.count("/") >= 4]
    return [urljoin(live_server.url, h) for h in dict.fromkeys(pages)]


def test_every_admin_page_of_the_demo_is_accessible_and_nothing_is_blocked(
    live_server, page
):
    # given the demo, and its superuser signed in
    call_command("load_demo", stdout=io.StringIO())
    log_in(page, live_server, User.objects.get(email="admin@demo.test"))
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: (
            blocked.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text
            else None
        ),
    )

    # when every changelist and add page the index links to is opened
    urls = admin_index_links(page, live_server)
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response is not None
        if response.status != 200:
            problems.append(f"{url}: HTTP {response.status}")
            continue
        problems += [f"{url}: {v}" for v in severe_violations(page)]

    # then none has a serious or critical violation
    assert len(urls) > 40
    assert problems == []

    # and the widgets work: the provider's slug fills itself,
    page.goto(f"{live_server.url}/admin/programs/provider/add/")
    page.get_by_label("Short name").press_sequentially("Maryland Ed")
    expect(page.get_by_label("Slug")).to_have_value("maryland-ed")

    # the facilitator picker searches facilitators (name and email),
    page.goto(f"{live_server.url}/admin/programs/offering/add/")
    page.get_by_role("combobox", name=re.compile("Facilitators")).click()
    page.get_by_role("searchbox").last.fill("demo.test")
    options = page.locator(".select2-results__option")
    expect(options.first).to_contain_text("(facilitator1@demo.test)")
    assert [t for t in options.all_inner_texts() if "learner" in t] == []

    # the rule form shows only the fields of the kind chosen,
    page.goto(f"{live_server.url}/admin/programs/completionrule/add/")
    requirement_row = page.locator(".form-row.field-requirement")
    page.get_by_label("Kind").select_option("min_score")
    expect(requirement_row).to_be_visible()
    expect(page.get_by_label("How many units")).to_be_hidden()
    page.get_by_label("Kind").select_option("units_completed")
    expect(page.get_by_label("How many units")).to_be_visible()
    expect(requirement_row).to_be_hidden()

    # and the CSP blocked nothing on any page
    assert blocked == []
