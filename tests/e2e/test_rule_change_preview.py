"""An admin lowers the CMTE Certificate's count: preview, then Save."""

import pytest
from playwright.sync_api import expect

from accounts.services import roles_ensure
from programs.models import CompletionRule, Requirement
from tests.certificates import journeys
from tests.e2e.screenshots import screenshot
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


def test_admin_previews_a_new_pass_mark_then_saves_it(
    live_server, award_catalog, page, assert_accessible
):
    # given an ISTE portfolio scored 19 of 25, under the pass mark of 20
    learner = LearnerFactory(legal_name="Nineteen Points")
    _, version = journeys.iste_ready_for_scoring(learner)
    journeys.score(version, 19)
    portfolio = Requirement.objects.get(pk=version.submission.requirement_id)
    roles_ensure()
    log_in(page, live_server, PortalAdminFactory())

    # when the admin lowers the pass mark to 19 and saves
    page.goto(f"{live_server.url}/admin/programs/requirement/{portfolio.pk}/change/")
    page.get_by_label("Pass mark (rubric points)").fill("19")
    page.get_by_role("button", name="Save", exact=True).click()

    # then the rule page's preview names the learner who would newly qualify
    expect(page.get_by_role("heading", name="Would newly qualify")).to_be_visible()
    expect(page.get_by_role("list").filter(has_text="Nineteen Points")).to_be_visible()
    expect(page.get_by_text("scored at least 19 of 25")).to_be_visible()
    assert_accessible("pass mark preview")
    screenshot(page, "pass-mark-preview.png")

    # when they press Save there, the pass mark is saved
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    portfolio.refresh_from_db()
    assert portfolio.pass_score == 19
