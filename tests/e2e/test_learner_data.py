"""A learner downloads everything from their profile; an admin previews what the
next retention run deletes."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from accounts.services import roles_ensure
from enrollments.deadlines import add_months
from tests.clock import travel_to
from tests.e2e.session import log_in
from tests.factories import PortalAdminFactory
from tests.learnerdata.worlds import resubmitted

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_learner_downloads_everything_from_their_profile(
    live_server, page, assert_accessible
):
    # given a learner who resubmitted work, on their profile
    story = resubmitted()
    log_in(page, live_server, story.world.enrollment.learner)
    page.goto(f"{live_server.url}/accounts/profile/")

    # when they ask for everything (no broker: the worker runs it in-process)
    page.get_by_role("link", name="Your data: download everything").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    assert_accessible("Your data, nothing asked yet")
    page.get_by_role("button", name="Prepare a download of everything").click()

    # then the page says it is ready and links the ZIP, which downloads
    expect(page.locator(".messages")).to_contain_text("Your download is ready.")
    link = page.get_by_role("link", name="Download (ZIP")
    expect(link).to_be_visible()
    assert_accessible("Your data, download ready")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".zip")


def test_the_admin_previews_the_next_retention_run(
    live_server, page, assert_accessible
):
    story = resubmitted()
    provider = story.world.offering.unit.provider
    provider.artifact_retention_months = 6
    provider.save()
    deletion_day = add_months(story.world.offering.end_date, 6)
    roles_ensure()
    admin = PortalAdminFactory()

    with travel_to(deletion_day + dt.timedelta(days=1)):
        log_in(page, live_server, admin)
        page.goto(f"{live_server.url}/admin/learnerdata/retentionrun/")

        preview = page.get_by_role("region", name="What a run today")
        expect(preview).to_contain_text(str(story.world.offering))
        expect(preview).to_contain_text("student-work.pdf")
        assert_accessible("Retention preview")
