"""Reads about a learner's progress: "why not yet" for each credential in progress."""

import datetime as dt
import math
from dataclasses import dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.db.models import Max
from django.urls import reverse

from core import clock
from enrollments.models import Enrollment, PastCompletion
from programs.models import RuleKind, Unit

from ..evaluators import evaluate
from ..time_rules import award_may_be_earned
from .facts import Credential, facts_from
from .record import LearnerRecord, learner_record, run_end
from .rule_graph import RuleGraph, rule_graph


@dataclass(frozen=True)
class RuleLine:
    description: str
    is_met: bool
    missing: str
    done: int | None = None  # a count rule: units completed of ``needed``
    needed: int | None = None
    waiting: str = ""  # submitted, waiting for review: shown apart from missing


@dataclass(frozen=True)
class Statement:
    """A credential's one progress statement: ``done`` of ``total``, counting its
    units completed (``counts_units``) or its conditions met."""

    done: int
    total: int
    counts_units: bool


@dataclass(frozen=True)
class NextUnit:
    """A unit of the credential's set the learner may take now."""

    title: str
    url: str


@dataclass(frozen=True)
class ProgressReport:
    """One credential in progress: every rule with its state."""

    credential: str
    kind: str
    url: str
    lines: list[RuleLine]
    # Every rule met before the run ends: the day the award will be earned.
    earned_on: dt.date | None = None
    # Every rule met and the run over, no award yet: the next progress sweep
    # issues it, within ``due_within`` minutes (since ``due_since``, when dated).
    due: bool = False
    due_since: dt.date | None = None
    due_within: int = 0
    next_unit: NextUnit | None = None

    @property
    def met_count(self) -> int:
        return sum(line.is_met for line in self.lines)

    @property
    def statement(self) -> Statement:
        """One statement, so that a bar and a count never disagree: a credential
        whose one rule counts units completed counts them; any other counts its
        conditions met (a count rule's line then says its own units)."""
        if len(self.lines) == 1 and self.lines[0].needed:
            line = self.lines[0]
            return Statement(line.done or 0, line.needed or 0, counts_units=True)
        return Statement(self.met_count, len(self.lines), counts_units=False)


def due_within_minutes() -> int:
    """The longest a due award waits: the progress sweep's interval, in minutes."""
    return math.ceil(settings.PROGRESS_SWEEP_SECONDS / 60)


def dependent_unit_ids(*, learner_id: int, unit_id: int) -> set[int]:
    """Units that build on ``unit_id`` and in which the learner is enrolled."""
    return set(
        Unit.objects.filter(
            prerequisites=unit_id,
            offerings__enrollments__learner_id=learner_id,
            offerings__enrollments__status=Enrollment.Status.ACTIVE,
        ).values_list("pk", flat=True)
    )


def learner_unit_ids(*, learner_id: int) -> list[int]:
    """Every unit the learner is enrolled in (not withdrawn) or completed before,
    in id order: evaluating each reaches every credential they may earn."""
    enrolled = Enrollment.objects.filter(learner_id=learner_id).exclude(
        status=Enrollment.Status.WITHDRAWN
    )
    return sorted(
        {
            *enrolled.values_list("offering__unit_id", flat=True),
            *PastCompletion.objects.filter(learner_id=learner_id).values_list(
                "unit_id", flat=True
            ),
        }
    )


def enrollment_details(
    *, learner_id: int, unit_id: int
) -> tuple[str, str, Decimal | None, int | None]:
    """(track, offering label, the offering's CEUs, offering id) of the learner's
    latest enrollment in the unit; empty strings and None when there is none (a
    past completion)."""
    row = (
        Enrollment.objects.filter(learner_id=learner_id, offering__unit_id=unit_id)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .order_by("-created_at", "-id")
        .values_list("track", "offering__label", "offering__ceus", "offering_id")
        .first()
    )
    return row or ("", "", None, None)


