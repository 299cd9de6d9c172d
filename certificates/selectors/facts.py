"""Gathering what the pure evaluators need: rules as values and a learner's facts."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.db.models import Prefetch, Q
from django.utils import timezone

from enrollments.models import Enrollment, PastCompletion
from programs.models import (
    CompletionRule,
    CredentialProgram,
    Requirement,
    RuleKind,
    Unit,
)
from reviews.selectors import units_requirement_states

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
    )


def _units_prefetched() -> Prefetch:
    return Prefetch(
        "units",
        queryset=Unit.objects.prefetch_related("requirements").order_by("position"),
    )


def units_for_rules(ids: Iterable[int]) -> list[Unit]:
    return list(
        Unit.objects.filter(pk__in=set(ids)).prefetch_related(
            "requirements", "prerequisites", "programs"
        )
    )


def programs_for_rules(ids: Iterable[int]) -> list[CredentialProgram]:
    return list(
        CredentialProgram.objects.filter(pk__in=set(ids)).prefetch_related(
            _units_prefetched()
        )
    )


def _rule_value(row: CompletionRule, owner: Unit | CredentialProgram) -> Rule:
    if isinstance(owner, Unit):
        default_units = list(owner.prerequisites.all())
        owner_requirements = list(owner.requirements.all())
    else:
        default_units = list(owner.units.all())
        owner_requirements = [r for u in default_units for r in u.requirements.all()]
    units = list(row.units.all()) or default_units
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
        min_score=row.min_score,
        out_of=row.out_of,
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
        .prefetch_related(_units_prefetched())
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
        by_owner.setdefault(key, []).append(_rule_value(row, owner))
    return [
        *(Credential(u, None, by_owner.get(("unit", u.pk), [])) for u in units),
        *(Credential(None, p, by_owner.get(("program", p.pk), [])) for p in programs),
    ]


def completed_unit_ids(*, learner_id: int) -> set[int]:
    """Units completed here (enrollments, unit awards) or before (past completions)."""
    enrolled = Enrollment.objects.filter(
        learner_id=learner_id, status=Enrollment.Status.COMPLETED
    ).values_list("offering__unit_id", flat=True)
    past = PastCompletion.objects.filter(learner_id=learner_id).values_list(
        "unit_id", flat=True
    )
    return set(enrolled) | set(past)


def held_award_ids(*, learner_id: int) -> tuple[set[int], set[int]]:
    """(unit ids, program ids) of the awards the learner holds."""
    rows = Award.objects.filter(
        learner_id=learner_id, status__in=HELD_STATUSES
    ).values_list("unit_id", "program_id")
    return {u for u, _ in rows if u}, {p for _, p in rows if p}


def learner_facts(
    *, learner_id: int, credentials: list[Credential], today: dt.date
) -> LearnerFacts:
    """The facts for evaluating ``credentials``: requirement states are read only
    for the units whose requirements their rules name."""
    held_units, held_programs = held_award_ids(learner_id=learner_id)
    state_units = {
        requirement.unit_id
        for credential in credentials
        for rule in credential.rules
        for requirement in rule.requirements
    }
    states = (
        units_requirement_states(learner_id=learner_id, unit_ids=state_units)
        if state_units
        else {}
    )
    return LearnerFacts(
        today=today,
        tz=timezone.get_current_timezone(),
        completed_unit_ids=frozenset(
            completed_unit_ids(learner_id=learner_id) | held_units
        ),
        held_unit_ids=frozenset(held_units),
        held_program_ids=frozenset(held_programs),
        states=states,
    )
