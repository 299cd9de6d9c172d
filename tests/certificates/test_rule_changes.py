"""Rule change preview: who would newly qualify and who would lose eligibility."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.selectors.rule_changes import rule_change_preview
from programs.models import CompletionRule
from tests.factories import LearnerFactory

from . import journeys
from .journeys import CMTE_WORKSHOPS

pytestmark = pytest.mark.django_db


def cmte_rule() -> CompletionRule:
    return CompletionRule.objects.get(program__slug="cmte")


def iste_pass_mark() -> CompletionRule:
    return CompletionRule.objects.get(unit__slug="iste-certification", kind="min_score")


def preview(rule: CompletionRule):
    return rule_change_preview(
        rule=rule, units=list(rule.units.all()), today=timezone.localdate()
    )


def learner_with_workshops(count: int, name: str):
    learner = LearnerFactory(legal_name=name)
    for slug in CMTE_WORKSHOPS[:count]:
        journeys.complete_workshop(learner, slug)
    return learner


def iste_learner_scored(total: int, name: str):
    learner = LearnerFactory(legal_name=name)
    _, version = journeys.iste_ready_for_scoring(learner)
    journeys.score(version, total)
    return learner


def test_from_3_to_2_workshops_the_learner_with_2_newly_qualifies(catalog):
    two = learner_with_workshops(2, "Two Workshops")
    learner_with_workshops(1, "One Workshop")
    rule = cmte_rule()
    rule.min_count = 2

    result = preview(rule)

    assert result.newly_qualifying == [two]
    assert result.losing == []
    assert result.learners_compared == 2
    assert result.current == (
        "at least 3 workshops completed, in any order; earlier completions count"
    )
    assert result.proposed == (
        "at least 2 workshops completed, in any order; earlier completions count"
    )
    rule.refresh_from_db()
    assert rule.min_count == 3  # a preview writes nothing


def test_a_learner_holding_the_award_is_not_newly_qualifying(catalog):
    learner_with_workshops(3, "Three Workshops")
    rule = cmte_rule()
    rule.min_count = 2

    assert preview(rule).newly_qualifying == []


def test_the_preview_reads_in_the_same_number_of_queries_for_more_learners(catalog):
    learner_with_workshops(2, "Learner 0")
    rule = cmte_rule()
    rule.min_count = 2

    def count():
        with CaptureQueriesContext(connection) as queries:
            result = preview(rule)
        return result, len(queries)

    few, small = count()
    for number in range(1, 4):
        learner_with_workshops(2, f"Learner {number}")
    journeys.enroll(LearnerFactory(), "iste-certification")
    many, large = count()

    assert len(few.newly_qualifying) == 1
    assert len(many.newly_qualifying) == 4
    assert large == small
