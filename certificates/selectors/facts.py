"""Gathering what the pure evaluators need: rules as values and a learner's facts."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from django.db.models import Prefetch, Q, Sum, prefetch_related_objects

from core import clock
from enrollments.models import Enrollment, PastCompletion
from programs.models import (
    CompletionRule,
    CredentialProgram,
    Requirement,
    RuleKind,
    Unit,
)
from reviews.outcomes import RequirementState
from reviews.selectors import requirement_states_for

from ..evaluators import LearnerFacts, RequirementInfo, Rule, UnitInfo
from ..models import Award
from ..models.awards import HELD_STATUSES

OWNER_REQUIREMENTS = {RuleKind.ALL_SUBMISSIONS_MET, RuleKind.REQUIRED_PIECES}
UNIT_SETS = {RuleKind.UNITS_COMPLETED, RuleKind.PREREQUISITES_HELD}


@dataclass(frozen=True)
class Credential:
    """A unit or a program with its rules as values."""

    unit: Unit | None
    program: CredentialProgram | None
    rules: list[Rule]

    @property
    def owner(self) -> Unit | CredentialProgram:
        return self.unit or self.program  # type: ignore[return-value]


def _unit_info(unit: Unit) -> UnitInfo:
    return UnitInfo(id=unit.pk, label=unit.label, kind=unit.kind, title=unit.title)


def _requirement_info(requirement: Requirement) -> RequirementInfo:
    return RequirementInfo(
        id=requirement.pk,
        title=requirement.title,
        review_mode=requirement.review_mode,
        is_required=requirement.is_required,
        unit_id=requirement.unit_id,
        pass_score=requirement.pass_score,
    )


def _units_prefetched() -> Prefetch:
    return Prefetch(
        "units",
        queryset=Unit.objects.prefetch_related("requirements").order_by("position"),
    )


# What a unit's rules and the programs it counts toward read from it.
UNIT_RULE_PREFETCHES = ("requirements", "prerequisites", "programs")


def units_for_rules(ids: Iterable[int]) -> list[Unit]:
    return list(
        Unit.objects.filter(pk__in=set(ids))
        .select_related("provider")
        .prefetch_related(*UNIT_RULE_PREFETCHES)
    )


def units_ready_for_rules(units: Iterable[Unit]) -> list[Unit]:
    """As ``units_for_rules``, for unit instances already read with their
    provider: one of each, in the units' order, with what is not prefetched yet
    read (a unit's requirements often are)."""
    by_id: dict[int, Unit] = {}
    for unit in units:
        fetched = getattr(unit, "_prefetched_objects_cache", {})
        if unit.pk not in by_id or "requirements" in fetched:
            by_id[unit.pk] = unit
    ready = sorted(by_id.values(), key=lambda u: (u.provider.name, u.position, u.title))
    prefetch_related_objects(ready, *UNIT_RULE_PREFETCHES)
    return ready


def programs_for_rules(ids: Iterable[int]) -> list[CredentialProgram]:
    return list(
        CredentialProgram.objects.filter(pk__in=set(ids)).prefetch_related(
            _units_prefetched()
        )
    )


def rule_value(
    row: CompletionRule,
    owner: Unit | CredentialProgram,
    *,
    units: list[Unit] | None = None,
) -> Rule:
    """A rule row as a value; ``units`` stands for its set when the row is a
    proposal not saved yet."""
    if isinstance(owner, Unit):
        default_units = list(owner.prerequisites.all())
        owner_requirements = list(owner.requirements.all())
    else:
        default_units = list(owner.units.all())
        owner_requirements = [r for u in default_units for r in u.requirements.all()]
    units = (list(row.units.all()) if units is None else units) or default_units
    if row.kind in OWNER_REQUIREMENTS:
        requirements = owner_requirements
    else:
        requirements = [row.requirement] if row.requirement else []
    return Rule(
        kind=row.kind,
        description=str(row.describe()),
        units=tuple(_unit_info(u) for u in units) if row.kind in UNIT_SETS else (),
        min_count=row.min_count,
        requirements=tuple(_requirement_info(r) for r in requirements),
    )


def credentials_with_rules(
    *, units: list[Unit], programs: list[CredentialProgram]
) -> list[Credential]:
    """Each unit and program with its rules, in three queries whatever their number.

    ``units`` and ``programs`` come from ``units_for_rules`` / ``programs_for_rules``.
    """
    rows = (
        CompletionRule.objects.filter(Q(unit__in=units) | Q(program__in=programs))
        .select_related("requirement")
        # The pass mark's "of 25" for ``describe()``, in the same query.
        .annotate(requirement_points=Sum("requirement__rubric_criteria__max_points"))
        # A rule's own units stand for themselves: their requirements are not read.
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("position")))
        .order_by("id")
    )
    by_owner: dict[tuple[str, int], list[Rule]] = {}
    units_by_id = {u.pk: u for u in units}
    programs_by_id = {p.pk: p for p in programs}
    for row in rows:
        if row.program_id:
            # The cached instance lets describe() read the prefetched units.
            row.program = programs_by_id[row.program_id]
            owner: Unit | CredentialProgram = row.program
            key = ("program", row.program_id)
        else:
            # The database allows a rule without a program only with a unit.
            unit_id = cast(int, row.unit_id)
            row.unit = units_by_id[unit_id]
            owner, key = row.unit, ("unit", unit_id)
        by_owner.setdefault(key, []).append(rule_value(row, owner))
    return [
        *(Credential(u, None, by_owner.get(("unit", u.pk), [])) for u in units),
        *(Credential(None, p, by_owner.get(("program", p.pk), [])) for p in programs),
    ]


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
