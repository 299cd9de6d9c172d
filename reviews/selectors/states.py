"""Where each requirement stands for a learner: the contract with certificates.

``requirement_rows_for`` is the one place a requirement's state is read: the
dashboard, the requirement list and page, and (through ``requirement_states``)
the certificates evaluators all take it from here.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from core import clock
from enrollments.deadlines import enrollment_due_date
from enrollments.models import Attendance, Enrollment
from programs.models import Requirement
from programs.pass_mark import score_passes
from programs.zones import offering_zone

from ..models import Review, Submission, SubmissionVersion
from ..outcomes import Outcome, RequirementState

# What a requirement row reads from its enrollment; already prefetched, not read again.
ROW_PREFETCHES = ("offering__sessions", "offering__unit__requirements", "extensions")

REVIEW_OUTCOMES = {
    Review.Decision.MET: Outcome.MET,
    Review.Decision.NOT_MET: Outcome.NOT_MET,
    Review.Decision.SCORED: Outcome.SCORED,
}


class Status(StrEnum):
    """The one state a learner sees for a requirement, wherever it is shown."""

    NOT_STARTED = "not_started"
    DRAFT = "draft"  # a draft saved, nothing submitted since
    WAITING = "waiting"  # submitted, waiting for review
    UPCOMING = "upcoming"  # attendance at sessions still to come
    DONE = "done"  # complete, Met, or scored at the pass mark
    REVISE = "revise"  # Not Met, or scored below the pass mark: resubmit
    OVERDUE = "overdue"  # not done, nothing waiting, and the deadline has passed


# What the learner still has to act on: these stay in "Coming deadlines".
OPEN_STATUSES = frozenset({Status.NOT_STARTED, Status.DRAFT, Status.REVISE})

STATUS_LABELS = {
    Status.NOT_STARTED: _("Not submitted"),
    Status.DRAFT: _("Draft saved"),
    Status.WAITING: _("Waiting for review"),
    Status.UPCOMING: _("Upcoming"),
    Status.REVISE: _("Not Met: revise and resubmit"),
    Status.OVERDUE: _("Overdue"),
}
DONE_LABELS = {
    Outcome.COMPLETE: _("Complete"),
    Outcome.MET: _("Met"),
}
SCORED_LABEL = _("Scored %(score)s/%(out_of)s")


def requirement_status(
    *,
    requirement: Requirement,
    state: RequirementState,
    has_draft: bool,
    today: dt.date | None,
) -> Status:
    """The learner's state of one requirement (pure: ``today`` is passed in).

    A rubric score passes at the requirement's pass mark. Without ``today``
    nothing is overdue.
    """
    outcome = state.outcome
    if outcome in (Outcome.COMPLETE, Outcome.MET):
        return Status.DONE
    if outcome == Outcome.PENDING_REVIEW:
        return Status.WAITING
    if outcome == Outcome.UPCOMING:
        return Status.UPCOMING
    if outcome == Outcome.SCORED and score_passes(
        state.score, pass_score=requirement.pass_score
    ):
        return Status.DONE
    if today is not None and state.deadline is not None and today > state.deadline:
        return Status.OVERDUE
    if outcome in (Outcome.NOT_MET, Outcome.SCORED):
        return Status.REVISE
    return Status.DRAFT if has_draft else Status.NOT_STARTED


@dataclass(frozen=True)
class RequirementRow:
    """One line of a learner's requirement list: the state and what to show with it."""

    requirement: Requirement
    state: RequirementState
    submission: Submission | None
    has_draft: bool
    status: Status

    @property
    def label(self) -> str:
        if self.state.outcome == Outcome.SCORED and self.status != Status.OVERDUE:
            return str(
                SCORED_LABEL % {"score": self.state.score, "out_of": self.state.out_of}
            )
        if self.status == Status.DONE:
            return str(DONE_LABELS[self.state.outcome])
        return str(STATUS_LABELS[self.status])

    @property
    def is_done(self) -> bool:
        return self.status == Status.DONE

    @property
    def is_open(self) -> bool:
        """The learner still has something to do before the deadline."""
        return self.status in OPEN_STATUSES


