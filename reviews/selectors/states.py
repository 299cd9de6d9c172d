"""Where each requirement stands for a learner: the contract with certificates."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enrollments.deadlines import requirement_deadline_on
from enrollments.models import Attendance, Enrollment, Extension
from programs.models import Requirement, Session

from ..models import Review, Submission, SubmissionVersion
from ..outcomes import Outcome, RequirementState

REVIEW_OUTCOMES = {
    Review.Decision.MET: Outcome.MET,
    Review.Decision.NOT_MET: Outcome.NOT_MET,
    Review.Decision.SCORED: Outcome.SCORED,
}


OUTCOME_LABELS = {
    Outcome.MISSING: _("Not submitted"),
    Outcome.PENDING_REVIEW: _("Waiting for review"),
    Outcome.COMPLETE: _("Complete"),
    Outcome.MET: _("Met"),
    Outcome.NOT_MET: _("Not Met: revise and resubmit"),
    Outcome.SCORED: _("Scored"),
}


@dataclass(frozen=True)
class RequirementRow:
    """One line of a learner's requirement list: the state and what to show with it."""

    requirement: Requirement
    state: RequirementState
    submission: Submission | None
    has_draft: bool

    @property
    def label(self) -> str:
        if self.state.outcome == Outcome.SCORED:
            return _("Scored %(score)s/%(out_of)s") % {
                "score": self.state.score,
                "out_of": self.state.out_of,
            }
        return str(OUTCOME_LABELS[self.state.outcome])

    @property
    def is_done(self) -> bool:
        return self.state.outcome in (Outcome.COMPLETE, Outcome.MET)


def _latest_submitted(versions) -> SubmissionVersion | None:
    submitted = [v for v in versions if not v.is_draft]
    return max(submitted, key=lambda v: v.number) if submitted else None


def _attendance_state(requirement, sessions, attended, deadline) -> RequirementState:
    """Complete when the offering has required sessions and every one was attended."""
    required = {s.pk for s in sessions if s.is_required}
    if not required or not required <= set(attended):
        return RequirementState(requirement.pk, Outcome.MISSING, deadline=deadline)
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


def enrollment_requirement_rows(*, enrollment: Enrollment) -> list[RequirementRow]:
    """Every requirement of the enrollment's unit with its state, in a few queries."""
    offering = enrollment.offering
    requirements = list(Requirement.objects.filter(unit_id=offering.unit_id))
    sessions = list(Session.objects.filter(offering=offering).order_by("starts_at"))
    attended = dict(
        Attendance.objects.filter(enrollment=enrollment).values_list(
            "session_id", "marked_at"
        )
    )
    extensions = {}
    for extension in Extension.objects.filter(enrollment=enrollment).order_by(
        "granted_at", "id"
    ):
        extensions[extension.requirement_id] = extension.new_deadline
    versions = SubmissionVersion.objects.select_related("review")
    submissions = {
        s.requirement_id: s
        for s in Submission.objects.filter(enrollment=enrollment).prefetch_related(
            Prefetch("versions", queryset=versions)
        )
    }
    first_session = timezone.localdate(sessions[0].starts_at) if sessions else None
    rows = []
    for requirement in requirements:
        deadline = requirement_deadline_on(
            requirement=requirement,
            offering=offering,
            first_session=first_session,
            extension=extensions.get(requirement.pk),
        )
        submission = submissions.get(requirement.pk)
        versions_list = list(submission.versions.all()) if submission else []
        if requirement.kind == Requirement.Kind.ATTENDANCE:
            state = _attendance_state(requirement, sessions, attended, deadline)
        else:
            latest = _latest_submitted(versions_list)
            state = _submission_state(requirement, latest, deadline)
        has_draft = any(v.is_draft for v in versions_list)
        rows.append(RequirementRow(requirement, state, submission, has_draft))
    return rows


def unit_enrollment(*, learner_id: int, unit_id: int) -> Enrollment | None:
    """The learner's current enrollment in the unit: the latest one not withdrawn."""
    return (
        Enrollment.objects.filter(
            learner_id=learner_id,
            offering__unit_id=unit_id,
            status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
        )
        .select_related("offering")
        .order_by("-created_at", "-id")
        .first()
    )


def requirement_states(*, learner_id: int, unit_id: int) -> dict[int, RequirementState]:
    """One ``RequirementState`` per requirement of the unit, by requirement id.

    States come from the learner's current enrollment in the unit (the latest one
    not withdrawn). Drafts never count; the latest submitted version and its review
    decide. Attendance is complete when every required session of the offering was
    attended. ``deadline`` includes the learner's latest extension. Without an
    enrollment every requirement is missing.
    """
    enrollment = unit_enrollment(learner_id=learner_id, unit_id=unit_id)
    if enrollment is None:
        return {
            pk: RequirementState(pk, Outcome.MISSING)
            for pk in Requirement.objects.filter(unit_id=unit_id).values_list(
                "pk", flat=True
            )
        }
    return {
        row.requirement.pk: row.state
        for row in enrollment_requirement_rows(enrollment=enrollment)
    }
