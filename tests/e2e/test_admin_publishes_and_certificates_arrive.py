"""An admin publishes a program once its checklist passes; a learner goes through
Not Met, resubmission and Met; the admin moves the run's end to yesterday and
the unit and program certificates are issued with no other action (the default
mode: tasks in-process). And "Evaluate now" on a learner's progress page
(issue 20, items 2, 3, 4, 6).

The catalogue rows are written by factories (the admin forms that write them
have their own tests); the steps this issue adds are driven in the browser.
Screenshots for the README (``PORTAL_SCREENSHOTS=docs/screenshots``):
program-checklist.png and evaluate-now.png.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from accounts.services import roles_ensure
from certificates.models import Award, OutputSpec
from core.dates import format_date
from programs.models import CompletionRule, Offering, Requirement, RuleKind, Unit
from reviews.services.reviews import review_decide
from reviews.services.submissions import draft_save, submission_submit
from tests.certificates import journeys
from tests.e2e.screenshots import screenshot
from tests.e2e.session import log_in
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    LearnerFactory,
    OfferingFactory,
    ProgramFactory,
    ProviderFactory,
    RequirementFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def new_program(today):
    """A provider's new program of one facilitated unit with a Met / Not Met
    requirement, everything but the unit's certificate output."""
    provider = ProviderFactory(
        name="Bayview Teacher Academy",
        short_name="Bayview",
        signatory_name="Dana Dean",
        signatory_title="Director",
    )
    program = ProgramFactory(
        provider=provider, name="Bayview Coaching Certificate", is_published=False
    )
    unit = UnitFactory(
        provider=provider,
        title="Coaching Conversations",
        delivery=Unit.Delivery.FACILITATED,
        is_published=True,
    )
    unit.programs.add(program)
    offering = OfferingFactory(
        unit=unit,
        label="Winter run",
        start_date=today - dt.timedelta(days=14),
        end_date=today + dt.timedelta(days=14),
        enrollment_opens=today - dt.timedelta(days=30),
        enrollment_closes=today - dt.timedelta(days=15),
    )
    offering.facilitators.add(FacilitatorFactory(legal_name="Fran Facilitator"))
    requirement = RequirementFactory(
        unit=unit,
        title="Coaching plan",
        review_mode=Requirement.ReviewMode.MET_NOT_MET,
    )
    CompletionRule.objects.create(unit=unit, kind=RuleKind.ALL_SUBMISSIONS_MET)
    CompletionRule.objects.create(
        program=program, kind=RuleKind.UNITS_COMPLETED, min_count=1
    )
    CompletionRule.objects.get(program=program).units.add(unit)
    OutputSpec.objects.create(
        program=program, kind="certificate", title="Certificate of Completion"
    )
    return program, unit, offering, requirement


def submit(enrollment, requirement, text):
    draft_save(enrollment=enrollment, requirement=requirement, text=text)
    return submission_submit(enrollment=enrollment, requirement=requirement)


def test_publish_after_the_checklist_then_the_certificates_arrive_on_their_own(
    live_server, page, assert_accessible, today
):
    program, unit, offering, requirement = new_program(today)
    admin = UserFactory(is_staff=True, is_superuser=True)
    log_in(page, live_server, admin)
    program_url = f"{live_server.url}/admin/programs/credentialprogram/{program.pk}/"

    # when the admin publishes the program while the unit has no output
    page.goto(f"{program_url}change/")
    expect(page.get_by_text("before publishing", exact=False)).to_be_visible()
    page.get_by_label("Published").check()
    page.get_by_role("button", name="Save", exact=True).click()
    # then it is refused, naming what is missing, and stays hidden
    expect(page.locator(".errorlist")).to_contain_text(
        f"A certificate output: {unit} has none"
    )
    screenshot(page, "program-checklist.png")
    assert_accessible("program checklist, publishing refused")
    program.refresh_from_db()
    assert not program.is_published

    # when the unit gets its certificate and the admin publishes again
    OutputSpec.objects.create(unit=unit, kind="certificate", title="Certificate")
    page.goto(f"{program_url}change/")
    page.get_by_label("Published").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    program.refresh_from_db()
    assert program.is_published

    # given a learner whose plan is Not Met, then resubmitted and Met
    learner = LearnerFactory(legal_name="Lee Learner")
    enrollment = EnrollmentFactory(learner=learner, offering=offering)
    facilitator = offering.facilitators.get()
    first = submit(enrollment, requirement, "A first plan.")
    review_decide(
        reviewer=facilitator, version=first, decision="not_met", feedback="Add goals."
    )
    second = submit(enrollment, requirement, "A plan with goals.")
    review_decide(reviewer=facilitator, version=second, decision="met")
    assert not Award.objects.filter(learner=learner).exists()  # the run goes on

    # when the admin moves the run's end to yesterday
    yesterday = today - dt.timedelta(days=1)
    page.goto(f"{live_server.url}/admin/programs/offering/{offering.pk}/change/")
    page.get_by_role("textbox", name="End date:").fill(yesterday.isoformat())
    page.get_by_role("textbox", name="Enrollment closes:").fill(
        (yesterday - dt.timedelta(days=1)).isoformat()
    )
    page.get_by_role("button", name="Save", exact=True).click()
    # then the preview says whose award becomes due
    expect(page.get_by_role("heading", name="Awards that become due")).to_be_visible()
    expect(page.get_by_role("list").filter(has_text="Lee Learner")).to_be_visible()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # then both certificates are issued with no other action
    awards = Award.objects.filter(learner=learner)
    assert {(a.unit_id, a.program_id, a.status) for a in awards} == {
        (unit.pk, None, Award.Status.ISSUED),
        (None, program.pk, Award.Status.ISSUED),
    }
    assert Offering.objects.get(pk=offering.pk).end_date == yesterday


def test_evaluate_now_from_the_learners_user_page(
    live_server, page, assert_accessible, award_catalog, today
):
    # given a learner who met SOTL while it ran, and two CMTE workshops before,
    # and the run's last day is past (no sweep since)
    learner = LearnerFactory(legal_name="Dara Due")
    offering = Offering.objects.get(
        unit__slug="sotl", start_date__lte=today, end_date__gt=today
    )
    journeys.submit(
        EnrollmentFactory(learner=learner, offering=offering), "Final product"
    )
    for slug in ["otla", "the-online-classroom"]:
        journeys.record_past_completion(learner, slug)
    yesterday = today - dt.timedelta(days=1)
    Offering.objects.filter(pk=offering.pk).update(end_date=yesterday)
    roles_ensure()
    log_in(page, live_server, UserFactory(is_staff=True, is_superuser=True))

    # when the admin follows "Why not yet" from the learner's user page
    page.goto(f"{live_server.url}/admin/accounts/user/{learner.pk}/change/")
    page.get_by_role("link", name="Why not yet").click()
    # then the page says the awards are due and when they come
    expect(
        page.get_by_text(f"due since {format_date(yesterday)}").first
    ).to_be_visible()
    screenshot(page, "evaluate-now.png")
    assert_accessible("learner progress with Evaluate now")

    # when they press "Evaluate now"
    page.get_by_role("button", name="Evaluate now").click()
    # then it says what it did, and the certificates are issued
    expect(page.locator(".messagelist")).to_contain_text("Evaluated now:")
    statuses = set(
        Award.objects.filter(learner=learner).values_list("status", flat=True)
    )
    assert statuses == {Award.Status.ISSUED}
    assert Award.objects.filter(learner=learner).count() == 2
