"""Facilitators' decisions: Met / Not Met with feedback, or rubric scores.

A decision on a version that already has one changes it; the audit trail keeps
both the before and the after. Only the latest submitted version is reviewed.
"""

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock
from enrollments.access import may_facilitate
from enrollments.signals import progress_changed
from programs.models import Requirement

from .. import messages
from ..guards import latest_submitted
from ..latest import latest_review_record
from ..messages import ReviewsRefused
from ..models import CriterionScore, Review, SubmissionVersion
from .notifications import notify_review_done

_SCORES = Prefetch(
    "criterion_scores", queryset=CriterionScore.objects.select_related("criterion")
)


def review_snapshot(review: Review | None) -> dict | None:
    """What the audit trail keeps of a review: decision, points, feedback."""
    if review is None:
        return None
    return {
        "decision": review.decision,
        "total_points": review.total_points,
        "out_of": review.out_of,
        "feedback": review.feedback,
        "scores": {
            score.criterion.title: {"points": score.points, "feedback": score.feedback}
            for score in review.criterion_scores.all()
        },
    }


def review_summary(*, review: Review, before: dict | None) -> str:
    """What the decision did, said once: "SOTL: Project v2 of Ann: Not Met -> Met"."""
    submission = review.version.submission
    what = f"{submission.requirement} v{review.version.number} of "
    what += f"{submission.enrollment.learner}: "
    if before is None:
        return what + review.result
    was = Review(
        decision=before["decision"],
        total_points=before["total_points"],
        out_of=before["out_of"],
    )
    return what + f"{was.result} -> {review.result}"


def _locked_version(reviewer, version: SubmissionVersion, mode: str):
    version = (
        SubmissionVersion.objects.select_for_update()
        .select_related(
            "submission__requirement__unit",
            "submission__enrollment__offering__unit",
            "submission__enrollment__learner",
        )
        .get(pk=version.pk)
    )
    submission = version.submission
    if not may_facilitate(user=reviewer, offering=submission.enrollment.offering):
        raise PermissionDenied
    if submission.requirement.review_mode != mode:
        raise ReviewsRefused(
            messages.WRONG_REVIEW_MODE % {"requirement": submission.requirement.title}
        )
    if version.is_draft:
        raise ReviewsRefused(messages.ONLY_SUBMITTED)
    latest = latest_submitted(submission)
    if latest is None or latest.pk != version.pk:
        raise ReviewsRefused(messages.NOT_LATEST % {"number": version.number})
    return version, Review.objects.filter(version=version).first()


def _record(
    *, reviewer, review: Review, before: dict | None, now: dt.datetime
) -> Review:
    latest_review_record(review=review)
    submission = review.version.submission
    learner = submission.enrollment.learner
    # One read of the scores, for the audit trail and the learner's email.
    prefetch_related_objects([review], _SCORES)
    audit_event_record(
        actor=reviewer,
        action=(
            AuditEvent.Action.REVIEW_DECIDED
            if before is None
            else AuditEvent.Action.REVIEW_CHANGED
        ),
        target=review,
        learner=learner,
        summary=review_summary(review=review, before=before),
        before=before,
        after=review_snapshot(review),
        at=now,
    )
    progress_changed.send(
        sender=Review,
        learner_id=learner.pk,
        unit_id=submission.requirement.unit_id,
        now=now,
    )
    notify_review_done(review=review)
    return review


@transaction.atomic
def review_decide(
    *,
    reviewer,
    version: SubmissionVersion,
    decision: str,
    feedback: str = "",
    now: dt.datetime | None = None,
) -> Review:
    """Met, or Not Met with written feedback on what to change, decided ``now``
    (the clock's by default)."""
    now = now or clock.now()
    version, review = _locked_version(
        reviewer, version, Requirement.ReviewMode.MET_NOT_MET
    )
    feedback = feedback.strip()
    if decision == Review.Decision.NOT_MET and not feedback:
        raise ReviewsRefused(messages.FEEDBACK_REQUIRED)
    if decision not in (Review.Decision.MET, Review.Decision.NOT_MET):
        raise ReviewsRefused(
            messages.WRONG_REVIEW_MODE
            % {"requirement": version.submission.requirement.title}
        )
    before = review_snapshot(review)
    review = review or Review(version=version, created_at=now)
    review.updated_at = now
    review.reviewer = reviewer
    review.decision = decision
    review.feedback = feedback
    # The decision and its feedback are checked above (the database's constraints
    # hold them too); the version is locked and its one review read, and the
    # reviewer is the signed-in user: validating those would read each back.
    review.full_clean(
        exclude=["version", "reviewer"],
        validate_unique=False,
        validate_constraints=False,
    )
    review.save()
    return _record(reviewer=reviewer, review=review, before=before, now=now)


def _checked_points(criteria, scores: Mapping[int, tuple[int | None, str]]):
    for criterion in criteria:
        points, _ = scores.get(criterion.pk, (None, ""))
        if points is None:
            raise ReviewsRefused(
                messages.CRITERION_NOT_SCORED % {"criterion": criterion.title}
            )
        if not 0 <= points <= criterion.max_points:
            raise ReviewsRefused(
                messages.POINTS_OUT_OF_RANGE
                % {
                    "criterion": criterion.title,
                    "max": criterion.max_points,
                    "points": points,
                }
            )


@transaction.atomic
def review_score(
    *,
    reviewer,
    version: SubmissionVersion,
    scores: Mapping[int, tuple[int | None, str]],
    feedback: str = "",
    now: dt.datetime | None = None,
) -> Review:
    """Score every rubric criterion (points, feedback); the total is their sum.

    ``scores`` maps a criterion id to (points, feedback). Whether the total passes
    is read against ``Requirement.pass_score`` (ISTE: 20 of 25). Scored ``now``
    (the clock's by default).
    """
    now = now or clock.now()
    version, review = _locked_version(reviewer, version, Requirement.ReviewMode.RUBRIC)
    requirement = version.submission.requirement
    criteria = list(requirement.rubric_criteria.all())
    if not criteria:
        raise ReviewsRefused(messages.NO_RUBRIC % {"requirement": requirement.title})
    _checked_points(criteria, scores)
    before = review_snapshot(review)
    review = review or Review(version=version, created_at=now)
    review.updated_at = now
    review.reviewer = reviewer
    review.decision = Review.Decision.SCORED
    review.total_points = sum(scores[c.pk][0] or 0 for c in criteria)
    review.out_of = sum(c.max_points for c in criteria)
    review.feedback = feedback.strip()
    review.full_clean()
    review.save()
    existing = {s.criterion_id: s for s in review.criterion_scores.all()}
    for criterion in criteria:
        points, criterion_feedback = scores[criterion.pk]
        score = existing.get(criterion.pk) or CriterionScore(
            review=review, criterion=criterion
        )
        score.points = points
        score.feedback = criterion_feedback.strip()
        score.full_clean()
        score.save()
    return _record(reviewer=reviewer, review=review, before=before, now=now)
