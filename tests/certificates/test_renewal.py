"""Renewal: meeting a credential's renewal rules in its window writes a new award
that supersedes the old one and states both the first-earned and renewed dates."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from certificates.models import Award, AwardEvent
from certificates.rendering import document_html
from certificates.services import award_request
from certificates.services.evaluation import progress_sweep
from certificates.services.issuance import award_issue
from certificates.services.openbadges import award_badge_export
from certificates.services.renewal import learner_renewals_evaluate
from programs.models import CompletionRule, RenewalRule, Requirement
from tests.certificates import journeys
from tests.clock import travel_to
from tests.factories import (
    EnrollmentFactory,
    LearnerFactory,
    OfferingFactory,
    ProgramFactory,
    RequirementFactory,
    UnitFactory,
)
from transcripts.selectors import transcript_for

pytestmark = pytest.mark.django_db

STANDARDS = Path(settings.BASE_DIR).parent / "shared" / "standards" / "openbadges-3.0"


@pytest.fixture
def program(db):
    """A two-year credential renewed by 6 CPD credits earned since its award."""
    program = ProgramFactory(name="Digital Learning Leader", valid_for_months=24)
    RenewalRule.objects.create(
        program=program,
        kind=RenewalRule.Kind.CREDITS_SINCE_AWARD,
        measure=RenewalRule.Measure.CPD_CREDITS,
        min_amount=Decimal(6),
    )
    return program


@pytest.fixture
def learner():
    return LearnerFactory(legal_name="Renata Renewer")


def held(learner, program, *, earned_on: dt.date, expires_on: dt.date) -> Award:
    """The learner's issued award of ``program`` (documents left out)."""
    award, _ = award_request(learner=learner, program=program, earned_on=earned_on)
    Award.objects.filter(pk=award.pk).update(
        status=Award.Status.ISSUED, issued_at=timezone.now(), expires_on=expires_on
    )
    award.refresh_from_db()
    return award


def credits_earned(learner, amount: str, *, on: dt.date) -> Award:
    """A unit award that states ``amount`` CPD credits, earned ``on``."""
    unit = UnitFactory(cpd_credits=Decimal(amount))
    award, _ = award_request(learner=learner, unit=unit, earned_on=on)
    return award


@pytest.fixture
def expiring(learner, program, today):
    """Earned about two years ago, expiring in 20 days: the window is open."""
    return held(
        learner,
        program,
        earned_on=today - dt.timedelta(days=710),
        expires_on=today + dt.timedelta(days=20),
    )


def test_six_cpd_credits_earned_since_the_award_renew_it(learner, expiring, today):
    Award.objects.filter(pk=expiring.pk).update(in_wallet=True)
    for amount in ("2", "2", "2"):
        credits_earned(learner, amount, on=today - dt.timedelta(days=100))

    renewed = learner_renewals_evaluate(learner_id=learner.pk, today=today)

    expiring.refresh_from_db()
    assert [award.replaces_id for award in renewed] == [expiring.pk]
    new = renewed[0]
    assert new.status == Award.Status.PENDING
    assert new.earned_on == today
    assert new.first_earned_on == expiring.earned_on
    assert new.snapshot["first_earned_on"] == expiring.earned_on.isoformat()
    assert new.snapshot["earned_on"] == today.isoformat()
    assert new.expires_on > today
    assert new.in_wallet  # the learner's choice carries over
    assert expiring.status == Award.Status.SUPERSEDED
    assert list(expiring.events.values_list("kind", flat=True)) == [
        "requested",
        "renewed",
    ]
    renewed_event = expiring.events.get(kind=AwardEvent.Kind.RENEWED)
    assert renewed_event.detail["by"] == new.pk
    assert renewed_event.detail["reason"] == (
        f"6 of 6 CPD credits since {_written(expiring.earned_on)}"
    )


def test_five_cpd_credits_do_not_renew_it(learner, expiring, today):
    credits_earned(learner, "3", on=today - dt.timedelta(days=100))
    credits_earned(learner, "2", on=today - dt.timedelta(days=10))

    assert learner_renewals_evaluate(learner_id=learner.pk, today=today) == []

    expiring.refresh_from_db()
    assert expiring.status == Award.Status.ISSUED


