"""The rule graph: every unit and program with the rows their rules read, and
their completion and renewal rules as values; cached while the catalogue is
unchanged (``core.versioned``: every catalogue write bumps its version).

``facts`` (``units_for_rules``, ``programs_for_rules``,
``credentials_with_rules``) and the learner's pages read through here. A
transaction that wrote the catalogue, or a cache that cannot answer, reads the
database instead: a stale rule never decides anything. The cached graph's
instances are shared by every request a process serves: ``units_of`` and
``programs_of`` hand out copies whose attributes and prefetches a caller may
set; the rows they hold (requirements, units of a program) are read only.
"""

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar, cast

from django.db.models import Prefetch, Q, Sum

from core import versioned
from programs.models import (
    CompletionRule,
    CredentialProgram,
    Requirement,
    RuleKind,
    Unit,
)
from programs.models.writes import CATALOGUE

from ..evaluators import RequirementInfo, Rule, UnitInfo
from ..renewal import RenewalRuleValue
from .renewal_rules import renewal_rules_read

OWNER_REQUIREMENTS = {RuleKind.ALL_SUBMISSIONS_MET, RuleKind.REQUIRED_PIECES}
UNIT_SETS = {RuleKind.UNITS_COMPLETED, RuleKind.PREREQUISITES_HELD}
# What a unit's rules and the programs it counts toward read from it.
UNIT_RULE_PREFETCHES = ("requirements", "prerequisites", "programs")

OwnerKey = tuple[str, int]
M = TypeVar("M", Unit, CredentialProgram)


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


def units_read(ids: Iterable[int] | None = None) -> list[Unit]:
    """Units (all of them without ``ids``) with their provider and what their
    rules read, from the database."""
    units = Unit.objects.select_related("provider").prefetch_related(
        *UNIT_RULE_PREFETCHES
    )
    return list(units if ids is None else units.filter(pk__in=set(ids)))


def programs_read(ids: Iterable[int] | None = None) -> list[CredentialProgram]:
    """Programs (all of them without ``ids``) with their units and the units'
    requirements, from the database."""
    units = Prefetch(
        "units",
        queryset=Unit.objects.prefetch_related("requirements").order_by("position"),
    )
    programs = CredentialProgram.objects.select_related("provider").prefetch_related(
        units
    )
    return list(programs if ids is None else programs.filter(pk__in=set(ids)))


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


def rules_read(
    *, units: list[Unit], programs: list[CredentialProgram]
) -> dict[OwnerKey, list[Rule]]:
    """The completion rules of the units and programs as values, by owner, in
    two queries (``units`` and ``programs`` as ``units_read``/``programs_read``
    give them)."""
    rows = (
        CompletionRule.objects.filter(Q(unit__in=units) | Q(program__in=programs))
        .select_related("requirement")
        # The pass mark's "of 25" for ``describe()``, in the same query.
        .annotate(requirement_points=Sum("requirement__rubric_criteria__max_points"))
        # A rule's own units stand for themselves: their requirements are not read.
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("position")))
        .order_by("id")
    )
    by_owner: dict[OwnerKey, list[Rule]] = {}
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
    return by_owner


def _detached(instance: M) -> M:
    """A copy of a graph instance whose own attributes and prefetched relations
    (not their rows) a caller may change: the graph's stay as they were."""
    copied = copy.copy(instance)
    prefetched = vars(instance).get("_prefetched_objects_cache")
    if prefetched is not None:
        vars(copied)["_prefetched_objects_cache"] = dict(prefetched)
    return copied


@dataclass(frozen=True)
class RuleGraph:
    """Every unit and program as the evaluators read them, and their rules."""

    units: dict[int, Unit]
    programs: dict[int, CredentialProgram]
    rules: dict[OwnerKey, list[Rule]]
    renewal_rules: dict[OwnerKey, list[RenewalRuleValue]]

    def holds(
        self, *, unit_ids: Iterable[int] = (), program_ids: Iterable[int] = ()
    ) -> bool:
        """Whether every unit and program asked for is in the graph: one missing
        means the graph is older than the catalogue (its version's bump was
        lost), and nothing may be judged by it."""
        return set(unit_ids) <= self.units.keys() and set(program_ids) <= (
            self.programs.keys()
        )

    def units_of(self, ids: Iterable[int]) -> list[Unit]:
        """The units, in id order, each a copy of the graph's (``_detached``)."""
        return [
            _detached(self.units[pk]) for pk in sorted(set(ids)) if pk in self.units
        ]

    def programs_of(self, ids: Iterable[int]) -> list[CredentialProgram]:
        """The programs, in id order, each a copy of the graph's."""
        return [
            _detached(self.programs[pk])
            for pk in sorted(set(ids))
            if pk in self.programs
        ]

    def credentials(
        self, *, units: Iterable[Unit], programs: Iterable[CredentialProgram]
    ) -> list[Credential]:
        """Each unit and program given with its rules (``credentials_with_rules``)."""
        return [
            *(Credential(u, None, self.rules.get(("unit", u.pk), [])) for u in units),
            *(
                Credential(None, p, self.rules.get(("program", p.pk), []))
                for p in programs
            ),
        ]


def rule_graph_read() -> RuleGraph:
    """The whole graph from the database (a fixed number of queries)."""
    units = units_read()
    programs = programs_read()
    return RuleGraph(
        units={u.pk: u for u in units},
        programs={p.pk: p for p in programs},
        rules=rules_read(units=units, programs=programs),
        renewal_rules=renewal_rules_read(),
    )


def rule_graph_cached(
    *, unit_ids: Iterable[int] = (), program_ids: Iterable[int] = ()
) -> RuleGraph | None:
    """The cached graph (read and stored when missing), or None when it may not
    be used: the open transaction wrote the catalogue, the cache is down, or it
    lacks a unit or program asked for (it is then renewed for the next reader)."""
    stamp = versioned.stamp(CATALOGUE)
    if stamp is None:
        return None
    graph = versioned.remember(stamp, "rule-graph", rule_graph_read)
    if not graph.holds(unit_ids=unit_ids, program_ids=program_ids):
        versioned.source_written(CATALOGUE)
        return None
    return graph


def rule_graph() -> RuleGraph:
    """The graph, cached or else read whole from the database: for a page that
    reads many parts of it (one cache round trip)."""
    return rule_graph_cached() or rule_graph_read()