def _attendance_state(
    requirement, sessions, attended, deadline, today, zone
) -> RequirementState:
    """Complete when the offering has required sessions and every one was attended;
    upcoming when every one not attended is still to come (from ``today``, when
    given: none was missed yet)."""
    required = {s.pk for s in sessions if s.is_required}
    if not required or not required <= set(attended):
        to_come = today is not None and all(
            clock.local_day(s.starts_at, zone) >= today
            for s in sessions
            if s.is_required and s.pk not in attended
        )
        outcome = Outcome.UPCOMING if required and to_come else Outcome.MISSING
        return RequirementState(requirement.pk, outcome, deadline=deadline)
    return RequirementState(
        requirement.pk,
        Outcome.COMPLETE,
        submitted_at=max(attended[pk] for pk in required),
        deadline=deadline,
    )


def _submission_state(requirement, latest, deadline) -> RequirementState:
    if latest is None:
        return RequirementState(requirement.pk, Outcome.MISSING, deadline=deadline)
    common = {"submitted_at": latest.submitted_at, "deadline": deadline}
    if requirement.review_mode == Requirement.ReviewMode.NONE:
        return RequirementState(requirement.pk, Outcome.COMPLETE, **common)
    review = getattr(latest, "review", None)
    if review is None:
        return RequirementState(requirement.pk, Outcome.PENDING_REVIEW, **common)
    return RequirementState(
        requirement.pk,
        REVIEW_OUTCOMES[review.decision],
        score=review.total_points,
        out_of=review.out_of,
        **common,
    )


def _by(rows: Iterable, key: str) -> dict:
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def _submissions(enrollment_ids) -> dict[tuple[int, int], Submission]:
    drafts = SubmissionVersion.objects.filter(
        submission=OuterRef("pk"), status=SubmissionVersion.Status.DRAFT
    )
    # One per submission: unordered, without the five joins the default order takes.
    latest = (
        SubmissionVersion.objects.latest_submitted().select_related("review").order_by()
    )
    submissions = (
        Submission.objects.filter(enrollment_id__in=enrollment_ids)
        .order_by()  # read into a mapping: no order, no joins for one
        .annotate(has_draft=Exists(drafts))
        .prefetch_related(Prefetch("versions", queryset=latest, to_attr="submitted"))
    )
    return {(s.enrollment_id, s.requirement_id): s for s in submissions}


