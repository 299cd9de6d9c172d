"""Bad configuration cannot be saved: the database refuses it, with a clear message."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programs.models import CompletionRule, GroupTier, Offering, Requirement
from tests.factories import (
    GroupTierFactory,
    OfferingFactory,
    ProgramFactory,
    RequirementFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def refused_by_database(build, constraint: str):
    """``build`` fails on the database's ``constraint``, not on any other."""
    with pytest.raises(IntegrityError, match=rf'"{constraint}"'), transaction.atomic():
        build()


def test_group_tier_of_zero_people_is_refused():
    unit = UnitFactory()
    refused_by_database(
        lambda: GroupTierFactory(unit=unit, min_participants=0),
        "group_tier_at_least_two_people",
    )
    tier = GroupTier(unit=unit, min_participants=0, kind="percent_off", percent_off=25)
    with pytest.raises(
        ValidationError, match="A group tier starts at 2 or more people"
    ):
        tier.full_clean()


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "percent_off", "percent_off": Decimal("0")},
        {"kind": "percent_off", "percent_off": Decimal("120")},
        {"kind": "percent_off", "percent_off": None},
        {"kind": "per_person", "price_per_person": None},
        {"kind": "per_person", "price_per_person": Decimal("-1")},
        {"kind": "per_person", "price_per_person": 295, "percent_off": 25},
    ],
)
def test_group_tier_amount_must_match_its_kind(fields):
    defaults = {"percent_off": None, "price_per_person": None}
    refused_by_database(
        lambda: GroupTier.objects.create(
            unit=UnitFactory(), min_participants=4, **{**defaults, **fields}
        ),
        "group_tier_amount_matches_kind",
    )


def test_two_tiers_from_the_same_size_are_refused():
    tier = GroupTierFactory()
    refused_by_database(
        lambda: GroupTierFactory(unit=tier.unit), "group_tier_unique_threshold"
    )


def test_offering_that_ends_before_it_starts_is_refused():
    offering = OfferingFactory.build(
        unit=UnitFactory(), start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 1, 1)
    )
    with pytest.raises(
        ValidationError, match="An offering cannot end before it starts"
    ):
        offering.full_clean()
    refused_by_database(offering.save, "offering_ends_after_start")


def test_offering_with_only_a_start_date_is_refused():
    refused_by_database(
        lambda: OfferingFactory(end_date=None), "offering_dates_both_or_neither"
    )


def test_enrollment_that_closes_before_it_opens_is_refused():
    refused_by_database(
        lambda: OfferingFactory(
            enrollment_opens=dt.date(2027, 1, 1), enrollment_closes=dt.date(2026, 1, 1)
        ),
        "offering_enrollment_window_ordered",
    )


def test_offering_capacity_of_zero_is_refused():
    refused_by_database(
        lambda: OfferingFactory(capacity=0), "offering_capacity_positive"
    )


def test_open_enrollment_offering_without_dates_is_allowed():
    offering = Offering.objects.create(unit=UnitFactory(), label="Open enrollment")
    assert offering.is_open_ended


def test_portfolio_minimum_above_its_maximum_is_refused():
    requirement = RequirementFactory.build(
        unit=UnitFactory(), kind="portfolio", min_artifacts=15, max_artifacts=14
    )
    with pytest.raises(ValidationError, match="minimum number of artifacts cannot be"):
        requirement.full_clean()
    refused_by_database(requirement.save, "requirement_artifact_range_ordered")


def test_portfolio_without_an_artifact_range_is_refused():
    refused_by_database(
        lambda: RequirementFactory(kind="portfolio"), "requirement_portfolio_has_range"
    )


def test_rubric_requirement_without_pass_mark_is_refused():
    refused_by_database(
        lambda: RequirementFactory(review_mode="rubric"),
        "requirement_rubric_has_pass_mark",
    )


def test_fixed_deadline_without_a_date_is_refused():
    refused_by_database(
        lambda: RequirementFactory(deadline="fixed"),
        "requirement_fixed_deadline_has_date",
    )


def test_deadline_after_the_end_needs_a_delay():
    refused_by_database(
        lambda: RequirementFactory(deadline="after_end"),
        "requirement_relative_deadline_has_delay",
    )
    ok = RequirementFactory(deadline="after_end", deadline_months_after_end=6)
    assert ok.deadline == Requirement.Deadline.AFTER_OFFERING_END


def test_negative_price_is_refused():
    refused_by_database(
        lambda: UnitFactory(price=Decimal("-5")), "unit_price_not_negative"
    )


def test_rule_must_belong_to_exactly_one_program_or_unit():
    refused_by_database(
        lambda: CompletionRule.objects.create(kind="units_completed", min_count=3),
        "completion_rule_belongs_to_program_or_unit",
    )
    refused_by_database(
        lambda: CompletionRule.objects.create(
            kind="units_completed",
            min_count=3,
            program=ProgramFactory(),
            unit=UnitFactory(),
        ),
        "completion_rule_belongs_to_program_or_unit",
    )


def test_score_rule_without_a_requirement_is_refused():
    requirement = RequirementFactory(review_mode="rubric", pass_score=20)
    refused_by_database(
        lambda: CompletionRule.objects.create(
            unit=requirement.unit, kind="min_score", requirement=None
        ),
        "completion_rule_score_has_requirement",
    )
