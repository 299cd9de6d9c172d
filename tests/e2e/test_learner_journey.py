"""A new learner signs up, confirms their email, logs in, enrolls in two CMTE
workshops and sees "2 of 3" on the dashboard; refusals explain themselves.

The catalogue is the demo's (loaded for a fixed day); the offerings the learner
enrolls in are added with windows around the real today, because the server runs
on the real clock. Nothing here depends on the calendar.
"""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from enrollments.models import Enrollment, Invoice
from programs.models import Unit
from tests.factories import EnrollmentFactory, OfferingFactory, OpenOfferingFactory

PASSWORD = "a-long-enough-Passw0rd"
EMAIL = "maria.lopez@example.org"


@pytest.fixture
def journey_offerings(demo_catalog):
    """Open runs of SOTL and OTLA; a closed and a full run of The Online Classroom."""
    today = timezone.localdate()
    units = {unit.slug: unit for unit in Unit.objects.all()}
    for slug in ["sotl", "otla"]:
        OpenOfferingFactory(unit=units[slug], label="Open run")
    OfferingFactory(
        unit=units["the-online-classroom"],
        label="Closed run",
        enrollment_opens=today - dt.timedelta(days=60),
        enrollment_closes=today - dt.timedelta(days=1),
        start_date=today + dt.timedelta(days=7),
        end_date=today + dt.timedelta(days=34),
    )
    full = OpenOfferingFactory(
        unit=units["the-online-classroom"], label="Full run", capacity=1
    )
    EnrollmentFactory(offering=full)
    return today


def expect_message(page, text: str) -> None:
    expect(page.locator(".messages")).to_contain_text(text)


def enroll_from_unit_page(page, live_server, slug: str, label: str) -> None:
    """The unit page's link, then the confirmation page's button."""
    page.goto(f"{live_server.url}/catalog/units/{slug}/")
    page.get_by_role("link", name=f"Enroll in {label}").click()
    page.get_by_role("button", name=re.compile(r"^Confirm enrollment")).click()


def sign_up(page, live_server, assert_accessible) -> None:
    page.goto(f"{live_server.url}/accounts/signup/")
    assert_accessible("sign-up")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Legal name").fill("María J. López-García")
    page.get_by_label("Organisation").fill("Riverside High School")
    page.get_by_label("Role").select_option("teacher")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible("verification sent")


def confirm_email_and_log_in(page, assert_accessible) -> None:
    [message] = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Confirm your email address"
    )
    assert_accessible("confirm email")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    assert_accessible("log in")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")
    assert_accessible("empty dashboard")


def test_new_learner_enrolls_in_two_cmte_workshops_and_sees_2_of_3(
    live_server, journey_offerings, page, assert_accessible
):
    # given a visitor on a workshop page
    page.goto(f"{live_server.url}/catalog/units/sotl/")
    expect(page.get_by_role("link", name="Log in to enroll").first).to_be_visible()
    assert_accessible("SOTL, logged out")

    # when they sign up, confirm their email and log in
    sign_up(page, live_server, assert_accessible)
    confirm_email_and_log_in(page, assert_accessible)
    learner = User.objects.get(email=EMAIL)
    assert learner.legal_name == "María J. López-García"

    # and enroll in SOTL, then OTLA (which recommends SOTL first, never blocking)
    enroll_from_unit_page(page, live_server, "sotl", "Open run")
    expect_message(page, "You are enrolled in SOTL · Open run.")
    assert_accessible("invoice after SOTL")
    page.goto(f"{live_server.url}/catalog/units/otla/")
    expect(
        page.get_by_text("We recommend taking Developing Strategies")
    ).to_be_visible()
    assert_accessible("OTLA")
    page.get_by_role("link", name="Enroll in Open run").click()
    page.get_by_role("button", name=re.compile(r"^Confirm enrollment")).click()
    expect_message(page, "You are enrolled in OTLA · Open run.")
    page.goto(f"{live_server.url}/dashboard/")

    # then the certificate's bar shows none of the three workshops completed yet
    progress = page.get_by_role("region", name="What each credential still needs")
    expect(progress).to_contain_text("0 of 3 completed")
    expect(page.get_by_role("progressbar", name="0 of 3 completed")).to_be_visible()
    assert_accessible("dashboard with two workshops")
    assert Enrollment.objects.filter(learner=learner).count() == 2
    assert Invoice.objects.filter(billed_to=learner).count() == 2

    # and the enrollment page gives the dates
    page.get_by_role("region", name="Current enrollments").get_by_role(
        "link", name="Online Teaching and Learning in Action"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Online Teaching and Learning in Action"
    )
    assert_accessible("enrollment page")

    # and the dashboard fits a phone
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/dashboard/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible("dashboard at 375px")


def test_learner_is_told_why_each_enrollment_is_refused(
    live_server, journey_offerings, page, assert_accessible
):
    sign_up(page, live_server, assert_accessible)
    confirm_email_and_log_in(page, assert_accessible)
    learner = User.objects.get(email=EMAIL)
    # A closed run is no longer listed; a full one says so, with no button.
    page.goto(f"{live_server.url}/catalog/units/the-online-classroom/")
    expect(page.get_by_text("Closed run")).to_have_count(0)
    expect(
        page.get_by_text(
            "The Online Classroom · Full run is full: all 1 places are taken."
        )
    ).to_be_visible()
    expect(page.get_by_role("link", name="Enroll in Full run")).to_have_count(0)
    assert_accessible("closed and full runs")

    slug = "loyola-stacked-designing-with-digital-tools"
    enroll_from_unit_page(page, live_server, slug, "Open enrollment")
    expect(page).to_have_url(re.compile(f"/catalog/units/{slug}/$"))
    expect(page.locator(".message-error")).to_have_text(
        "Stacked Micro-credential 2: Designing with Digital Tools requires "
        "Stacked Micro-credential 1: Digital Tools Foundations to be completed "
        "first."
    )
    assert_accessible("refused: prerequisite")
    assert not Enrollment.objects.filter(learner=learner).exists()

    enroll_from_unit_page(page, live_server, "sotl", "Open run")
    enroll_from_unit_page(page, live_server, "sotl", "Open run")
    expect(page.locator(".message-error")).to_have_text(
        "You are already enrolled in SOTL · Open run."
    )
    assert_accessible("refused: duplicate")
    assert Enrollment.objects.filter(learner=learner).count() == 1
