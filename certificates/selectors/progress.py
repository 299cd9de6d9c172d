"""Reads about a learner's progress: "why not yet" for each credential in progress."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from core import clock
from enrollments.models import Enrollment
from programs.models import Unit

from ..evaluators import evaluate
from ..time_rules import award_may_be_earned
from .facts import (
    Credential,
    credentials_with_rules,
    facts_from,
    programs_for_rules,
    units_ready_for_rules,
)
from .record import LearnerRecord, learner_record, run_end


@dataclass(frozen=True)
class RuleLine:
    description: str
    is_met: bool
    missing: str
    done: int | None = None  # a count rule: units completed of ``needed``
    needed: int | None = None
    waiting: str = ""  # submitted, waiting for review: shown apart from missing


@dataclass(frozen=True)
class ProgressReport:
    """One credential in progress: every rule with its state."""

    credential: str
    kind: str
    url: str
    lines: list[RuleLine]
    # Every rule met before the run ends: the day the award will be earned.
    earned_on: dt.date | None = None

    @property
    def met_count(self) -> int:
        return sum(line.is_met for line in self.lines)

    @property
    def meter(self) -> RuleLine | None:
        """The count rule whose units completed the progress bar draws, if any."""
        return next((line for line in self.lines if line.needed), None)


def dependent_unit_ids(*, learner_id: int, unit_id: int) -> set[int]:
    """Units that build on ``unit_id`` and in which the learner is enrolled."""
    return set(
        Unit.objects.filter(
            prerequisites=unit_id,
            offerings__enrollments__learner_id=learner_id,
            offerings__enrollments__status=Enrollment.Status.ACTIVE,
        ).values_list("pk", flat=True)
    )


def enrollment_details(
    *, learner_id: int, unit_id: int
) -> tuple[str, str, Decimal | None]:
    """(track, offering label, the offering's CEUs) of the learner's latest
    enrollment in the unit; empty strings and None when there is none (a past
    completion)."""
    row = (
        Enrollment.objects.filter(learner_id=learner_id, offering__unit_id=unit_id)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .order_by("-created_at", "-id")
        .values_list("track", "offering__label", "offering__ceus")
        .first()
    )
    return row or ("", "", None)


def learner_run_ends(*, learner_id: int, unit_ids) -> dict[int, dt.date]:
    """The last day of the learner's runs of each unit (the later of each
    offering's end and its last session), by unit id, in one query; undated runs
    are left out."""
    rows = (
        Enrollment.objects.filter(learner_id=learner_id, offering__unit_id__in=unit_ids)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .values("offering_id", "offering__unit_id", "offering__end_date")
        .annotate(last_session=Max("offering__sessions__starts_at"))
    )
    ends: dict[int, dt.date] = {}
    for row in rows:
        day = run_end(
            offering_end=row["offering__end_date"], last_session=row["last_session"]
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


def _earned_on_dates(
    record: LearnerRecord,
    credentials: list[Credential],
    evaluations: list,
    today: dt.date,
) -> list[dt.date | None]:
    """For each credential whose rules are all met but whose runs end after
    ``today``, the day its award will be earned (``award_may_be_earned``); None
    for the others."""
    complete = [
        c for c, e in zip(credentials, evaluations, strict=True) if e.is_complete
    ]
    if not complete:
        return [None] * len(credentials)
    ends = record.run_ends(set().union(*(certified_unit_ids(c) for c in complete)))
    dates: list[dt.date | None] = []
    for credential, evaluation in zip(credentials, evaluations, strict=True):
        days = [ends[u] for u in certified_unit_ids(credential) if u in ends]
        ends_on = max(days) if days and evaluation.is_complete else None
        waits = ends_on is not None and not award_may_be_earned(
            ends_on=ends_on, today=today
        )
        dates.append(ends_on if waits else None)
    return dates


def _credentials_in_progress(record: LearnerRecord) -> list[Credential]:
    """Units the learner is enrolled in and programs those or any completed unit
    count toward, less what the learner already holds."""
    held_units, held_programs = record.held_award_ids()
    active = {e.offering.unit_id for e in record.active}
    units = units_ready_for_rules(
        [
            *(e.offering.unit for e in record.not_withdrawn),
            *(completion.unit for completion in record.past_completions),
        ]
    )
    program_ids = {p.pk for u in units for p in u.programs.all()} - held_programs
    credentials = credentials_with_rules(
        units=[u for u in units if u.pk in active - held_units],
        programs=programs_for_rules(program_ids),
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
    return progress_reports_from(learner_record(learner=learner, today=today), today)


def progress_reports_from(record: LearnerRecord, today: dt.date) -> list:
    """``progress_reports_for`` from a record already read (the dashboard's): the
    rule graph is the only thing read here."""
    credentials = _credentials_in_progress(record)
    facts = _facts(record, credentials, today)
    evaluations = [evaluate(credential.rules, facts) for credential in credentials]
    earned_on = _earned_on_dates(record, credentials, evaluations, today)
    reports = []
    for credential, evaluation, earned in zip(
        credentials, evaluations, earned_on, strict=True
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
                earned_on=earned,
            )
        )
    return reports
