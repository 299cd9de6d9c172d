"""Reads about a learner's progress: "why not yet" for each credential in progress."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from enrollments.models import Enrollment, PastCompletion
from enrollments.rules import certified_until
from programs.models import Unit

from ..completion import evaluate
from .facts import (
    Credential,
    credentials_with_rules,
    held_award_ids,
    learner_facts,
    programs_for_rules,
    units_for_rules,
)


@dataclass(frozen=True)
class RuleLine:
    description: str
    is_met: bool
    missing: str
    done: int | None = None  # a count rule: units completed of ``needed``
    needed: int | None = None
    waiting: str = ""  # submitted, waiting for review: shown apart from missing

    @property
    def percent(self) -> int:
        """The meter's fill: units completed (never those under way) of required."""
        return round(100 * (self.done or 0) / self.needed) if self.needed else 0


@dataclass(frozen=True)
class ProgressReport:
    """One credential in progress: every rule with its state."""

    credential: str
    kind: str
    url: str
    lines: list[RuleLine]

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


def enrollment_details(*, learner_id: int, unit_id: int) -> tuple[str, str]:
    """(track, offering label) of the learner's latest enrollment in the unit;
    empty strings when there is none (a past completion)."""
    row = (
        Enrollment.objects.filter(learner_id=learner_id, offering__unit_id=unit_id)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .order_by("-created_at", "-id")
        .values_list("track", "offering__label")
        .first()
    )
    return row or ("", "")


def learner_runs_end_on(*, learner_id: int, unit_ids) -> dt.date | None:
    """The last day of the learner's runs of these units (the later of each
    offering's end and its last session); None when no run is dated."""
    rows = (
        Enrollment.objects.filter(learner_id=learner_id, offering__unit_id__in=unit_ids)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .values("offering_id", "offering__end_date")
        .annotate(last_session=Max("offering__sessions__starts_at"))
    )
    ends = [
        certified_until(
            offering_end=row["offering__end_date"],
            last_session_day=timezone.localdate(row["last_session"])
            if row["last_session"]
            else None,
        )
        for row in rows
    ]
    known: list[dt.date] = [day for day in ends if day is not None]
    return max(known) if known else None


def _credentials_in_progress(learner_id: int) -> list[Credential]:
    """Units the learner is enrolled in and programs those or any completed unit
    count toward, less what the learner already holds."""
    held_units, held_programs = held_award_ids(learner_id=learner_id)
    enrollments = Enrollment.objects.filter(learner_id=learner_id).exclude(
        status=Enrollment.Status.WITHDRAWN
    )
    active = set(
        enrollments.filter(status=Enrollment.Status.ACTIVE).values_list(
            "offering__unit_id", flat=True
        )
    )
    touched = set(enrollments.values_list("offering__unit_id", flat=True))
    touched |= set(
        PastCompletion.objects.filter(learner_id=learner_id).values_list(
            "unit_id", flat=True
        )
    )
    units = units_for_rules(touched)
    program_ids = {p.pk for u in units for p in u.programs.all()} - held_programs
    credentials = credentials_with_rules(
        units=[u for u in units if u.pk in active - held_units],
        programs=programs_for_rules(program_ids),
    )
    return [c for c in credentials if c.rules]


def progress_reports_for(*, learner, today: dt.date | None = None) -> list:
    """A progress report per credential in progress, units first, for the learner's
    dashboard and the admin's view of a learner."""
    today = today or timezone.localdate()
    credentials = _credentials_in_progress(learner.pk)
    facts = learner_facts(learner_id=learner.pk, credentials=credentials, today=today)
    reports = []
    for credential in credentials:
        evaluation = evaluate(credential.rules, facts)
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
            )
        )
    return reports