def test_credits_earned_before_the_award_do_not_count(learner, expiring, today):
    credits_earned(learner, "4", on=expiring.earned_on - dt.timedelta(days=30))
    credits_earned(learner, "1", on=expiring.earned_on)  # the same day: before
    credits_earned(learner, "5", on=expiring.earned_on + dt.timedelta(days=1))

    assert learner_renewals_evaluate(learner_id=learner.pk, today=today) == []
    credits_earned(learner, "1", on=today)
    assert len(learner_renewals_evaluate(learner_id=learner.pk, today=today)) == 1


def test_no_renewal_before_the_window_opens(learner, program, today):
    award = held(
        learner,
        program,
        earned_on=today - dt.timedelta(days=400),
        expires_on=today + dt.timedelta(days=91),
    )
    credits_earned(learner, "6", on=today - dt.timedelta(days=10))

    assert learner_renewals_evaluate(learner_id=learner.pk, today=today) == []
    award.refresh_from_db()
    assert award.status == Award.Status.ISSUED


def test_the_sweep_renews_when_the_window_opens(learner, program, today):
    award = held(
        learner,
        program,
        earned_on=today - dt.timedelta(days=400),
        expires_on=today + dt.timedelta(days=91),
    )
    credits_earned(learner, "6", on=today - dt.timedelta(days=10))
    assert progress_sweep(today=today)["requested"] == 0

    opening = today + dt.timedelta(days=1)
    with travel_to(opening):
        counts = progress_sweep(today=opening)

    assert counts == {"requested": 1, "failed": 0}
    assert award.replaced_by.earned_on == opening


def test_no_renewal_after_the_grace_period(learner, program, today):
    held(
        learner,
        program,
        earned_on=today - dt.timedelta(days=740),
        expires_on=today - dt.timedelta(days=1),
    )
    credits_earned(learner, "6", on=today - dt.timedelta(days=10))

    assert learner_renewals_evaluate(learner_id=learner.pk, today=today) == []


def test_the_supersede_keeps_the_old_record_and_its_page(
    client, learner, expiring, today
):
    credits_earned(learner, "6", on=today - dt.timedelta(days=5))
    [new] = learner_renewals_evaluate(learner_id=learner.pk, today=today)
    Award.objects.filter(pk=new.pk).update(
        status=Award.Status.ISSUED, issued_at=timezone.now()
    )

    old = Award.objects.get(pk=expiring.pk)
    assert old.verification_code == expiring.verification_code
    assert old.snapshot == expiring.snapshot
    assert old.renewed_by == new
    page = client.get(old.get_absolute_url()).content.decode()
    assert "Renewed" in page
    assert f"This credential was renewed on {today:%B} {today.day}, {today.year}" in (
        page
    )
    assert new.get_absolute_url() in page


def test_a_second_evaluation_renews_nothing_more(learner, expiring, today):
    credits_earned(learner, "6", on=today - dt.timedelta(days=5))

    first = learner_renewals_evaluate(learner_id=learner.pk, today=today)
    Award.objects.filter(pk=first[0].pk).update(
        status=Award.Status.ISSUED, issued_at=timezone.now()
    )
    second = learner_renewals_evaluate(learner_id=learner.pk, today=today)

    assert len(first) == 1
    assert second == []  # the renewal counts from today: nothing earned since
    assert Award.objects.filter(learner=learner, program=expiring.program).count() == 2


def test_a_unit_completed_through_progress_renews_the_credential(
    learner, expiring, today
):
    unit = UnitFactory(cpd_credits=Decimal(6))
    RequirementFactory(unit=unit, title="Reflection")
    CompletionRule.objects.create(unit=unit, kind=CompletionRule.Kind.REQUIRED_PIECES)
    offering = OfferingFactory(
        unit=unit,
        start_date=None,
        end_date=None,
        enrollment_opens=None,
        enrollment_closes=None,
    )
    enrollment = EnrollmentFactory(learner=learner, offering=offering)

    journeys.submit(enrollment, "Reflection")

    expiring.refresh_from_db()
    assert expiring.status == Award.Status.SUPERSEDED
    assert expiring.renewed_by.earned_on == today


