"""Completion rules evaluated as pure functions over plain data.

No database and no clock: ``certificates.selectors`` gathers a ``LearnerFacts`` and
the rules as ``Rule`` values (``today`` and the time zone included), and each rule
kind has one small evaluator returning whether it is met and, if not, what is
missing in the learner's words ("1 more workshop").
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from core.dates import format_date
from programs.models.completion_rules import RuleKind
from programs.models.requirements import DECIDED_BY_REVIEW, DONE_WITHOUT_DECISION
from programs.pass_mark import score_passes
from reviews.outcomes import Outcome, RequirementState

from . import messages

# A piece not done yet, in the learner's words: sessions still to come are upcoming.
PIECE_WORDS = {Outcome.UPCOMING: messages.PIECE_UPCOMING}


@dataclass(frozen=True)
class UnitInfo:
    id: int
    label: str
    kind: str = ""
    title: str = ""


@dataclass(frozen=True)
class RequirementInfo:
    id: int
    title: str
    review_mode: str
    is_required: bool = True
    unit_id: int = 0
    pass_score: int | None = None  # the one pass mark (``programs.pass_mark``)


@dataclass(frozen=True)
class Rule:
    """A ``CompletionRule`` row as plain values, its sets already resolved."""

    kind: str
    description: str = ""
    units: tuple[UnitInfo, ...] = ()
    min_count: int | None = None
    requirements: tuple[RequirementInfo, ...] = ()


@dataclass(frozen=True)
class LearnerFacts:
    """Everything the evaluators may know about one learner."""

    today: dt.date
    tz: dt.tzinfo = dt.UTC
    completed_unit_ids: frozenset[int] = frozenset()
    held_unit_ids: frozenset[int] = frozenset()
    held_program_ids: frozenset[int] = frozenset()
    states: Mapping[int, RequirementState] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleResult:
    is_met: bool
    missing: str = ""
    waiting: str = ""  # submitted and waiting for review: not missing
    done: int | None = None  # a count rule: units completed of ``needed``
    needed: int | None = None


@dataclass(frozen=True)
class Evaluation:
    is_complete: bool
    results: tuple[RuleResult, ...]

    @property
    def unmet(self) -> list[str]:
        return [
            result.missing or result.waiting
            for result in self.results
            if not result.is_met
        ]


def _date(day: dt.date) -> str:
    return format_date(day)


def _state(rule: Rule, facts: LearnerFacts) -> tuple[str, RequirementState | None]:
    requirement = rule.requirements[0]
    return requirement.title, facts.states.get(requirement.id)


def _pass_score(rule: Rule) -> int | None:
    return rule.requirements[0].pass_score


def _outcome(state: RequirementState | None) -> Outcome:
    return state.outcome if state else Outcome.MISSING


def units_completed(rule: Rule, facts: LearnerFacts) -> RuleResult:
    """At least ``min_count`` units of the set (every unit when empty) completed."""
    if not rule.units:
        return RuleResult(False, str(messages.NO_UNITS))
    done = {unit.id for unit in rule.units} & facts.completed_unit_ids
    needed = rule.min_count or len(rule.units)
    short = needed - len(done)
    done_count = min(len(done), needed)
    if short <= 0:
        return RuleResult(True, done=done_count, needed=needed)
    kinds = {unit.kind for unit in rule.units}
    noun = kinds.pop() if len(kinds) == 1 else ""
    more = messages.MORE_UNITS.get(noun, messages.MORE_UNITS[""])
    return RuleResult(False, more % {"n": short}, done=done_count, needed=needed)


def min_score(rule: Rule, facts: LearnerFacts) -> RuleResult:
    """The requirement scored at least its pass mark (``programs.pass_mark``)."""
    title, state = _state(rule, facts)
    params = {"requirement": title}
    if _outcome(state) == Outcome.MISSING:
        return RuleResult(False, messages.NOT_SUBMITTED % params)
    if _outcome(state) == Outcome.PENDING_REVIEW:
        return RuleResult(False, waiting=messages.AWAITING_REVIEW % params)
    if state is None or state.score is None:
        return RuleResult(False, messages.NOT_SCORED % params)
    pass_score = _pass_score(rule)
    if score_passes(state.score, pass_score=pass_score):
        return RuleResult(True)
    return RuleResult(
        False,
        messages.SCORE_BELOW
        % {
            **params,
            "score": state.score,
            "out_of": state.out_of,
            "needed": pass_score,
        },
    )


def all_met(rule: Rule, facts: LearnerFacts) -> RuleResult:
    """Every required Met / Not Met submission is Met (resubmissions allowed)."""
    missing, waiting = [], []
    for requirement in rule.requirements:
        if not requirement.is_required or requirement.review_mode != DECIDED_BY_REVIEW:
            continue
        params = {"requirement": requirement.title}
        outcome = _outcome(facts.states.get(requirement.id))
        if outcome == Outcome.NOT_MET:
            missing.append(messages.NOT_MET % params)
        elif outcome == Outcome.PENDING_REVIEW:
            waiting.append(messages.AWAITING_REVIEW % params)
        elif outcome != Outcome.MET:
            missing.append(messages.NOT_SUBMITTED % params)
    return RuleResult(
        not missing and not waiting, "; ".join(missing), "; ".join(waiting)
    )


def required_pieces(rule: Rule, facts: LearnerFacts) -> RuleResult:
    """Every required piece that needs no decision (pre-assessment, attendance,
    final product, automatic check) is done; reviews and scores have their rules."""
    missing = []
    for requirement in rule.requirements:
        if not requirement.is_required:
            continue
        if requirement.review_mode not in DONE_WITHOUT_DECISION:
            continue
        outcome = _outcome(facts.states.get(requirement.id))
        if outcome in {Outcome.COMPLETE, Outcome.MET}:
            continue
        words = PIECE_WORDS.get(outcome, messages.PIECE_NOT_DONE)
        missing.append(words % {"requirement": requirement.title})
    return RuleResult(not missing, "; ".join(missing))


def within_deadline(rule: Rule, facts: LearnerFacts) -> RuleResult:
    """Submitted on or before its effective deadline (extensions included)."""
    title, state = _state(rule, facts)
    deadline = state.deadline if state else None
    if state and state.submitted_at and state.outcome != Outcome.MISSING:
        submitted_on = state.submitted_at.astimezone(facts.tz).date()
        if deadline is None or submitted_on <= deadline:
            return RuleResult(True)
        return RuleResult(
            False,
            messages.SUBMITTED_LATE % {"requirement": title, "date": _date(deadline)},
        )
    params = {"requirement": title}
    if deadline is None:
        return RuleResult(False, messages.NOT_SUBMITTED % params)
    message = messages.DEADLINE_PASSED if facts.today > deadline else messages.DUE_BY
    return RuleResult(False, message % {**params, "date": _date(deadline)})


def prerequisites(rule: Rule, facts: LearnerFacts) -> RuleResult:
    """Every prerequisite unit held (its award) or completed (past completions too)."""
    held = facts.held_unit_ids | facts.completed_unit_ids
    missing = [unit.label for unit in rule.units if unit.id not in held]
    if not missing:
        return RuleResult(True)
    return RuleResult(
        False, messages.PREREQUISITES_MISSING % {"units": ", ".join(missing)}
    )


Evaluator = Callable[[Rule, LearnerFacts], RuleResult]

# One evaluator per member of ``RuleKind``, the one list of kinds.
EVALUATORS: dict[RuleKind, Evaluator] = {
    RuleKind.UNITS_COMPLETED: units_completed,
    RuleKind.MIN_SCORE: min_score,
    RuleKind.ALL_SUBMISSIONS_MET: all_met,
    RuleKind.REQUIRED_PIECES: required_pieces,
    RuleKind.WITHIN_DEADLINE: within_deadline,
    RuleKind.PREREQUISITES_HELD: prerequisites,
}


class UnknownRuleKind(ValueError):
    """A rule whose kind has no evaluator: a programming error, named clearly."""


def evaluator_for(kind: str) -> Evaluator:
    """The evaluator of ``kind`` (a ``RuleKind`` or its stored value)."""
    try:
        return EVALUATORS[RuleKind(kind)]
    except (ValueError, KeyError):
        raise UnknownRuleKind(
            f"No evaluator for the completion rule kind {kind!r}; "
            f"known kinds: {', '.join(sorted(EVALUATORS))}"
        ) from None


def evaluate(rules: list[Rule], facts: LearnerFacts) -> Evaluation:
    """All rules of one credential; a credential without rules is never complete."""
    results = tuple(evaluator_for(rule.kind)(rule, facts) for rule in rules)
    return Evaluation(
        is_complete=bool(results) and all(r.is_met for r in results), results=results
    )


def results_of(rules: list[Rule], facts: LearnerFacts) -> dict[str, object]:
    """What an award states about how it was earned: the units counted, the scores."""
    units: list[str] = []
    scores: list[dict[str, object]] = []
    for rule in rules:
        if rule.kind == RuleKind.UNITS_COMPLETED:
            units += [
                unit.title or unit.label
                for unit in rule.units
                if unit.id in facts.completed_unit_ids
            ]
        elif rule.kind == RuleKind.MIN_SCORE and rule.requirements:
            requirement = rule.requirements[0]
            state = facts.states.get(requirement.id)
            if state and state.score is not None:
                scores.append(
                    {
                        "requirement": requirement.title,
                        "score": state.score,
                        "out_of": state.out_of,
                    }
                )
    return {"units": units, "scores": scores}
