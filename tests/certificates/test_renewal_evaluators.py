"""The renewal evaluators, pure: credits counted from the award's day, the
renewal requirement, the window. No database."""

import datetime as dt
from decimal import Decimal

import pytest

from certificates.renewal import (
    RENEWAL_EVALUATORS,
    CreditAward,
    RenewalFacts,
    RenewalRuleValue,
    renewal_evaluate,
    renewal_window,
)
from core.dates import format_date
from programs.models.renewal_rules import RenewalKind
from reviews.outcomes import Outcome, RequirementState

EARNED = dt.date(2025, 3, 1)
EXPIRES = dt.date(2027, 2, 28)
SINCE = format_date(EARNED)  # as the portal writes it ("March 1, 2025")
CPD = RenewalRuleValue(
    kind=RenewalKind.CREDITS_SINCE_AWARD, measure="cpd_credits", min_amount=Decimal(6)
)
PORTFOLIO = RenewalRuleValue(
    kind=RenewalKind.REQUIREMENT_MET,
    requirement_id=7,
    requirement_title="Renewal portfolio",
)


def facts(*, today=dt.date(2027, 1, 15), awards=(), states=None) -> RenewalFacts:
    return RenewalFacts(
        today=today,
        earned_on=EARNED,
        expires_on=EXPIRES,
        credit_awards=tuple(
            CreditAward(earned_on=day, credits={"cpd_credits": Decimal(n)})
            for day, n in awards
        ),
        states=states or {},
    )


def test_every_renewal_kind_has_its_evaluator():
    assert set(RENEWAL_EVALUATORS) == set(RenewalKind)


@pytest.mark.parametrize(
    ("awards", "is_met", "progress"),
    [
        ([], False, f"0 of 6 CPD credits since {SINCE}"),
        ([(dt.date(2026, 1, 5), "5")], False, f"5 of 6 CPD credits since {SINCE}"),
        ([(dt.date(2026, 1, 5), "6")], True, f"6 of 6 CPD credits since {SINCE}"),
        ([(dt.date(2026, 1, 5), "4.5"), (dt.date(2026, 6, 1), "1.5")], True, None),
        ([(EARNED, "6")], False, None),  # the award's own day: not since
        ([(EARNED - dt.timedelta(days=1), "6")], False, None),
        ([(EARNED + dt.timedelta(days=1), "6")], True, None),
        ([(dt.date(2026, 1, 5), "9")], True, f"6 of 6 CPD credits since {SINCE}"),
    ],
)
def test_credits_count_from_the_day_after_the_award(awards, is_met, progress):
    [result] = renewal_evaluate([CPD], facts(awards=awards)).results

    assert result.is_met is is_met
    if progress:
        assert result.progress == progress


@pytest.mark.parametrize(
    ("outcome", "submitted", "is_met", "progress"),
    [
        (None, None, False, "Renewal portfolio not submitted yet"),
        (Outcome.MET, EARNED, False, "Renewal portfolio not submitted yet"),
        (Outcome.PENDING_REVIEW, dt.date(2027, 1, 2), False, None),
        (
            Outcome.NOT_MET,
            dt.date(2027, 1, 2),
            False,
            "Renewal portfolio was Not Met: revise and resubmit",
        ),
        (Outcome.MET, dt.date(2027, 1, 2), True, "Renewal portfolio reviewed Met"),
    ],
)
def test_the_renewal_requirement_met_after_the_award(
    outcome, submitted, is_met, progress
):
    states = {}
    if outcome:
        moment = dt.datetime.combine(submitted, dt.time(12), tzinfo=dt.UTC)
        states = {7: RequirementState(7, outcome, submitted_at=moment)}

    [result] = renewal_evaluate([PORTFOLIO], facts(states=states)).results

    assert result.is_met is is_met
    if progress:
        assert result.progress == progress


@pytest.mark.parametrize(
    ("today", "is_due"),
    [
        (EXPIRES - dt.timedelta(days=91), False),
        (EXPIRES - dt.timedelta(days=90), True),
        (EXPIRES, True),
        (EXPIRES + dt.timedelta(days=1), False),
    ],
)
def test_the_window_opens_90_days_before_expiry_and_closes_with_it(today, is_due):
    evaluation = renewal_evaluate(
        [CPD], facts(today=today, awards=[(dt.date(2026, 1, 5), "6")])
    )

    assert evaluation.is_met
    assert evaluation.is_due is is_due


def test_the_window_is_inside_every_rules_window():
    rules = [
        RenewalRuleValue(kind=CPD.kind, opens_days_before=120, grace_days=10),
        RenewalRuleValue(kind=CPD.kind, opens_days_before=60, grace_days=30),
    ]

    window = renewal_window(rules, EXPIRES)

    assert (window.opens, window.closes) == (
        EXPIRES - dt.timedelta(days=60),
        EXPIRES + dt.timedelta(days=10),
    )


def test_nothing_to_renew_without_rules_or_expiry():
    assert renewal_window([CPD], None) is None
    assert not renewal_evaluate([], facts()).is_due
