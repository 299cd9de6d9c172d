"""An admin lowers the CMTE Certificate's count: preview, then Save."""

import pytest
from playwright.sync_api import expect

from accounts.services import roles_ensure
from programs.models import CompletionRule
from tests.certificates import journeys
from tests.e2e.session import log_in
from tests.factories import LearnerFactory, PortalAdminFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_previews_a_rule_change_then_saves_it(
    live_server, award_catalog, page, assert_accessible
):
    # given a learner with two workshops and the CMTE rule at three
    learner = LearnerFactory(legal_name="Two Workshops")
    for slug in journeys.CMTE_WORKSHOPS[:2]:
        journeys.complete_workshop(learner, slug)
    roles_ensure()
    log_in(page, live_server, PortalAdminFactory())
    rule = CompletionRule.objects.get(program__slug="cmte")

    # when the admin changes it to two and saves
    page.goto(f"{live_server.url}/admin/programs/completionrule/{rule.pk}/change/")
    page.get_by_label("How many units").fill("2")
    page.get_by_role("button", name="Save", exact=True).click()

    # then a preview names the learner who would newly qualify
    expect(page.get_by_role("heading", name="Would newly qualify")).to_be_visible()
    expect(page.get_by_role("list").filter(has_text="Two Workshops")).to_be_visible()
    expect(page.get_by_role("link", name="Back")).to_be_visible()
    assert_accessible("rule change preview")

    # when they press Save there, the rule is saved
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    rule.refresh_from_db()
    assert rule.min_count == 2
