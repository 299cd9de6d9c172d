"""A learner keeps their recertification ledger: records a state certificate,
adds credits earned elsewhere with evidence (a wrong file is refused), sees the
count on the ledger and the dashboard, and prepares the PDF."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from core.dates import format_date
from ledger.models import StateCertificateType
from tests.e2e.screenshots import screenshot
from tests.e2e.session import log_in
from tests.factories import LearnerFactory
from tests.ledger.conftest import PDF_BYTES, award_with

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_learner_keeps_their_ledger(
    live_server, page, assert_accessible, today, tmp_path
):
    # given a state's renewal as an admin configured it, and a learner who
    # earned a CPD credit here
    maryland = StateCertificateType.objects.create(
        state="MD",
        name="Professional Certificate",
        credits_needed=Decimal(6),
        window_years=5,
        cpd_credits_per_credit=Decimal(1),
        clock_hours_per_credit=Decimal(15),
    )
    learner = LearnerFactory()
    award_with(learner, earned_on=today - dt.timedelta(days=40), cpd_credits=1)
    expires = dt.date(today.year + 3, 6, 30)
    log_in(page, live_server, learner)

    # when they record their state certificate
    page.goto(f"{live_server.url}/ledger/")
    expect(
        page.get_by_text("You have recorded no state certificate yet.")
    ).to_be_visible()
    assert_accessible("ledger, empty")
    page.get_by_role("link", name="Record a state certificate").click()
    page.get_by_label("State and certificate").select_option(label=str(maryland))
    page.get_by_label("Certificate number").fill("MD-123456")
    page.get_by_label("Expires on").fill(expires.isoformat())
    assert_accessible("record a certificate")
    page.get_by_role("button", name="Save").click()

    # then the ledger counts the credit earned here
    statement = f"1 of 6 credits, renewal due {format_date(expires)}"
    expect(page.get_by_text(statement)).to_be_visible()
    assert_accessible("ledger with a certificate")

    # when they add credits earned elsewhere with a file that is not evidence
    page.get_by_role("link", name="Add credits earned elsewhere").click()
    page.get_by_label("Activity").fill("Summer literacy institute")
    page.get_by_label("Given by").fill("County schools")
    page.get_by_label("Earned on").fill((today - dt.timedelta(days=10)).isoformat())
    page.get_by_label("Amount").fill("30")
    page.get_by_label("Unit").select_option(label="clock hours")
    script = tmp_path / "evidence.sh"
    script.write_bytes(b"#!/bin/sh\necho hi\n")
    page.get_by_label("Evidence").set_input_files(str(script))
    page.get_by_role("button", name="Add").click()

    # then it is refused, saying why
    expect(page.get_by_role("alert")).to_contain_text(
        "evidence.sh is not a file type the portal accepts."
    )
    assert_accessible("credit refused")

    # when they attach a PDF instead
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(PDF_BYTES)
    page.get_by_label("Evidence").set_input_files(str(letter))
    page.get_by_role("button", name="Add").click()

    # then it is listed, awaiting verification, and does not count yet
    expect(page.locator(".messages")).to_contain_text("they count once verified")
    expect(page.get_by_text(statement)).to_be_visible()
    expect(page.get_by_text("not counted yet")).to_be_visible()
    assert_accessible("ledger with an entry awaiting verification")
    screenshot(page, "learner-ledger.png")

    # and the dashboard has a line for the certificate
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_text(re.compile(re.escape(statement)))).to_be_visible()
    assert_accessible("dashboard with a state certificate")

    # when they prepare the PDF (in-process without a broker)
    page.get_by_role("link", name="Open your recertification ledger").click()
    page.get_by_role("button", name="Prepare an up-to-date PDF").click()
    expect(page.locator(".messages")).to_contain_text("ready to download")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Download your ledger")).click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
