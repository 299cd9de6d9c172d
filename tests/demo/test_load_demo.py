"""The demo catalogue holds every figure of ../shared/CATALOG.md."""

import datetime as dt
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command

from enrollments.models import Enrollment, GroupOrder, Invoice, Participant
from programs.models import (
    CompletionRule,
    CredentialProgram,
    GroupTier,
    Offering,
    Provider,
    Requirement,
    RubricCriterion,
    Session,
    Unit,
)
from reviews.models import Review, Submission, SubmissionVersion
from tests.catalog import PLACES, demo_offering

pytestmark = pytest.mark.django_db

ALL_MODELS = [
    Provider,
    CredentialProgram,
    Unit,
    Offering,
    Session,
    GroupTier,
    Requirement,
    RubricCriterion,
    CompletionRule,
]


DEMO_EMAILS = [
    "admin@demo.test",
    "facilitator1@demo.test",
    "facilitator2@demo.test",
    "learner1@demo.test",
    "learner2@demo.test",
    "learner3@demo.test",
    "learner4@demo.test",
]
# What the demo's activity writes (enrollments, orders, submissions, reviews).
ACTIVITY_MODELS = [
    get_user_model(),
    Enrollment,
    GroupOrder,
    Participant,
    Invoice,
    Submission,
    SubmissionVersion,
    Review,
]


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in [*ALL_MODELS, *ACTIVITY_MODELS]
    }


def test_load_demo_is_idempotent():
    call_command("load_demo")
    first = row_counts()
    call_command("load_demo")
    assert row_counts() == first
    assert get_user_model().objects.filter(email__in=DEMO_EMAILS).count() == 7


def test_demo_users_can_log_in_with_the_demo_password(client):
    call_command("load_demo")
    for email in DEMO_EMAILS:
        user = get_user_model().objects.get(email=email)
        assert user.check_password("portal-demo")
        assert EmailAddress.objects.get(user=user).verified
    assert get_user_model().objects.get(email="admin@demo.test").is_superuser


def test_demo_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-secret-pass")
    call_command("load_demo")
    learner = get_user_model().objects.get(email="learner1@demo.test")
    assert learner.check_password("another-secret-pass")


def test_the_four_seed_systems_are_there(demo_catalog):
    assert set(Provider.objects.values_list("short_name", flat=True)) == {
        "HGSE",
        "ISTE",
        "Loyola",
    }
    assert Provider.objects.get(short_name="ISTE").delivery_partner == "METC"
    assert set(CredentialProgram.objects.values_list("short_name", flat=True)) == {
        "CMTE",
        "CAEL",
        "ISTE Certification",
        "Loyola Full",
        "Loyola Stacked",
        "Loyola CEU",
    }


def test_cmte_workshops_with_their_weeks_and_hours(demo_catalog):
    sotl = Unit.objects.get(short_name="SOTL")
    otla = Unit.objects.get(short_name="OTLA")
    online_classroom = Unit.objects.get(short_name="The Online Classroom")
    assert (sotl.weeks, sotl.hours_per_week_min, sotl.hours_per_week_max) == (4, 4, 5)
    assert (otla.weeks, otla.hours_per_week_min, otla.hours_per_week_max) == (6, 3, 4)
    assert online_classroom.weeks == 4
    assert "preK-12" in sotl.audience
    assert "Higher-education" in online_classroom.audience
    cmte = CredentialProgram.objects.get(short_name="CMTE")
    assert set(cmte.units.all()) == {sotl, otla, online_classroom}
    assert all(unit.kind == Unit.Kind.WORKSHOP for unit in cmte.units.all())


def test_sotl_is_recommended_before_otla_as_a_hint_not_a_prerequisite(demo_catalog):
    otla = Unit.objects.get(short_name="OTLA")
    assert list(otla.recommended_prior_units.values_list("short_name", flat=True)) == [
        "SOTL"
    ]
    assert not otla.prerequisites.exists()


def test_each_cmte_workshop_has_a_past_a_current_and_a_next_run(demo_catalog, today):
    for unit in CredentialProgram.objects.get(short_name="CMTE").units.all():
        offerings = list(unit.offerings.order_by("start_date"))
        assert offerings == [
            demo_offering(unit.slug, place, today=today) for place in PLACES
        ]
        previous, current, following = offerings
        assert previous.end_date < today
        assert current.start_date <= today <= current.end_date
        assert following.enrollment_opens <= today <= following.enrollment_closes
        assert len({o.label for o in offerings}) == 3
        for offering in offerings:
            assert (offering.end_date - offering.start_date).days + 1 == unit.weeks * 7


def test_cmte_certificate_needs_three_workshops_in_any_order(demo_catalog):
    rule = CompletionRule.objects.get(program__short_name="CMTE")
    assert (rule.kind, rule.min_count) == (CompletionRule.Kind.UNITS_COMPLETED, 3)
    assert "at least 3 workshops completed, in any order" in rule.describe()


def test_cmte_final_product_is_not_graded_and_shared_with_peers(demo_catalog):
    for unit in CredentialProgram.objects.get(short_name="CMTE").units.all():
        (requirement,) = unit.requirements.all()
        assert requirement.kind == Requirement.Kind.FINAL_PRODUCT
        assert requirement.review_mode == Requirement.ReviewMode.NONE
        assert requirement.shared_with_peers
        assert not unit.offerings.filter(sessions__is_required=True).exists()


def test_groups_of_10_get_25_percent_off_except_the_online_classroom(demo_catalog):
    for short_name in ["SOTL", "OTLA"]:
        (tier,) = Unit.objects.get(short_name=short_name).group_tiers.all()
        assert tier.min_participants == 10
        assert tier.kind == GroupTier.Kind.PERCENT_OFF_INVOICE
        assert tier.percent_off == Decimal("25")