def learner_run_ends(*, learner_id: int, unit_ids) -> dict[int, dt.date]:
    """The last day of the learner's runs of each unit (the later of each
    offering's end and its last session), by unit id, in one query; undated runs
    are left out."""
    rows = (
        Enrollment.objects.filter(learner_id=learner_id, offering__unit_id__in=unit_ids)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .values(
            "offering_id",
            "offering__unit_id",
            "offering__end_date",
            "offering__unit__provider__time_zone",
        )
        .annotate(last_session=Max("offering__sessions__starts_at"))
    )
    ends: dict[int, dt.date] = {}
    for row in rows:
        day = run_end(
            offering_end=row["offering__end_date"],
            last_session=row["last_session"],
            zone=clock.zone_named(row["offering__unit__provider__time_zone"]),
        )
        unit_id = row["offering__unit_id"]
        if day is not None:
            ends[unit_id] = max(day, ends.get(unit_id, day))
    return ends


def certified_unit_ids(credential: Credential) -> set[int]:
    """The units whose runs an award certifies: the unit's own, or for a program
    the units whose requirements its rules read (completed units it counts were
    already held back until their runs ended)."""
    unit_ids = {r.unit_id for rule in credential.rules for r in rule.requirements}
    if credential.unit:
        unit_ids.add(credential.unit.pk)
    return unit_ids


def learner_runs_end_on(*, learner_id: int, unit_ids) -> dt.date | None:
    """The last day of the learner's runs of these units; None when no run is
    dated."""
    ends = learner_run_ends(learner_id=learner_id, unit_ids=unit_ids).values()
    return max(ends) if ends else None


@dataclass(frozen=True)
class Timing:
    """When a credential whose rules are all met is awarded."""

    earned_on: dt.date | None = None  # its runs end later: earned that day
    due: bool = False  # earnable today, not awarded yet: the next sweep issues it
    due_since: dt.date | None = None  # the last day of its runs, when dated


def _evaluate(credentials: list[Credential], facts) -> tuple[list, set[int]]:
    """Each credential's evaluation, units first; a program counts the units whose
    rules are all met as completed (they are, once awarded), so its line never
    asks for units that are done. Returns the evaluations and those units."""
    met_units: set[int] = set()
    evaluations = []
    for credential in credentials:
        counted = facts
        if credential.program is not None and met_units:
            counted = replace(
                facts, completed_unit_ids=facts.completed_unit_ids | met_units
            )
        evaluation = evaluate(credential.rules, counted)
        if credential.unit is not None and evaluation.is_complete:
            met_units.add(credential.unit.pk)
        evaluations.append(evaluation)
    return evaluations, met_units


def _timings(
    record: LearnerRecord,
    credentials: list[Credential],
    evaluations: list,
    met_units: set[int],
    today: dt.date,
) -> list[Timing]:
    """For each credential whose rules are all met, when its award comes: on the
    last day of the runs it certifies (``award_may_be_earned``), or due now; a
    program waits for the units it counts as met too."""
    programs_of = {
        c.unit.pk: {p.pk for p in c.unit.programs.all()}
        for c in credentials
        if c.unit is not None
    }
    certified = [
        certified_unit_ids(c)
        | {u for u in met_units if c.program and c.program.pk in programs_of[u]}
        for c in credentials
    ]
    ends = record.run_ends(set().union(*certified))
    timings = []
    for unit_ids, evaluation in zip(certified, evaluations, strict=True):
        if not evaluation.is_complete:
            timings.append(Timing())
            continue
        days = [ends[u] for u in unit_ids if u in ends]
        ends_on = max(days) if days else None
        if award_may_be_earned(ends_on=ends_on, today=today):
            timings.append(Timing(due=True, due_since=ends_on))
        else:
            timings.append(Timing(earned_on=ends_on))
    return timings


