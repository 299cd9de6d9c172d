"""An admin sets up a new program alone, in the admin only, and its certificates
arrive on their own (issue 20, "Done when").

In the browser, an admin creates a provider, a program, two units with their
Met / Not Met requirements, prices with a group tier, runs with dates and a
facilitator, the units' and the program's rules and certificate outputs, and
publishes the program once its checklist passes. A learner enrolls in both units
and submits; the facilitator marks one piece Not Met with feedback, the learner
resubmits, the facilitator marks it Met. The admin moves each run's end to
yesterday on the run's page (the dates preview first), and the unit and program
certificates are issued with no other action: in the default mode (tasks
in-process, ``manage.py run_scheduler`` beside the server, as
``scripts/start.sh`` runs it) and with a real Celery worker and beat on Redis.

The people (the admin, a facilitator, a learner) are accounts made by factories:
the catalogue, the reviews and the dates are all done through the pages.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from certificates.models import Award
from enrollments.models import Enrollment
from programs.models import CredentialProgram, Offering, Provider, Unit
from tests.certificates.beat import beat_start, scheduler_start
from tests.certificates.worker import (
    REDIS_URL,
    redis_reachable,
    wait_for,
    worker_stop,
    workers_start,
)
from tests.e2e.conftest import AXE_PATH, WCAG_TAGS
from tests.e2e.session import log_in
from tests.factories import FacilitatorFactory, LearnerFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

UNITS = {
    "A": ("Coaching Conversations", "Coaching plan"),
    "B": ("Observing Classrooms", "Observation notes"),
}


def save(page, name="Save"):
    page.get_by_role("button", name=name, exact=True).click()


def pick(page, combobox, search: str, option: str) -> None:
    """Choose ``option`` in an admin autocomplete (select2) widget."""
    combobox.click()
    page.locator(".select2-container--open .select2-search__field").last.fill(search)
    page.locator("li.select2-results__option").filter(
        has_text=re.compile(f"^{re.escape(option)}$")
    ).click()


def add_provider(page, base: str) -> Provider:
    page.goto(f"{base}/admin/programs/provider/add/")
    page.get_by_label("Name:", exact=True).fill("Chesapeake Coaching Institute")
    page.get_by_label("Short name:", exact=True).press_sequentially("Chesapeake")
    expect(page.get_by_label("Slug:", exact=True)).to_have_value("chesapeake")
    page.get_by_label("Signatory name").fill("Dana Dean")
    page.get_by_label("Signatory title").fill("Director")
    page.get_by_label("Work may start before payment").check()
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    return Provider.objects.get(slug="chesapeake")


def add_program(page, base: str, provider: Provider) -> CredentialProgram:
    page.goto(f"{base}/admin/programs/credentialprogram/add/")
    page.get_by_label("Provider:", exact=True).select_option(label=str(provider))
    page.get_by_label("Name:", exact=True).fill("Chesapeake Coaching Certificate")
    page.get_by_label("Short name:", exact=True).fill("Coaching Certificate")
    page.locator("#id_kind").select_option("certificate")
    expect(page.get_by_label("Published", exact=True)).not_to_be_checked()
    save(page, "Save and continue editing")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    return CredentialProgram.objects.get(name="Chesapeake Coaching Certificate")


def add_unit(page, base, provider, program, facilitator, today, key) -> Unit:
    """A facilitated unit of the program, its run under way since two weeks,
    enrollment open for another week, with a Met / Not Met requirement and a
    group tier, all on the unit's page."""
    title, requirement = UNITS[key]
    page.goto(f"{base}/admin/programs/unit/add/")
    page.get_by_label("Provider:", exact=True).select_option(label=str(provider))
    page.locator("#id_programs_from").select_option(label=str(program))
    page.locator("#id_programs_add").click()
    page.get_by_label("Title:", exact=True).fill(title)
    page.get_by_label("Short name:", exact=True).fill(title.split()[0])
    page.locator("#id_kind").select_option("module")
    page.get_by_label("Delivery:", exact=True).select_option("facilitated")
    page.get_by_label("Individual price").fill("300.00")
    page.get_by_label("Published", exact=True).check()

    page.get_by_role("button", name="Add another Offering").click()
    row = page.locator("#offerings-0")
    dates = {
        "label": "Winter run",
        "start_date": today - dt.timedelta(days=14),
        "end_date": today + dt.timedelta(days=14),
        "enrollment_opens": today - dt.timedelta(days=30),
        "enrollment_closes": today + dt.timedelta(days=7),
    }
    for name, value in dates.items():
        row.locator(f'[name="offerings-0-{name}"]').fill(str(value))
    pick(
        page,
        row.get_by_role("combobox", name=re.compile("Facilitators")),
        "Fran",
        f"Fran Facilitator ({facilitator.email})",
    )

    page.get_by_role("button", name="Add another Group tier").click()
    page.locator('[name="group_tiers-0-kind"]').select_option("percent_off")
    page.locator('[name="group_tiers-0-min_participants"]').fill("10")
    page.locator('[name="group_tiers-0-percent_off"]').fill("25")

    page.get_by_role("button", name="Add another Requirement").click()
    page.locator('[name="requirements-0-title"]').fill(requirement)
    page.locator('[name="requirements-0-kind"]').select_option("project")
    page.locator('[name="requirements-0-review_mode"]').select_option("met_not_met")
    save(page, "Save and continue editing")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    unit = Unit.objects.get(title=title)

    # its rule: every required submission Met, added from the unit's page
    page.get_by_role("link", name="Add a rule").click()
    page.locator("#id_kind").select_option("all_met")
    save(page)
    expect(page.get_by_role("heading", name="Would newly qualify")).to_be_visible()
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # its certificate, from the unit's page
    page.goto(f"{base}/admin/programs/unit/{unit.pk}/change/")
    page.get_by_role("link", name="Add a certificate output").click()
    page.locator("#id_kind").select_option("certificate")
    page.get_by_label("Title as printed").fill(f"{title}: Certificate")
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    return unit


