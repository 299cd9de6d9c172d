"""An admin zips the CMTE certificates of the last three days: filter, review
the count, start the job, watch it end, download the ZIP (issue 19.4)."""

import datetime as dt
import zipfile

import pytest
from playwright.sync_api import expect

from accounts.services import roles_ensure
from tests.certificates.bulk_helpers import cmte_awards
from tests.e2e.session import log_in
from tests.factories import PortalAdminFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_zips_the_filtered_awards_from_the_bulk_page(
    live_server, award_catalog, page, assert_accessible, today, tmp_path
):
    # given four CMTE certificates, three earned in the last three days
    cmte_awards(today, [0, 1, 2, 8])
    roles_ensure()
    log_in(page, live_server, PortalAdminFactory())

    # when the admin opens the bulk page from the awards list
    page.goto(f"{live_server.url}/admin/certificates/award/")
    page.get_by_role("link", name="Bulk actions").click()
    expect(page.get_by_role("heading", name="Bulk actions on awards")).to_be_visible()
    assert_accessible("bulk actions form")

    # and asks for a ZIP of the CMTE awards earned in the last three days
    page.get_by_label("Program").select_option(
        label="Certificate in Media and Technology for Education"
    )
    page.get_by_label("Earned on or after").fill(
        (today - dt.timedelta(days=2)).isoformat()
    )
    page.get_by_label("Download a ZIP of their PDFs").check()
    page.get_by_role("button", name="Review the awards").click()

    # then the confirm page states the count before anything starts
    expect(page.get_by_text("3 awards match this filter.")).to_be_visible()
    assert_accessible("bulk actions confirm page")

    # when they start the job, it runs and its page offers the ZIP
    page.get_by_role("button", name="Start the job").click()
    expect(page.get_by_text("3 of 3 awards handled, 0 failed.")).to_be_visible()
    assert_accessible("bulk job page")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the ZIP").click()
    saved = tmp_path / "awards.zip"
    download.value.save_as(saved)
    assert len(zipfile.ZipFile(saved).namelist()) == 3
