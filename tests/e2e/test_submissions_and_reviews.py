"""Submitting, reviewing and peer feedback, driven in the browser.

Data comes from factories and services; the browser does only the key clicks.
"""

import re

import pytest
from playwright.sync_api import expect

from reviews.services.submissions import draft_save, submission_submit
from tests.e2e.session import log_in
from tests.factories import EnrollmentFactory
from tests.reviews.scenarios import (
    PDF_BYTES,
    add_artifacts,
    cmte_workshop,
    iste_portfolio,
    loyola_full,
    running_today,
)

pytestmark = pytest.mark.django_db(transaction=True)


def open_requirement(page, live_server, world, assert_accessible):
    page.goto(
        f"{live_server.url}/enrollments/{world.enrollment.pk}/requirements/"
        f"{world.requirement.pk}/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(world.requirement.title)
    assert_accessible()


def review_in_browser(page, live_server, world, assert_accessible, points, *, text):
    log_in(page, live_server, world.facilitator)
    page.goto(f"{live_server.url}/review/")
    assert_accessible("review queue")
    page.get_by_role("link", name=world.enrollment.learner.display_name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        world.requirement.title
    )
    assert_accessible("review page")
    for criterion, value in zip(world.criteria, points, strict=True):
        page.get_by_label(f"{criterion.title}: points (0 to 5)").fill(str(value))
    page.get_by_label(f"Feedback on {world.criteria[-1].title}").fill(text)
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Your review of")).to_be_visible()
    assert_accessible("queue after review")


def test_iste_portfolio_scored_19_then_20_after_resubmission(
    live_server, page, assert_accessible
):
    # given an ISTE learner with eight artifacts in the draft
    world = running_today(iste_portfolio())
    add_artifacts(world, 8)
    log_in(page, live_server, world.enrollment.learner)

    # when they upload the ninth artifact and submit the portfolio
    open_requirement(page, live_server, world, assert_accessible)
    page.get_by_label("Title").fill("Family newsletter in three languages")
    page.get_by_label("File").set_input_files(
        {"name": "newsletter.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_label("Reflection").fill("Families read it at home.")
    page.get_by_label("Citizen").check()
    page.get_by_role("button", name="Add the artifact").click()
    expect(page.get_by_text("9 artifacts in your draft.")).to_be_visible()
    assert_accessible("portfolio with nine artifacts")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Version 1 is submitted.")).to_be_visible()
    assert_accessible("portfolio submitted")

    # then the facilitator scores it 19/25 and the learner sees it has not passed
    review_in_browser(
        page,
        live_server,
        world,
        assert_accessible,
        [4, 4, 4, 4, 3],
        text="Add evidence of your next steps.",
    )
    log_in(page, live_server, world.enrollment.learner)
    open_requirement(page, live_server, world, assert_accessible)
    expect(page.get_by_text("Score: 19/25")).to_be_visible()
    expect(page.get_by_text("Not passed yet")).to_be_visible()
    expect(page.get_by_text("Add evidence of your next steps.")).to_be_visible()

    # when they resubmit and the facilitator scores the new version 20/25
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Version 2 is submitted.")).to_be_visible()
    assert_accessible("portfolio resubmitted")
    review_in_browser(
        page,
        live_server,
        world,
        assert_accessible,
        [4, 4, 4, 4, 4],
        text="Clear next steps.",
    )

    # then the learner sees 20/25, passed, with the first score kept in the history
    log_in(page, live_server, world.enrollment.learner)
    open_requirement(page, live_server, world, assert_accessible)
    expect(page.get_by_text("Score: 20/25")).to_be_visible()
    expect(page.get_by_text("Passed", exact=True)).to_be_visible()
    expect(page.get_by_text("Score: 19/25")).to_be_visible()


def test_loyola_full_not_met_with_feedback_then_revised_and_met(
    live_server, page, assert_accessible
):
    world = running_today(loyola_full())
    learner = world.enrollment.learner

    # the learner writes and submits the project
    log_in(page, live_server, learner)
    open_requirement(page, live_server, world, assert_accessible)
    page.get_by_label("Your text").fill("A unit plan using digital portfolios.")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Version 1 is submitted.")).to_be_visible()
    assert_accessible("project submitted")

    # the facilitator marks it Not Met with feedback
    log_in(page, live_server, world.facilitator)
    page.goto(f"{live_server.url}/review/")
    page.get_by_role("link", name=learner.display_name).click()
    assert_accessible("review page")
    page.get_by_label("Not Met").check()
    page.get_by_label("Feedback").fill("Explain how you will assess the portfolios.")
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Your review of")).to_be_visible()
    assert_accessible("queue")

    # the learner reads the feedback, revises and resubmits
    log_in(page, live_server, learner)
    open_requirement(page, live_server, world, assert_accessible)
    expect(
        page.get_by_text("Explain how you will assess the portfolios.")
    ).to_be_visible()
    page.get_by_label("Your text").fill("A unit plan with a rubric for portfolios.")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Version 2 is submitted.")).to_be_visible()
    assert_accessible("project resubmitted")

    # the facilitator marks the revision Met; the learner sees Met
    log_in(page, live_server, world.facilitator)
    page.goto(f"{live_server.url}/review/")
    page.get_by_role("link", name=learner.display_name).click()
    expect(page.get_by_text("Earlier versions and feedback")).to_be_visible()
    assert_accessible("review page with history")
    page.get_by_label("Met", exact=True).check()
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Your review of")).to_be_visible()
    log_in(page, live_server, learner)
    open_requirement(page, live_server, world, assert_accessible)
    expect(page.locator(".facts dd").first).to_have_text("Met")


def test_cmte_learner_comments_on_a_peers_project(live_server, page, assert_accessible):
    # given a CMTE workshop where one learner shared a final product
    world = running_today(cmte_workshop())
    draft_save(
        enrollment=world.enrollment,
        requirement=world.requirement,
        text="Draft deliverable: a flipped-classroom lesson",
    )
    submission_submit(enrollment=world.enrollment, requirement=world.requirement)
    peer = EnrollmentFactory(offering=world.offering)

    # when a peer opens their own final product page and the shared project
    log_in(page, live_server, peer.learner)
    page.goto(
        f"{live_server.url}/enrollments/{peer.pk}/requirements/{world.requirement.pk}/"
    )
    assert_accessible("peer's final product page")
    author = world.enrollment.learner.display_name
    page.get_by_role("link", name=f"{author}'s project").click()
    expect(page.get_by_text("a flipped-classroom lesson")).to_be_visible()
    assert_accessible("shared project")

    # then they leave a comment that appears under the project
    page.get_by_label("Your comment").fill("Add a short quiz before class.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Your comment is posted.")).to_be_visible()
    expect(page.locator(".comments")).to_contain_text("Add a short quiz before class.")
    expect(page).to_have_url(re.compile(r"/peers/\d+/$"))
    assert_accessible("shared project with a comment")
