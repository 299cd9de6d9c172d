"""Renewal rules evaluated as pure functions over plain data.

No database and no clock: ``certificates.selectors.renewal`` gathers the award to
renew, its credential's ``RenewalRule`` rows as values and the learner's later
awards, and each rule kind has one small evaluator saying how far the learner is
("4 of 6 CPD credits since Mar. 1, 2025"). Only what was earned *after* the
award's earned date counts: an award renewed today starts the count again from
today, so the awards that renewed it never count twice.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from core.dates import format_date
from programs.models.renewal_rules import CreditMeasure, RenewalKind
from reviews.outcomes import Outcome, RequirementState

from . import messages


@dataclass(frozen=True)
class RenewalRuleValue:
    """A ``RenewalRule`` row as plain values."""

    kind: str
    description: str = ""
    measure: str = ""
    min_amount: Decimal | None = None
    requirement_id: int | None = None
    requirement_title: str = ""
    requirement_unit_id: int | None = None
    opens_days_before: int = 90
    grace_days: int = 0


@dataclass(frozen=True)
class CreditAward:
    """One of the learner's unit awards, with the figures its snapshot states."""

    earned_on: dt.date
    credits: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class RenewalFacts:
    today: dt.date
    earned_on: dt.date  # the award to renew: what came later counts
    expires_on: dt.date | None
    tz: dt.tzinfo = dt.UTC
    credit_awards: tuple[CreditAward, ...] = ()
    states: Mapping[int, RequirementState] = field(default_factory=dict)


@dataclass(frozen=True)
class RenewalResult:
    is_met: bool
    progress: str


@dataclass(frozen=True)
class RenewalWindow:
    opens: dt.date
    closes: dt.date

    def holds(self, day: dt.date) -> bool:
        return self.opens <= day <= self.closes


@dataclass(frozen=True)
class RenewalEvaluation:
    results: tuple[RenewalResult, ...]
    window: RenewalWindow | None  # None: nothing to renew (no rule or no expiry)
    today: dt.date

    @property
    def is_met(self) -> bool:
        return bool(self.results) and all(result.is_met for result in self.results)

    @property
    def opens_later(self) -> bool:
        return self.window is not None and self.today < self.window.opens

    @property
    def closed(self) -> bool:
        return self.window is not None and self.today > self.window.closes

    @property
    def is_due(self) -> bool:
        """Every rule met inside the window: the award is renewed today."""
        return self.is_met and self.window is not None and self.window.holds(self.today)


def credits_since(rule: RenewalRuleValue, facts: RenewalFacts) -> RenewalResult:
    """At least ``min_amount`` of the measure, from unit awards earned after the
    award to renew (those earned on or before its day do not count)."""
    earned = sum(
        (
            award.credits.get(rule.measure, Decimal(0))
            for award in facts.credit_awards
            if award.earned_on > facts.earned_on
        ),
        Decimal(0),
    )
    needed = rule.min_amount or Decimal(0)
    return RenewalResult(
        earned >= needed,
        messages.RENEWAL_CREDITS
        % {
            "done": _number(min(earned, needed)),
            "needed": _number(needed),
            "measure": CreditMeasure(rule.measure).label,
            "date": format_date(facts.earned_on),
        },
    )


def requirement_met(rule: RenewalRuleValue, facts: RenewalFacts) -> RenewalResult:
    """The renewal requirement reviewed Met, in a version submitted after the
    award to renew (the Met of an earlier renewal does not count again)."""
    state = facts.states.get(rule.requirement_id or 0)
    params = {"requirement": rule.requirement_title}
    submitted_on = (
        state.submitted_at.astimezone(facts.tz).date()
        if state and state.submitted_at
        else None
    )
    if submitted_on is None or submitted_on <= facts.earned_on:
        return RenewalResult(False, messages.NOT_SUBMITTED % params)
    if state is not None and state.outcome == Outcome.MET:
        return RenewalResult(True, messages.RENEWAL_REQUIREMENT_MET % params)
    if state is not None and state.outcome == Outcome.NOT_MET:
        return RenewalResult(False, messages.NOT_MET % params)
    return RenewalResult(False, messages.AWAITING_REVIEW % params)


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


RenewalEvaluator = Callable[[RenewalRuleValue, RenewalFacts], RenewalResult]

# One evaluator per member of ``RenewalKind``, the one list of kinds.
RENEWAL_EVALUATORS: dict[RenewalKind, RenewalEvaluator] = {
    RenewalKind.CREDITS_SINCE_AWARD: credits_since,
    RenewalKind.REQUIREMENT_MET: requirement_met,
}


def renewal_window(
    rules: list[RenewalRuleValue], expires_on: dt.date | None
) -> RenewalWindow | None:
    """When the award may be renewed: inside every rule's window (the latest
    opening, the earliest close); None when it never expires or has no rule."""
    if expires_on is None or not rules:
        return None
    return RenewalWindow(
        opens=expires_on - dt.timedelta(days=min(r.opens_days_before for r in rules)),
        closes=expires_on + dt.timedelta(days=min(r.grace_days for r in rules)),
    )


def renewal_evaluate(
    rules: list[RenewalRuleValue], facts: RenewalFacts
) -> RenewalEvaluation:
    """Every renewal rule of one award's credential, and its window."""
    results = tuple(
        RENEWAL_EVALUATORS[RenewalKind(rule.kind)](rule, facts) for rule in rules
    )
    return RenewalEvaluation(
        results=results,
        window=renewal_window(rules, facts.expires_on),
        today=facts.today,
    )