def _next_units(
    record: LearnerRecord,
    credentials: list[Credential],
    evaluations: list,
    facts,
    graph: RuleGraph,
) -> list[NextUnit | None]:
    """For each credential with a count rule not met, the first unit of its set
    (in catalogue order) that the learner neither holds nor takes and whose
    prerequisites they now hold; None for the others. No query: the units come
    from the rule graph."""
    taken = facts.completed_unit_ids | {e.offering.unit_id for e in record.active}
    held = facts.completed_unit_ids | facts.held_unit_ids
    next_units: list[NextUnit | None] = []
    for credential, evaluation in zip(credentials, evaluations, strict=True):
        wanted = (
            graph.units[unit.id]
            for rule, result in zip(credential.rules, evaluation.results, strict=True)
            if rule.kind == RuleKind.UNITS_COMPLETED and not result.is_met
            for unit in rule.units
            if unit.id in graph.units
        )
        ready = next(
            (
                unit
                for unit in wanted
                if unit.pk not in taken
                and {u.pk for u in unit.prerequisites.all()} <= held
            ),
            None,
        )
        next_units.append(
            NextUnit(ready.title, reverse("programs:unit_detail", args=[ready.slug]))
            if ready
            else None
        )
    return next_units


def _credentials_in_progress(
    record: LearnerRecord, graph: RuleGraph
) -> list[Credential]:
    """Units the learner is enrolled in and programs those or any completed unit
    count toward, less what the learner already holds, in catalogue order."""
    held_units, held_programs = record.held_award_ids()
    active = {e.offering.unit_id for e in record.active}
    units = sorted(
        graph.units_of(
            [
                *(e.offering.unit_id for e in record.not_withdrawn),
                *(completion.unit_id for completion in record.past_completions),
            ]
        ),
        key=lambda u: (u.provider.name, u.position, u.title),
    )
    program_ids = {p.pk for u in units for p in u.programs.all()} - held_programs
    credentials = graph.credentials(
        units=[u for u in units if u.pk in active - held_units],
        programs=graph.programs_of(program_ids),
    )
    return [c for c in credentials if c.rules]


def _facts(record: LearnerRecord, credentials: list[Credential], today: dt.date):
    """The learner's facts for evaluating ``credentials``, from the record."""
    held_units, held_programs = record.held_award_ids()
    return facts_from(
        today=today,
        completed_unit_ids=record.completed_unit_ids() | held_units,
        held_unit_ids=held_units,
        held_program_ids=held_programs,
        states=record.states(
            requirement
            for credential in credentials
            for rule in credential.rules
            for requirement in rule.requirements
        ),
    )


def progress_reports_for(*, learner, today: dt.date | None = None) -> list:
    """A progress report per credential in progress, units first, for the
    learner's certificates page and the admin's view of a learner."""
    today = today or clock.today()
    graph = rule_graph()
    record = learner_record(learner=learner, today=today, graph=graph)
    return progress_reports_from(record, today, graph=graph)


def progress_reports_from(
    record: LearnerRecord, today: dt.date, *, graph: RuleGraph | None = None
) -> list:
    """``progress_reports_for`` from a record already read (the dashboard's), with
    the rule graph the page read (``graph``), else read here."""
    graph = graph or rule_graph()
    credentials = _credentials_in_progress(record, graph)
    facts = _facts(record, credentials, today)
    evaluations, met_units = _evaluate(credentials, facts)
    timings = _timings(record, credentials, evaluations, met_units, today)
    next_units = _next_units(record, credentials, evaluations, facts, graph)
    within = due_within_minutes()
    reports = []
    for credential, evaluation, timing, next_unit in zip(
        credentials, evaluations, timings, next_units, strict=True
    ):
        owner = credential.owner
        reports.append(
            ProgressReport(
                credential=str(owner),
                kind=str(owner.get_kind_display()),
                url=owner.get_absolute_url(),
                lines=[
                    RuleLine(
                        rule.description,
                        result.is_met,
                        result.missing,
                        result.done,
                        result.needed,
                        result.waiting,
                    )
                    for rule, result in zip(
                        credential.rules, evaluation.results, strict=True
                    )
                ],
                earned_on=timing.earned_on,
                due=timing.due,
                due_since=timing.due_since,
                due_within=within,
                next_unit=next_unit,
            )
        )
    return reports
