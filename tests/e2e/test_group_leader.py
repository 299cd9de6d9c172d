"""A group leader enrolls ten colleagues in a CMTE workshop, watches the
confirmation job finish and gets the invoice."""

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from enrollments.models import Enrollment, Invoice
from tests.e2e.session import log_in
from tests.factories import GroupTierFactory, OfferingFactory, UnitFactory, UserFactory


def cmte_workshop_open_today():
    """A CMTE workshop at USD 400 whose enrollment window contains the real today."""
    today = timezone.localdate()
    unit = UnitFactory(
        title="Developing Strategies for Online Teaching and Learning",
        short_name="SOTL",
        price=Decimal("400.00"),
    )
    GroupTierFactory(unit=unit, min_participants=10, percent_off=Decimal("25"))
    return OfferingFactory(
        unit=unit,
        label="Next run",
        enrollment_opens=today - dt.timedelta(days=30),
        enrollment_closes=today + dt.timedelta(days=30),
        start_date=today + dt.timedelta(days=31),
        end_date=today + dt.timedelta(days=58),
        capacity=40,
    )


def test_group_leader_uploads_ten_and_gets_the_invoice_with_25_percent_off(
    live_server, page, assert_accessible
):
    # given a logged-in learner and a CMTE workshop open for enrollment
    leader = UserFactory(email="leader@school.example", legal_name="Grace Leader")
    offering = cmte_workshop_open_today()
    log_in(page, live_server, leader)

    # when they open the workshop and choose to enroll a group
    page.goto(f"{live_server.url}/catalog/units/{offering.unit.slug}/")
    assert_accessible("unit page")
    page.get_by_role("link", name="Enroll a group in Next run").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enroll a group")
    expect(page.get_by_label("Offering")).to_have_value(str(offering.pk))
    assert_accessible("group order form")

    # and upload a CSV of ten colleagues
    rows = "".join(f"Teacher {i},teacher{i}@school.example\n" for i in range(1, 11))
    page.get_by_label("Or upload a CSV file").set_input_files(
        files=[
            {
                "name": "group.csv",
                "mimeType": "text/csv",
                "buffer": ("name,email\n" + rows).encode(),
            }
        ]
    )
    page.get_by_role("button", name="See the quote").click()

    # then the quote shows ten seats with 25% off the total
    expect(page.get_by_role("heading", level=1)).to_have_text("Your group quote")
    expect(page.get_by_text("10 seats in")).to_be_visible()
    expect(
        page.get_by_text("Group discount: 25% off the total from 10 people")
    ).to_be_visible()
    expect(page.locator(".invoice-total")).to_contain_text("USD 3,000.00")
    expect(
        page.get_by_text(
            "10 seats (USD 3,000.00) cost less in all than 9 seats (USD 3,600.00)."
        )
    ).to_be_visible()
    assert_accessible("quote")

    # when they confirm
    page.get_by_role("button", name="Confirm and get the invoice").click()

    # then the job's progress page reaches "done" (with no broker the request
    # ran the job itself; with one, the page refreshes until the worker is done)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Group order confirmation"
    )
    expect(page.get_by_role("status")).to_contain_text(
        "Done. 10 participants are enrolled and invited by email", timeout=30_000
    )
    assert_accessible("confirmation progress")
    page.get_by_role("link", name=re.compile(r"^See invoice INV-")).click()

    # and they see the invoice, and all ten are enrolled
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Invoice INV-\d{4}-\d{6}$")
    )
    expect(page.locator(".invoice-total")).to_contain_text("USD 3,000.00")
    expect(page.get_by_text("Teacher 10 · teacher10@school.example")).to_be_visible()
    assert_accessible("invoice")
    invoice = Invoice.objects.get(billed_to=leader)
    assert invoice.total == Decimal("3000.00")
    assert Enrollment.objects.filter(group_order=invoice.order).count() == 10