def requirement_rows_for(
    *,
    enrollments: list[Enrollment],
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> dict[int, list[RequirementRow]]:
    """Every requirement of each enrollment's unit with its state, by enrollment id.

    Six queries however many enrollments, three when the enrollments come with
    their offering's sessions, their unit's requirements and their extensions
    prefetched (``enrollments.selectors.learner_enrollments``); attendance is
    read only when a unit requires it (one query fewer otherwise). Drafts never
    count; the latest submitted version and its review decide. ``today`` dates
    "overdue"; without it, ``now`` does, each enrollment on its provider's day at
    that moment (a learner's offerings of a California and a Maryland provider).
    """
    prefetch_related_objects(enrollments, *ROW_PREFETCHES)
    ids = [enrollment.pk for enrollment in enrollments]
    # Attendance is read only for the units that require it.
    attending = [
        enrollment.pk
        for enrollment in enrollments
        if any(
            requirement.kind == Requirement.Kind.ATTENDANCE
            for requirement in enrollment.offering.unit.requirements.all()
        )
    ]
    attended = _by(
        Attendance.objects.filter(enrollment_id__in=attending) if attending else (),
        "enrollment_id",
    )
    submissions = _submissions(ids)
    rows: dict[int, list[RequirementRow]] = {}
    for enrollment in enrollments:
        offering = enrollment.offering
        zone = offering_zone(offering)
        day = today
        if day is None and now is not None:
            day = clock.local_day(now, zone)
        own_sessions = list(offering.sessions.all())
        extensions = list(enrollment.extensions.all())
        marked = {a.session_id: a.marked_at for a in attended.get(enrollment.pk, [])}
        rows[enrollment.pk] = []
        for requirement in offering.unit.requirements.all():
            deadline = enrollment_due_date(
                requirement=requirement,
                offering=offering,
                session_starts=[session.starts_at for session in own_sessions],
                extensions=extensions,
            )
            submission = submissions.get((enrollment.pk, requirement.pk))
            if requirement.kind == Requirement.Kind.ATTENDANCE:
                state = _attendance_state(
                    requirement, own_sessions, marked, deadline, day, zone
                )
            else:
                latest = (
                    submission.submitted[0]  # type: ignore[attr-defined]
                    if submission and submission.submitted  # type: ignore[attr-defined]
                    else None
                )
                state = _submission_state(requirement, latest, deadline)
            has_draft = bool(submission and submission.has_draft)  # type: ignore[attr-defined]
            status = requirement_status(
                requirement=requirement, state=state, has_draft=has_draft, today=day
            )
            rows[enrollment.pk].append(
                RequirementRow(requirement, state, submission, has_draft, status)
            )
    return rows


def enrollment_requirement_rows(
    *, enrollment: Enrollment, today: dt.date | None = None
) -> list[RequirementRow]:
    """Every requirement of the enrollment's unit with its state."""
    return requirement_rows_for(enrollments=[enrollment], today=today)[enrollment.pk]


def current_enrollments(
    *, learner_ids: Iterable[int], unit_ids: Iterable[int]
) -> dict[tuple[int, int], Enrollment]:
    """Each learner's current enrollment in each unit (the latest one not
    withdrawn), by (learner id, unit id), in one query."""
    rows = (
        Enrollment.objects.filter(
            learner_id__in=set(learner_ids),
            offering__unit_id__in=set(unit_ids),
            status__in=Enrollment.TAKING_PART,
        )
        .select_related("offering__unit__provider")
        .order_by("created_at", "id")
    )
    return {(row.learner_id, row.offering.unit_id): row for row in rows}


def requirement_states_for(
    *, learner_ids: Iterable[int], unit_ids: Iterable[int]
) -> dict[int, dict[int, RequirementState]]:
    """Every learner's ``RequirementState`` of every requirement of the units, by
    learner id then requirement id, in a fixed number of queries (about nine)
    however many learners and units.

    States come from the learner's current enrollment in each unit (the latest one
    not withdrawn). Drafts never count; the latest submitted version and its review
    decide. Attendance is complete when every required session of the offering was
    attended. ``deadline`` includes the learner's latest extension. Without an
    enrollment every requirement of the unit is missing.
    """
    learner_ids, unit_ids = set(learner_ids), set(unit_ids)
    current = current_enrollments(learner_ids=learner_ids, unit_ids=unit_ids)
    rows = requirement_rows_for(enrollments=list(current.values()))
    not_enrolled = {
        unit_id
        for unit_id in unit_ids
        for learner_id in learner_ids
        if (learner_id, unit_id) not in current
    }
    requirement_ids = _by(
        Requirement.objects.filter(unit_id__in=not_enrolled).only("pk", "unit_id"),
        "unit_id",
    )
    states: dict[int, dict[int, RequirementState]] = {}
    for learner_id in learner_ids:
        own = states[learner_id] = {}
        for unit_id in unit_ids:
            enrollment = current.get((learner_id, unit_id))
            if enrollment is not None:
                own.update({r.requirement.pk: r.state for r in rows[enrollment.pk]})
            else:
                own.update(
                    (r.pk, RequirementState(r.pk, Outcome.MISSING))
                    for r in requirement_ids.get(unit_id, [])
                )
    return states


def requirement_states(*, learner_id: int, unit_id: int) -> dict[int, RequirementState]:
    """One learner's states of one unit's requirements (``requirement_states_for``)."""
    return requirement_states_for(learner_ids=[learner_id], unit_ids=[unit_id])[
        learner_id
    ]
