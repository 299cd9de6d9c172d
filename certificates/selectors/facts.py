"""Gathering what the pure evaluators need: rules as values and a learner's facts."""

import datetime as dt
from collections.abc import Iterable, Mapping

from core import clock
from enrollments.models import Enrollment, PastCompletion
from programs.models import CredentialProgram, Unit
from reviews.outcomes import RequirementState
from reviews.selectors import requirement_states_for

from ..evaluators import LearnerFacts
from ..models import Award
from ..models.awards import HELD_STATUSES
from .rule_graph import (
    Credential,
    RuleGraph,
    programs_read,
    rule_graph_cached,
    rules_read,
    units_read,
)
from .rule_graph import rule_value as rule_value  # read from here by rule_changes


def units_for_rules(ids: Iterable[int]) -> list[Unit]:
    """The units with their provider and what their rules read (the cached rule
    graph's, else read), in id order."""
    ids = set(ids)
    graph = rule_graph_cached(unit_ids=ids)
    if graph is None:
        return sorted(units_read(ids), key=lambda unit: unit.pk)
    return graph.units_of(ids)


def programs_for_rules(ids: Iterable[int]) -> list[CredentialProgram]:
    """The programs with their units and the units' requirements (the cached
    rule graph's, else read), in id order."""
    ids = set(ids)
    graph = rule_graph_cached(program_ids=ids)
    if graph is None:
        return sorted(programs_read(ids), key=lambda program: program.pk)
    return graph.programs_of(ids)


def credentials_with_rules(
    *, units: list[Unit], programs: list[CredentialProgram]
) -> list[Credential]:
    """Each unit and program with its rules (the cached rule graph's, else read
    in two queries whatever their number).

    ``units`` and ``programs`` come from ``units_for_rules`` / ``programs_for_rules``.
    """
    graph = rule_graph_cached(
        unit_ids=[unit.pk for unit in units],
        program_ids=[program.pk for program in programs],
    )
    if graph is None:
        rules = rules_read(units=units, programs=programs)
        graph = RuleGraph(units={}, programs={}, rules=rules, renewal_rules={})
    return graph.credentials(units=units, programs=programs)


def _by_learner(rows: Iterable[tuple[int, int | None]]) -> dict[int, set[int]]:
    grouped: dict[int, set[int]] = {}
    for learner_id, value in rows:
        if value is not None:
            grouped.setdefault(learner_id, set()).add(value)
    return grouped


def completed_unit_ids_for(*, learner_ids: Iterable[int]) -> dict[int, set[int]]:
    """Units each learner completed here (enrollments) or before (past completions),
    by learner id, in two queries."""
    learner_ids = set(learner_ids)
    enrolled = Enrollment.objects.filter(
        learner_id__in=learner_ids, status=Enrollment.Status.COMPLETED
    ).values_list("learner_id", "offering__unit_id")
    past = PastCompletion.objects.filter(learner_id__in=learner_ids).values_list(
        "learner_id", "unit_id"
    )
    return _by_learner([*enrolled, *past])


def held_award_ids_for(
    *, learner_ids: Iterable[int]
) -> dict[int, tuple[set[int], set[int]]]:
    """(unit ids, program ids) of the awards each learner holds, in one query.

    An award of one run (a unit earned once per run) does not hold the unit: the
    next run earns its own award (``award_request`` finds the run's own).
    """
    rows = list(
        Award.objects.filter(
            learner_id__in=set(learner_ids), status__in=HELD_STATUSES, run=None
        ).values_list("learner_id", "unit_id", "program_id")
    )
    units = _by_learner((learner, unit) for learner, unit, _ in rows)
    programs = _by_learner((learner, program) for learner, _, program in rows)
    return {
        learner_id: (units.get(learner_id, set()), programs.get(learner_id, set()))
        for learner_id in {row[0] for row in rows}
    }


def held_award_ids(*, learner_id: int) -> tuple[set[int], set[int]]:
    """(unit ids, program ids) of the awards the learner holds."""
    return held_award_ids_for(learner_ids=[learner_id]).get(learner_id, (set(), set()))


def learners_facts(
    *,
    learner_ids: Iterable[int],
    credentials: list[Credential],
    today: dt.date,
    zone: dt.tzinfo | None = None,
) -> dict[int, LearnerFacts]:
    """Each learner's facts for evaluating ``credentials``, by learner id, in a
    fixed number of queries however many learners and credentials: requirement
    states are read only for the units whose requirements the rules name.
    ``today`` and ``zone`` (the current zone by default) are the provider's."""
    learner_ids = set(learner_ids)
    held = held_award_ids_for(learner_ids=learner_ids)
    completed = completed_unit_ids_for(learner_ids=learner_ids)
    state_units = {
        requirement.unit_id
        for credential in credentials
        for rule in credential.rules
        for requirement in rule.requirements
    }
    states = (
        requirement_states_for(learner_ids=learner_ids, unit_ids=state_units)
        if state_units
        else {}
    )
    facts = {}
    for learner_id in learner_ids:
        held_units, held_programs = held.get(learner_id, (set(), set()))
        facts[learner_id] = facts_from(
            today=today,
            zone=zone,
            completed_unit_ids=completed.get(learner_id, set()) | held_units,
            held_unit_ids=held_units,
            held_program_ids=held_programs,
            states=states.get(learner_id, {}),
        )
    return facts


def facts_from(
    *,
    today: dt.date,
    zone: dt.tzinfo | None = None,
    completed_unit_ids: set[int],
    held_unit_ids: set[int],
    held_program_ids: set[int],
    states: Mapping[int, RequirementState],
) -> LearnerFacts:
    """A learner's facts from what was read (``learners_facts``, or a learner's
    record for a page)."""
    return LearnerFacts(
        today=today,
        tz=zone or clock.current_zone(),
        completed_unit_ids=frozenset(completed_unit_ids),
        held_unit_ids=frozenset(held_unit_ids),
        held_program_ids=frozenset(held_program_ids),
        states=states,
    )


def learner_facts(
    *,
    learner_id: int,
    credentials: list[Credential],
    today: dt.date,
    zone: dt.tzinfo | None = None,
) -> LearnerFacts:
    """One learner's facts for evaluating ``credentials`` (``learners_facts``)."""
    return learners_facts(
        learner_ids=[learner_id], credentials=credentials, today=today, zone=zone
    )[learner_id]
