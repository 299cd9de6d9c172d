"""An admin opens the reports from the admin index, has the figures counted,
reads the chart and its table, and downloads a CSV."""

import csv
import io

import pytest
from django.utils import dateformat
from playwright.sync_api import expect

from tests.e2e.session import log_in
from tests.reports import worlds

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_reads_the_reports_and_downloads_awards(
    live_server, demo_catalog, page, assert_accessible, today
):
    # given two reviewed learners, one of them awarded
    admin = worlds.an_admin()
    awarded = worlds.reviewed_learner(
        reviewer=admin, decision="met", legal_name="=1+1", email="met@example.org"
    )
    worlds.reviewed_learner(reviewer=admin, decision="not_met")
    worlds.issued_award(awarded, slug=worlds.LOYOLA_FULL)
    log_in(page, live_server, admin)

    # when the admin follows Reports from the admin index
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Reports", exact=True).click()

    # then the figures have not been counted yet: the admin has them counted now
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    expect(page.locator("#report-as-of")).to_contain_text("not been counted yet")
    page.get_by_role("button", name="Count the figures again now").click()
    expect(page.locator("#report-as-of")).to_contain_text("Figures as of")
    expect(page.get_by_text("The figures were counted again.")).to_be_visible()

    # and reads the chart and the same figures in a table
    expect(
        page.get_by_role("img", name="Bar chart: credentials issued per month")
    ).to_be_visible()
    table = page.locator("#awards-table")
    month = dateformat.format(today, "F Y")
    expect(table.get_by_role("row", name=f"{month} 1 0")).to_be_visible()
    expect(page.locator("#offerings-table")).to_contain_text("50.0% (1 of 2)")
    expect(
        page.get_by_role("img", name="Bar chart: pass rate per offering")
    ).to_be_visible()
    assert_accessible("admin reports")

    # and the awards download opens as a table with the name escaped
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Awards (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("awards-")
    text = download.path().read_text(encoding="utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[:3] == ["Verification code", "Learner", "Email"]
    assert row[1:3] == ["'=1+1", "met@example.org"]
