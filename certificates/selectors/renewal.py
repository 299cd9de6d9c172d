"""Reading what the renewal evaluators need: the awards a learner may renew, their
credentials' renewal rules as values, and the learner's later awards."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from programs.models import CreditMeasure
from reviews.selectors import requirement_states_for

from ..models import Award
from ..models.awards import HELD_STATUSES
from ..renewal import (
    CreditAward,
    RenewalEvaluation,
    RenewalFacts,
    RenewalRuleValue,
    renewal_evaluate,
    renewal_window,
)
from .renewal_rules import owner_key, renewal_rules_read
from .rule_graph import RuleGraph, rule_graph_cached


@dataclass(frozen=True)
class RenewalCase:
    """One issued award whose credential has renewal rules, and how far its
    learner is toward renewing it."""

    award: Award
    evaluation: RenewalEvaluation


def renewal_rules_by_owner(
    *,
    unit_ids: Iterable[int],
    program_ids: Iterable[int],
    graph: RuleGraph | None = None,
) -> dict[tuple[str, int], list[RenewalRuleValue]]:
    """The renewal rules of the units and programs as values: from the rule graph
    (``graph``, or the cached one), else in one query."""
    graph = graph or rule_graph_cached()
    if graph is None:
        return renewal_rules_read(unit_ids=unit_ids, program_ids=program_ids)
    wanted = {owner_key(unit_id, None) for unit_id in unit_ids} | {
        owner_key(None, program_id) for program_id in program_ids
    }
    return defaultdict(
        list,
        {key: rules for key, rules in graph.renewal_rules.items() if key in wanted},
    )


def _renewable(queryset):
    """Issued awards that expire, of a credential with renewal rules."""
    return (
        queryset.filter(status=Award.Status.ISSUED, expires_on__isnull=False)
        .filter(
            Q(unit__renewal_rules__isnull=False)
            | Q(program__renewal_rules__isnull=False)
        )
        .distinct()
    )


def _credit_award(snapshot: dict, earned_on: dt.date) -> CreditAward:
    credits = {
        measure: Decimal(str(snapshot[measure]))
        for measure in CreditMeasure.values
        if snapshot.get(measure) not in (None, "")
    }
    return CreditAward(earned_on=earned_on, credits=credits)


def renewal_cases(
    *,
    learner_id: int,
    today: dt.date,
    awards: Iterable[Award] | None = None,
    graph: RuleGraph | None = None,
) -> list[RenewalCase]:
    """The learner's issued awards that may be renewed, each evaluated on
    ``today``, in a fixed number of queries; none when no award expires.

    ``awards``: the learner's awards already read (a page's), screened here
    instead of read again; ``graph``: the rule graph a page read already."""
    if awards is None:
        awards = _renewable(Award.objects.filter(learner_id=learner_id))
    awards = sorted(
        (a for a in awards if a.status == Award.Status.ISSUED and a.expires_on),
        key=lambda a: (a.expires_on, a.pk),
    )
    if not awards:
        return []
    rules = renewal_rules_by_owner(
        unit_ids=[a.unit_id for a in awards if a.unit_id],
        program_ids=[a.program_id for a in awards if a.program_id],
        graph=graph,
    )
    awards = [a for a in awards if rules.get(owner_key(a.unit_id, a.program_id))]
    later = Award.objects.filter(
        learner_id=learner_id, status__in=HELD_STATUSES, unit__isnull=False
    ).values_list("pk", "unit_id", "earned_on", "snapshot")
    credit_rows = list(later)
    units_read = {
        rule.requirement_unit_id
        for owner_rules in rules.values()
        for rule in owner_rules
        if rule.requirement_unit_id
    }
    states = (
        requirement_states_for(learner_ids=[learner_id], unit_ids=units_read).get(
            learner_id, {}
        )
        if units_read
        else {}
    )
    cases = []
    for award in awards:
        owner_rules = rules[owner_key(award.unit_id, award.program_id)]
        facts = RenewalFacts(
            today=today,
            earned_on=award.earned_on,
            expires_on=award.expires_on,
            tz=timezone.get_current_timezone(),
            # An award never renews itself: a unit's own award is not counted.
            credit_awards=tuple(
                _credit_award(snapshot, earned_on)
                for pk, unit_id, earned_on, snapshot in credit_rows
                if pk != award.pk and unit_id != award.unit_id
            ),
            states=states,
        )
        evaluation = renewal_evaluate(owner_rules, facts)
        cases.append(RenewalCase(award, evaluation))
    return cases


def renewal_candidate_learner_ids(*, today: dt.date) -> list[int]:
    """The learners holding an award whose renewal window holds ``today``: the
    progress sweep evaluates their renewals (a window may open with the rules
    already met, and nothing else would announce it)."""
    rows = list(
        _renewable(Award.objects.all()).values_list(
            "learner_id", "unit_id", "program_id", "expires_on"
        )
    )
    rules = renewal_rules_by_owner(
        unit_ids=[row[1] for row in rows if row[1]],
        program_ids=[row[2] for row in rows if row[2]],
    )
    learners = set()
    for learner_id, unit_id, program_id, expires_on in rows:
        window = renewal_window(rules[owner_key(unit_id, program_id)], expires_on)
        if window is not None and window.holds(today):
            learners.add(learner_id)
    return sorted(learners)