def finish_program(page, base, program, units) -> None:
    """The program's "both units" rule and its certificate."""
    program_url = f"{base}/admin/programs/credentialprogram/{program.pk}/change/"
    page.goto(program_url)
    page.get_by_role("link", name="Add a rule").click()
    page.locator("#id_kind").select_option("units_completed")
    page.get_by_label("How many units").fill("2")
    for unit in units:
        pick(
            page,
            page.locator(".field-units").get_by_role("combobox"),
            unit.title,
            str(unit),
        )
    save(page)
    expect(page.get_by_role("heading", name="Would newly qualify")).to_be_visible()
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(f"{base}/admin/certificates/outputspec/add/")
    pick(
        page,
        page.locator(".field-program").get_by_role("combobox"),
        "Chesapeake",
        str(program),
    )
    page.locator("#id_kind").select_option("certificate")
    page.get_by_label("Title as printed").fill("Certificate in Instructional Coaching")
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")


def publish(page, base, program) -> None:
    page.goto(f"{base}/admin/programs/credentialprogram/{program.pk}/change/")
    page.get_by_label("Published", exact=True).check()
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    program.refresh_from_db()
    assert program.is_published


def enroll(page, base, unit, assert_accessible) -> None:
    page.goto(f"{base}{unit.get_absolute_url()}")
    page.get_by_role("link", name="Enroll in Winter run").click()
    expect(page.get_by_text("10 or more: 25% off the invoice")).to_be_visible()
    assert_accessible("enroll confirmation")
    page.get_by_role("button", name="Confirm enrollment (USD 300.00)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Invoice INV-")
    )


def submit(
    page, base, learner, unit, text, assert_accessible, version=1, feedback=""
) -> None:
    enrollment = Enrollment.objects.get(learner=learner, offering__unit=unit)
    requirement = unit.requirements.get()
    page.goto(f"{base}/enrollments/{enrollment.pk}/requirements/{requirement.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(requirement.title)
    if feedback:  # the facilitator's, read before revising
        expect(page.get_by_text(feedback)).to_be_visible()
    page.get_by_label("Your text").fill(text)
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text(f"Version {version} is submitted.")).to_be_visible()
    assert_accessible(f"{requirement.title} submitted")