def test_a_renewal_portfolio_met_renews_it(learner, program, today):
    renewal_unit = UnitFactory(title="Renewal portfolio")
    portfolio = RequirementFactory(
        unit=renewal_unit,
        title="Renewal portfolio",
        review_mode=Requirement.ReviewMode.MET_NOT_MET,
    )
    program.renewal_rules.all().delete()
    RenewalRule.objects.create(
        program=program, kind=RenewalRule.Kind.REQUIREMENT_MET, requirement=portfolio
    )
    award = held(
        learner,
        program,
        earned_on=today - dt.timedelta(days=700),
        expires_on=today + dt.timedelta(days=30),
    )
    offering = OfferingFactory(
        unit=renewal_unit,
        start_date=None,
        end_date=None,
        enrollment_opens=None,
        enrollment_closes=None,
    )
    enrollment = EnrollmentFactory(learner=learner, offering=offering)
    version = journeys.submit(enrollment, "Renewal portfolio")
    award.refresh_from_db()
    assert award.status == Award.Status.ISSUED  # waiting for the review

    journeys.met(version)

    award.refresh_from_db()
    assert award.status == Award.Status.SUPERSEDED


def _written(day: dt.date) -> str:
    from core.dates import format_date

    return format_date(day)


@pytest.fixture
def renewed_issued(learner, program, today):
    """The credential first earned two years ago, renewed today, issued."""
    first = today - dt.timedelta(days=720)
    old = held(learner, program, earned_on=first, expires_on=today)
    credits_earned(learner, "6", on=today - dt.timedelta(days=3))
    [new] = learner_renewals_evaluate(learner_id=learner.pk, today=today)
    return old, award_issue(award_id=new.pk)


def test_both_dates_on_the_pdf_the_verification_page_and_the_badge(
    client, renewed_issued, today
):
    old, new = renewed_issued
    first = old.earned_on

    html = document_html(
        award=new,
        output={"kind": "certificate", "title": "Certificate of Completion"},
    )
    assert (
        f"First earned {first:%B} {first.day}, {first.year} · "
        f'<span class="nowrap">Renewed {today:%B} {today.day}, {today.year}</span>'
    ) in html

    page = client.get(new.get_absolute_url()).content.decode()
    assert "First earned" in page
    assert f"{first:%B} {first.day}, {first.year}" in page
    assert f"{today:%B} {today.day}, {today.year}" in page

    credential = award_badge_export(award=new).credential
    schema = json.loads((STANDARDS / "achievementcredential.schema.json").read_text())
    validator = jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(credential)] == []
    assert credential["awardedDate"].startswith(today.isoformat())
    assert credential["description"] == (
        f"Digital Learning Leader: first earned {first.isoformat()}, "
        f"renewed {today.isoformat()}."
    )

    [entry] = transcript_for(learner=new.learner).entries
    assert (entry.first_earned_on, entry.earned_on) == (first, today)


def test_the_learner_sees_how_far_they_are(client, learner, expiring, today):
    credits_earned(learner, "4", on=today - dt.timedelta(days=30))
    client.force_login(learner)

    page = client.get(reverse("dashboard:dashboard")).content.decode()

    assert f"4 of 6 CPD credits since {_written(expiring.earned_on)}" in page
    assert f"Renew by {_written(expiring.expires_on)}." in page


def test_a_reissued_renewal_keeps_both_dates_and_its_expiry(renewed_issued):
    from certificates.services import award_reissue
    from tests.factories import PortalAdminFactory

    old, renewal = renewed_issued

    corrected = award_reissue(award=renewal, actor=PortalAdminFactory())

    assert corrected.first_earned_on == old.earned_on
    assert corrected.earned_on == renewal.earned_on
    assert corrected.expires_on == renewal.expires_on
    assert corrected.snapshot["first_earned_on"] == old.earned_on.isoformat()
    renewal.refresh_from_db()
    assert renewal.renewed_by is None  # corrected, not renewed