def test_the_online_classroom_costs_375_and_295_each_from_4(demo_catalog):
    unit = Unit.objects.get(short_name="The Online Classroom")
    assert (unit.price, unit.currency) == (Decimal("375.00"), "USD")
    (tier,) = unit.group_tiers.all()
    assert (tier.min_participants, tier.kind) == (4, GroupTier.Kind.PRICE_PER_PERSON)
    assert tier.price_per_person == Decimal("295.00")
    assert str(tier) == "4 or more: USD 295.00 per person"


def test_no_scholarships_and_everyone_is_eligible(demo_catalog):
    cmte = CredentialProgram.objects.get(short_name="CMTE")
    assert "No scholarships" in cmte.scholarships
    assert cmte.eligibility == "Everyone is eligible."


def test_cael_modules_have_60_clock_hours_and_two_tracks(demo_catalog):
    modules = CredentialProgram.objects.get(short_name="CAEL").units.all()
    assert {m.short_name for m in modules} == {
        "Developing Myself",
        "Driving Change",
        "Leading for Excellence and Equity",
        "Leading Learning",
        "Managing Evidence",
    }
    for module in modules:
        assert module.kind == Unit.Kind.MODULE
        assert module.delivery == Unit.Delivery.FACILITATED
        assert module.clock_hours == 60
        assert module.has_tracks
        assert module.weeks == 13


def test_iste_cohorts_in_both_formats_with_required_sessions(demo_catalog):
    course = Unit.objects.get(slug="iste-certification")
    assert course.offerings.count() == 6  # three runs, each in both formats
    metc, online = course.offerings.order_by("start_date", "-label")[:2]
    assert metc.format_name.startswith("METC online")
    assert metc.sessions.filter(is_required=True).count() == 3
    assert metc.sessions.filter(is_required=False).count() == 3
    assert online.format_name == "Fully online"
    assert online.format_details.startswith("About 14 weeks")
    assert [s.title for s in online.sessions.filter(is_required=True)] == [
        "Pre-work session",
        "Session 1",
        "Session 2",
        "Session 3",
        "Session 4",
        "Session 5",
    ]
    assert (online.end_date - online.start_date).days + 1 == 14 * 7


def test_iste_portfolio_is_9_to_14_artifacts_within_six_months_pass_at_20_of_25(
    demo_catalog,
):
    portfolio = Requirement.objects.get(
        unit__slug="iste-certification", kind="portfolio"
    )
    assert (portfolio.min_artifacts, portfolio.max_artifacts) == (9, 14)
    assert portfolio.deadline == Requirement.Deadline.AFTER_OFFERING_END
    assert portfolio.deadline_months_after_end == 6
    assert portfolio.review_mode == Requirement.ReviewMode.RUBRIC
    assert portfolio.pass_score == 20
    assert sum(c.max_points for c in portfolio.rubric_criteria.all()) == 25
    assert CompletionRule.objects.filter(kind="min_score", requirement=portfolio)
    pre = Requirement.objects.get(
        unit__slug="iste-certification", kind="pre_assessment"
    )
    assert pre.deadline == Requirement.Deadline.BEFORE_FIRST_SESSION


def test_loyola_fees_are_175_50_and_25(demo_catalog):
    full = CredentialProgram.objects.get(short_name="Loyola Full").units.get()
    assert full.price == Decimal("175.00")
    assert full.estimated_hours == 15
    assert full.cpd_credits == Decimal("1.0")
    assert full.delivery == Unit.Delivery.FACILITATED
    assert all(o.content_open_after_end for o in full.offerings.all())
    assert all(
        r.review_mode == Requirement.ReviewMode.MET_NOT_MET
        for r in full.requirements.all()
    )
    stack = CredentialProgram.objects.get(short_name="Loyola Stacked").units.all()
    assert {(u.price, u.estimated_hours) for u in stack} == {(Decimal("50.00"), 5)}
    ceu = CredentialProgram.objects.get(short_name="Loyola CEU").units.get()
    assert ceu.price == Decimal("25.00")
    assert not GroupTier.objects.filter(unit__provider__short_name="Loyola").exists()


def test_stacked_micro_credentials_build_upon_one_another(demo_catalog):
    first, second, third = CredentialProgram.objects.get(
        short_name="Loyola Stacked"
    ).units.order_by("position")
    assert not first.prerequisites.exists()
    assert list(second.prerequisites.all()) == [first]
    assert list(third.prerequisites.all()) == [second]
    for unit in (first, second, third):
        (offering,) = unit.offerings.all()
        assert offering.is_open_ended
        modes = set(unit.requirements.values_list("review_mode", flat=True))
        assert modes == {"automatic", "met_not_met"}
    # and only a unit that has a prerequisite says it builds on one, naming it
    assert "Builds on" not in first.summary
    assert "no prerequisite" in first.summary
    assert second.summary.endswith(f"Builds on {first.title}.")
    assert third.summary.endswith(f"Builds on {second.title}.")


def test_ceu_needs_attendance_and_a_reviewed_reflection(demo_catalog):
    ceu = Unit.objects.get(slug="loyola-ceu-edcamps-conferences")
    kinds = dict(ceu.requirements.values_list("kind", "review_mode"))
    assert kinds == {"attendance": "none", "reflection": "met_not_met"}
    assert ceu.offerings.count() == 6  # two events in each of three runs


def test_demo_offerings_are_placed_around_the_load_day(db):
    from demo.services import demo_catalog_load

    demo_catalog_load(today=dt.date(2027, 9, 1))
    labels = set(
        Offering.objects.filter(unit__slug="sotl").values_list("label", flat=True)
    )
    assert labels == {"Spring 2027", "Summer 2027", "Spring 2028"}