def review(page, base, learner, unit, decision, assert_accessible, feedback=""):
    page.goto(f"{base}/review/")
    requirement = unit.requirements.get()
    page.get_by_role("row").filter(has_text=requirement.title).get_by_role(
        "link", name=learner.display_name
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(requirement.title)
    assert_accessible("review page")
    page.get_by_label(decision, exact=True).check()
    if feedback:
        page.get_by_label("Feedback").fill(feedback)
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Your review of")).to_be_visible()


def end_yesterday(page, base, unit, learner, yesterday) -> None:
    """On the run's own page: the new end, the preview naming whose award
    becomes due, then Save."""
    offering = Offering.objects.get(unit=unit)
    page.goto(f"{base}/admin/programs/offering/{offering.pk}/change/")
    page.get_by_role("textbox", name="End date:").fill(yesterday.isoformat())
    page.get_by_role("textbox", name="Enrollment closes:").fill(
        (yesterday - dt.timedelta(days=1)).isoformat()
    )
    save(page)
    expect(page.get_by_role("heading", name="Awards that become due")).to_be_visible()
    expect(page.get_by_role("list").filter(has_text=learner.legal_name)).to_be_visible()
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on an admin page, with ``preload:
    false``: axe's own re-parsing of the admin's stylesheets is what the CSP
    would block there (``test_admin_pages``), not the admin. Anything the admin
    itself had blocked would fail the next ``assert_accessible``."""
    page.evaluate(AXE_PATH.read_text())
    result = page.evaluate(
        "tags => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, preload: false})",
        WCAG_TAGS,
    )
    return [f"{v['id']}: {v['help']}" for v in result["violations"]]


def checklist_passes(page, base, program) -> None:
    page.goto(f"{base}/admin/programs/credentialprogram/{program.pk}/change/")
    checklist = page.locator(".publish-checklist")
    expect(checklist.locator("li.missing")).to_have_count(0)
    expect(checklist.locator("li.done")).to_have_count(6)
    assert axe_violations(page) == []


def the_admin_sets_up_alone(live_server, page, assert_accessible, today, wait):
    """The whole journey; ``wait(read)`` polls until the awards are there."""
    base = live_server.url
    admin = UserFactory(is_staff=True, is_superuser=True)
    facilitator = FacilitatorFactory(legal_name="Fran Facilitator")
    learner = LearnerFactory(legal_name="Lee Learner")

    # given an admin who configures everything in the admin
    log_in(page, live_server, admin)
    provider = add_provider(page, base)
    program = add_program(page, base, provider)
    expect(page.locator(".publish-checklist li.missing").first).to_be_visible()
    units = [
        add_unit(page, base, provider, program, facilitator, today, key)
        for key in UNITS
    ]
    finish_program(page, base, program, units)
    assert {u.price for u in units} == {Decimal("300.00")}
    # when the checklist passes, the admin publishes the program
    checklist_passes(page, base, program)
    publish(page, base, program)

    # given a learner who enrolls in both units and submits both pieces
    log_in(page, live_server, learner)
    for unit in units:
        enroll(page, base, unit, assert_accessible)
    first, second = units
    submit(page, base, learner, first, "A first plan.", assert_accessible)
    submit(page, base, learner, second, "Notes of two visits.", assert_accessible)
    # the facilitator marks the plan Not Met with feedback, the notes Met
    log_in(page, live_server, facilitator)
    review(page, base, learner, first, "Not Met", assert_accessible, "Add goals.")
    review(page, base, learner, second, "Met", assert_accessible)
    # the learner reads the feedback and resubmits; the facilitator marks it Met
    log_in(page, live_server, learner)
    submit(
        page,
        base,
        learner,
        first,
        "A plan with goals.",
        assert_accessible,
        version=2,
        feedback="Add goals.",
    )
    log_in(page, live_server, facilitator)
    review(page, base, learner, first, "Met", assert_accessible)
    assert not Award.objects.filter(learner=learner).exists()  # the runs go on

    # when the admin moves each run's end to yesterday, on the run's page
    log_in(page, live_server, admin)
    for unit in units:
        end_yesterday(page, base, unit, learner, today - dt.timedelta(days=1))

    # then the unit and program certificates are issued with no other action
    def all_issued():
        issued = Award.objects.filter(learner=learner, status=Award.Status.ISSUED)
        return issued.count() == 3

    wait(all_issued)
    assert {
        (a.unit_id, a.program_id) for a in Award.objects.filter(learner=learner)
    } == {(units[0].pk, None), (units[1].pk, None), (None, program.pk)}
    log_in(page, live_server, learner)
    page.goto(f"{base}/certificates/")
    for title in [*(f"{u.title}: Certificate" for u in units), program.name]:
        expect(page.get_by_text(title).first).to_be_visible()
    assert_accessible("the learner's certificates")


def test_in_the_default_mode_with_the_scheduler_beside_the_server(
    live_server, page, assert_accessible, today, tmp_path
):
    scheduler = scheduler_start(tmp_path, PROGRESS_SWEEP_SECONDS="2")
    try:
        the_admin_sets_up_alone(
            live_server,
            page,
            assert_accessible,
            today,
            lambda read: wait_for(scheduler, read, timeout=60),
        )
    finally:
        worker_stop(scheduler)


@pytest.mark.skipif(
    not redis_reachable(),
    reason=f"Redis is unreachable at {REDIS_URL}: the real-worker tests need it",
)
def test_with_a_real_worker_and_beat(
    live_server,
    page,
    assert_accessible,
    today,
    tmp_path,
    celery_broker,
    settings,
):
    processes = workers_start(tmp_path)
    processes.append(beat_start(tmp_path, PROGRESS_SWEEP_SECONDS="2"))
    celery_broker(REDIS_URL, eager=False)
    settings.MEDIA_ROOT = processes[0].media_root
    try:
        the_admin_sets_up_alone(
            live_server,
            page,
            assert_accessible,
            today,
            lambda read: wait_for(processes[0], read, timeout=90),
        )
    finally:
        for process in processes:
            worker_stop(process)
    # the worker evaluated the runs and issued the awards, not this process
    log = processes[0].log.read_text()
    assert "Task certificates.offering_evaluate" in log
    assert "Task certificates.award_issue" in log
