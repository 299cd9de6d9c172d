"""The completion rules as a table: every rule kind, every boundary, no database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from certificates.evaluators import (
    EVALUATORS,
    LearnerFacts,
    RequirementInfo,
    Rule,
    UnitInfo,
    UnknownRuleKind,
    evaluate,
    results_of,
)
from programs.models import CompletionRule, RuleKind
from reviews.outcomes import Outcome, RequirementState

NEW_YORK = ZoneInfo("America/New_York")
TODAY = dt.date(2027, 3, 1)
SOTL, OTLA, CLASSROOM, FOURTH = (
    UnitInfo(1, "SOTL", "workshop", "Developing Strategies"),
    UnitInfo(2, "OTLA", "workshop", "Online Teaching and Learning in Action"),
    UnitInfo(3, "The Online Classroom", "workshop", "The Online Classroom"),
    UnitInfo(4, "Fourth", "workshop", "A fourth workshop"),
)
CMTE = Rule("units_completed", units=(SOTL, OTLA, CLASSROOM, FOURTH), min_count=3)
CAEL = Rule(
    "units_completed",
    units=(
        UnitInfo(11, "Developing Myself", "module"),
        UnitInfo(12, "Driving Change", "module"),
    ),
)
MIXED = Rule(
    "units_completed", units=(SOTL, UnitInfo(21, "ISTE", "course")), min_count=2
)
PORTFOLIO = RequirementInfo(31, "E-portfolio", "rubric", pass_score=20)
ISTE_SCORE = Rule("min_score", requirements=(PORTFOLIO,))
ISTE_WINDOW = Rule("within_deadline", requirements=(PORTFOLIO,))
PRE = RequirementInfo(41, "Pre-assessment", "none")
ATTENDANCE = RequirementInfo(42, "Attendance at the required virtual sessions", "none")
CHECK = RequirementInfo(43, "Knowledge check", "automatic")
REFLECTION = RequirementInfo(44, "Reflective activity", "met_not_met")
OPTIONAL = RequirementInfo(45, "Optional extra", "met_not_met", is_required=False)
PROJECT = RequirementInfo(46, "Competency-based project", "met_not_met")
PIECES = Rule("required_pieces", requirements=(PRE, ATTENDANCE, PORTFOLIO))
STACK_PIECES = Rule("required_pieces", requirements=(CHECK, REFLECTION))
LOYOLA = Rule("all_met", requirements=(REFLECTION, PROJECT, OPTIONAL, CHECK))
STACK_1 = UnitInfo(51, "Digital Tools Foundations", "micro_credential")
STACK_2 = UnitInfo(52, "Designing with Digital Tools", "micro_credential")
PREREQS = Rule("prerequisites", units=(STACK_1, STACK_2))


def state(requirement, outcome, **fields):
    return RequirementState(requirement.id, Outcome(outcome), **fields)


def scored(points, out_of=25):
    return {31: state(PORTFOLIO, "scored", score=points, out_of=out_of)}


def submitted(day, deadline, hour=23):
    at = dt.datetime.combine(day, dt.time(hour, 30), tzinfo=NEW_YORK)
    return {
        31: state(PORTFOLIO, "scored", submitted_at=at, deadline=deadline, score=22)
    }


SIX_MONTHS_AFTER_END = dt.date(2027, 8, 28)  # a course that ended Feb 28, 2027

CASES = [
    # (id, rule, facts fields, is_met, missing)
    (
        "two_of_three_workshops",
        CMTE,
        {"completed_unit_ids": {1, 2}},
        False,
        "1 more workshop",
    ),
    ("three_workshops", CMTE, {"completed_unit_ids": {1, 2, 3}}, True, ""),
    ("three_in_any_order", CMTE, {"completed_unit_ids": {4, 3, 2}}, True, ""),
    ("four_workshops", CMTE, {"completed_unit_ids": {1, 2, 3, 4}}, True, ""),
    ("no_workshop", CMTE, {}, False, "3 more workshops"),
    (
        "other_units_do_not_count",
        CMTE,
        {"completed_unit_ids": {1, 2, 99}},
        False,
        "1 more workshop",
    ),
    ("every_module_of_a_set", CAEL, {"completed_unit_ids": {11, 12}}, True, ""),
    ("one_module_missing", CAEL, {"completed_unit_ids": {11}}, False, "1 more module"),
    (
        "mixed_kinds_say_units",
        MIXED,
        {"completed_unit_ids": set()},
        False,
        "2 more units",
    ),
    (
        "empty_set_never_met",
        Rule("units_completed"),
        {"completed_unit_ids": {1}},
        False,
        "no units are configured for this rule",
    ),
    (
        "score_19_of_25",
        ISTE_SCORE,
        {"states": scored(19)},
        False,
        "E-portfolio scored 19/25, 20 needed",
    ),
    ("score_20_of_25", ISTE_SCORE, {"states": scored(20)}, True, ""),
    ("score_25_of_25", ISTE_SCORE, {"states": scored(25)}, True, ""),
    (
        "score_18_of_25",
        ISTE_SCORE,
        {"states": scored(18)},
        False,
        "E-portfolio scored 18/25, 20 needed",
    ),
    (
        "portfolio_awaiting_score",
        ISTE_SCORE,
        {"states": {31: state(PORTFOLIO, "pending_review")}},
        False,
        "",  # waiting for review, not missing: see test_waiting_for_review
    ),
    ("portfolio_not_submitted", ISTE_SCORE, {}, False, "E-portfolio not submitted yet"),
    (
        "submitted_on_the_last_day_of_six_months",
        ISTE_WINDOW,
        {"states": submitted(SIX_MONTHS_AFTER_END, SIX_MONTHS_AFTER_END, hour=9)},
        True,
        "",
    ),
    (
        "submitted_late_evening_of_the_last_day_local_time",
        ISTE_WINDOW,
        {"states": submitted(SIX_MONTHS_AFTER_END, SIX_MONTHS_AFTER_END, hour=23)},
        True,
        "",
    ),
    (
        "submitted_the_day_after",
        ISTE_WINDOW,
        {"states": submitted(dt.date(2027, 8, 29), SIX_MONTHS_AFTER_END, hour=0)},
        False,
        "E-portfolio was submitted after its deadline (Aug 28, 2027)",
    ),
    (
        "submitted_with_no_deadline",
        ISTE_WINDOW,
        {"states": submitted(TODAY, None)},
        True,
        "",
    ),
    (
        "not_submitted_before_the_deadline",
        ISTE_WINDOW,
        {"states": {31: state(PORTFOLIO, "missing", deadline=SIX_MONTHS_AFTER_END)}},
        False,
        "E-portfolio due by Aug 28, 2027",
    ),
    (
        "not_submitted_on_the_deadline",
        ISTE_WINDOW,
        {
            "today": SIX_MONTHS_AFTER_END,
            "states": {31: state(PORTFOLIO, "missing", deadline=SIX_MONTHS_AFTER_END)},
        },
        False,
        "E-portfolio due by Aug 28, 2027",
    ),
    (
        "not_submitted_after_the_deadline",
        ISTE_WINDOW,
        {
            "today": dt.date(2027, 8, 29),
            "states": {31: state(PORTFOLIO, "missing", deadline=SIX_MONTHS_AFTER_END)},
        },
        False,
        "E-portfolio was due on Aug 28, 2027",
    ),
    (
        "pieces_all_done",
        PIECES,
        {"states": {41: state(PRE, "complete"), 42: state(ATTENDANCE, "complete")}},
        True,
        "",
    ),
    (
        "pre_assessment_not_done",
        PIECES,
        {"states": {42: state(ATTENDANCE, "complete")}},
        False,
        "Pre-assessment not done",
    ),
    (
        "pre_assessment_and_attendance_missing",
        PIECES,
        {},
        False,
        "Pre-assessment not done; Attendance at the required virtual sessions not done",
    ),
    (
        "automatic_check_met_counts_as_done",
        STACK_PIECES,
        {"states": {43: state(CHECK, "met")}},
        True,
        "",
    ),
    (
        "automatic_check_not_met",
        STACK_PIECES,
        {"states": {43: state(CHECK, "not_met")}},
        False,
        "Knowledge check not done",
    ),
    (
        "every_submission_met",
        LOYOLA,
        {"states": {44: state(REFLECTION, "met"), 46: state(PROJECT, "met")}},
        True,
        "",
    ),
    (
        "one_not_met",
        LOYOLA,
        {"states": {44: state(REFLECTION, "met"), 46: state(PROJECT, "not_met")}},
        False,
        "Competency-based project was Not Met: revise and resubmit",
    ),
    (
        "one_awaiting_review",
        LOYOLA,
        {
            "states": {
                44: state(REFLECTION, "pending_review"),
                46: state(PROJECT, "met"),
            }
        },
        False,
        "",  # waiting for review, not missing: see test_waiting_for_review
    ),
    (
        "one_not_submitted",
        LOYOLA,
        {"states": {44: state(REFLECTION, "met")}},
        False,
        "Competency-based project not submitted yet",
    ),
    (
        "optional_and_automatic_ignored_by_all_met",
        LOYOLA,
        {
            "states": {
                44: state(REFLECTION, "met"),
                46: state(PROJECT, "met"),
                45: state(OPTIONAL, "not_met"),
            }
        },
        True,
        "",
    ),
    ("prerequisites_held", PREREQS, {"held_unit_ids": {51, 52}}, True, ""),
    (
        "prerequisite_completed_earlier",
        PREREQS,
        {"held_unit_ids": {51}, "completed_unit_ids": {52}},
        True,
        "",
    ),
    (
        "one_prerequisite_missing",
        PREREQS,
        {"held_unit_ids": {51}},
        False,
        "complete Designing with Digital Tools first",
    ),
    (
        "no_prerequisite",
        PREREQS,
        {},
        False,
        "complete Digital Tools Foundations, Designing with Digital Tools first",
    ),
    ("no_prerequisites_configured", Rule("prerequisites"), {}, True, ""),
]


def facts(**fields):
    fields.setdefault("today", TODAY)
    for name in ("completed_unit_ids", "held_unit_ids", "held_program_ids"):
        fields[name] = frozenset(fields.get(name, ()))
    return LearnerFacts(tz=NEW_YORK, **fields)


@pytest.mark.parametrize(
    ("rule", "fields", "is_met", "missing"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_rule(rule, fields, is_met, missing):
    evaluation = evaluate([rule], facts(**fields))
    assert evaluation.is_complete is is_met
    assert evaluation.results[0].is_met is is_met
    assert str(evaluation.results[0].missing) == missing


@pytest.mark.parametrize(
    ("rule", "states", "missing", "waiting"),
    [
        pytest.param(
            ISTE_SCORE,
            {31: state(PORTFOLIO, "pending_review")},
            "",
            "E-portfolio submitted, waiting for review",
            id="portfolio_waiting_for_its_score",
        ),
        pytest.param(
            LOYOLA,
            {44: state(REFLECTION, "pending_review"), 46: state(PROJECT, "met")},
            "",
            "Reflective activity submitted, waiting for review",
            id="the_only_gap_is_a_review",
        ),
        pytest.param(
            LOYOLA,
            {44: state(REFLECTION, "pending_review")},
            "Competency-based project not submitted yet",
            "Reflective activity submitted, waiting for review",
            id="one_waiting_one_missing",
        ),
    ],
)
def test_waiting_for_review(rule, states, missing, waiting):
    [result] = evaluate([rule], facts(states=states)).results
    assert result.is_met is False
    assert str(result.missing) == missing
    assert str(result.waiting) == waiting


def test_a_credential_without_rules_is_never_complete():
    assert evaluate([], facts()).is_complete is False


def test_the_iste_course_needs_every_one_of_its_rules():
    rules = [PIECES, ISTE_SCORE, ISTE_WINDOW]
    states = {
        41: state(PRE, "complete"),
        42: state(ATTENDANCE, "complete"),
        **submitted(dt.date(2027, 5, 1), SIX_MONTHS_AFTER_END),
    }
    assert evaluate(rules, facts(states=states)).is_complete is True
    states[41] = state(PRE, "missing")
    evaluation = evaluate(rules, facts(states=states))
    assert evaluation.is_complete is False
    assert evaluation.unmet == ["Pre-assessment not done"]


def test_results_name_the_units_counted_and_the_scores():
    result = results_of(
        [CMTE, ISTE_SCORE],
        facts(completed_unit_ids={1, 3}, states=scored(21)),
    )
    assert result == {
        "units": ["Developing Strategies", "The Online Classroom"],
        "scores": [{"requirement": "E-portfolio", "score": 21, "out_of": 25}],
    }


@pytest.mark.parametrize("kind", list(RuleKind))
def test_every_rule_kind_an_admin_can_choose_has_an_evaluator(kind):
    assert kind in CompletionRule.Kind
    result = EVALUATORS[kind](Rule(kind, units=(SOTL,), requirements=(PRE,)), facts())
    assert result.is_met in {True, False}


def test_the_evaluators_are_keyed_by_the_one_list_of_kinds():
    assert CompletionRule.Kind is RuleKind
    assert set(EVALUATORS) == set(RuleKind)


def test_a_rule_of_an_unknown_kind_is_a_clear_error_not_a_key_error():
    with pytest.raises(UnknownRuleKind) as raised:
        evaluate([Rule("badge_earned")], facts())

    assert not isinstance(raised.value, KeyError)
    assert str(raised.value) == (
        "No evaluator for the completion rule kind 'badge_earned'; known kinds: "
        "all_met, min_score, prerequisites, required_pieces, units_completed, "
        "within_deadline"
    )
