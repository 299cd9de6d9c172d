"""One learner's record, read once for a page: the enrollments, past completions,
awards and requirement rows that the dashboard's sections and the "why not yet"
reports all draw on, so that no page reads them twice."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from core import clock
from enrollments import selectors as enrollment_selectors
from enrollments.models import Enrollment, PastCompletion
from programs.zones import offering_zone
from reviews.outcomes import Outcome, RequirementState
from reviews.selectors import RequirementRow, requirement_rows_for

from ..evaluators import RequirementInfo
from ..models import Award
from ..models.awards import HELD_STATUSES
from ..time_rules import certified_until
from .awards import awards_for
from .rule_graph import RuleGraph

# The enrollments whose requirement states count toward awards (as
# ``reviews.selectors.states.current_enrollments``).
STATE_STATUSES = {Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED}


def run_end(
    *,
    offering_end: dt.date | None,
    last_session: dt.datetime | None,
    zone: dt.tzinfo,
) -> dt.date | None:
    """The last day of a run: the later of the offering's end and its last session
    (its day in ``zone``, the offering's provider's)."""
    return certified_until(
        offering_end=offering_end,
        last_session_day=clock.local_day(last_session, zone) if last_session else None,
    )


@dataclass(frozen=True)
class LearnerRecord:
    """What the learner's pages show about them, read in a fixed number of queries."""

    learner: object
    enrollments: list[Enrollment]  # ``learner_enrollments``: newest offering first
    past_completions: list[PastCompletion]
    awards: list[Award]  # ``awards_for``: listed awards, newest first
    # By enrollment id: the active enrollments and each unit's current one.
    rows: dict[int, list[RequirementRow]]

    @property
    def active(self) -> list[Enrollment]:
        return [e for e in self.enrollments if e.status == Enrollment.Status.ACTIVE]

    @property
    def not_withdrawn(self) -> list[Enrollment]:
        return [e for e in self.enrollments if e.status != Enrollment.Status.WITHDRAWN]

    def held_award_ids(self) -> tuple[set[int], set[int]]:
        """(unit ids, program ids) of the awards the learner holds; an award of
        one run does not hold its unit (``held_award_ids_for``)."""
        held = [
            a for a in self.awards if a.status in HELD_STATUSES and a.run_id is None
        ]
        return (
            {a.unit_id for a in held if a.unit_id is not None},
            {a.program_id for a in held if a.program_id is not None},
        )

    def completed_unit_ids(self) -> set[int]:
        """Units completed here (enrollments) or before (past completions)."""
        return {
            e.offering.unit_id
            for e in self.enrollments
            if e.status == Enrollment.Status.COMPLETED
        } | {completion.unit_id for completion in self.past_completions}

    def states(
        self, requirements: Iterable[RequirementInfo]
    ) -> dict[int, RequirementState]:
        """The state of each requirement from the unit's current enrollment (the
        latest one active or completed), missing without one."""
        current = _current_by_unit(self.enrollments)
        states = {}
        for requirement in requirements:
            enrollment = current.get(requirement.unit_id)
            states[requirement.id] = RequirementState(requirement.id, Outcome.MISSING)
            if enrollment is not None:
                states.update(
                    (row.requirement.pk, row.state) for row in self.rows[enrollment.pk]
                )
        return states

    def run_ends(self, unit_ids: Iterable[int]) -> dict[int, dt.date]:
        """The last day of the learner's runs of each unit (not withdrawn), by unit
        id; undated runs are left out."""
        unit_ids = set(unit_ids)
        ends: dict[int, dt.date] = {}
        for enrollment in self.not_withdrawn:
            offering = enrollment.offering
            if offering.unit_id not in unit_ids:
                continue
            starts = [session.starts_at for session in offering.sessions.all()]
            day = run_end(
                offering_end=offering.end_date,
                last_session=max(starts) if starts else None,
                zone=offering_zone(offering),
            )
            if day is not None:
                ends[offering.unit_id] = max(day, ends.get(offering.unit_id, day))
        return ends


def _current_by_unit(enrollments: list[Enrollment]) -> dict[int, Enrollment]:
    ordered = sorted(
        (e for e in enrollments if e.status in STATE_STATUSES),
        key=lambda e: (e.created_at, e.pk),
    )
    return {e.offering.unit_id: e for e in ordered}


def learner_record(
    *,
    learner,
    today: dt.date | None,
    now: dt.datetime | None = None,
    graph: RuleGraph | None = None,
) -> LearnerRecord:
    """The learner's record; ``today`` dates the rows' "overdue", or ``now``
    each enrollment's rows on its provider's day (``requirement_rows_for``).
    With the rule graph a page read (``graph``) the units and their
    requirements come from it."""
    enrollments = enrollment_selectors.learner_enrollments(
        learner=learner, units=graph.units if graph else None
    )
    current = _current_by_unit(enrollments)
    with_rows = {
        e.pk: e
        for e in [
            *(e for e in enrollments if e.status == Enrollment.Status.ACTIVE),
            *current.values(),
        ]
    }
    return LearnerRecord(
        learner=learner,
        enrollments=enrollments,
        past_completions=enrollment_selectors.learner_past_completions(
            learner=learner, units=graph.units if graph else None
        ),
        awards=list(awards_for(learner=learner)),
        rows=requirement_rows_for(
            enrollments=list(with_rows.values()), today=today, now=now
        ),
    )
