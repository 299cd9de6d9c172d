"""Reads of one submission's versions, its draft, and peers' shared projects."""

from django.db.models import Count, Prefetch, QuerySet

from enrollments.models import Enrollment
from programs.models import Requirement

from ..models import (
    Artifact,
    ChecklistQuestion,
    CriterionScore,
    PeerComment,
    Submission,
    SubmissionVersion,
)


def submission_versions(*, submission: Submission) -> list[SubmissionVersion]:
    """Every version, newest first, with artifacts, review, scores and comments."""
    return list(
        submission.versions.select_related("review__reviewer")
        .prefetch_related(
            "artifacts",
            Prefetch(
                "review__criterion_scores",
                queryset=CriterionScore.objects.select_related("criterion"),
            ),
            Prefetch(
                "peer_comments",
                queryset=PeerComment.objects.select_related("author"),
            ),
            "checklist_answers__option",
            "checklist_answers__question",
        )
        .order_by("-number")
    )


def submission_for(*, enrollment: Enrollment, requirement: Requirement):
    return Submission.objects.filter(
        enrollment=enrollment, requirement=requirement
    ).first()


def draft_artifacts(*, version: SubmissionVersion | None) -> QuerySet[Artifact]:
    if version is None:
        return Artifact.objects.none()
    return version.artifacts.all()


def checklist_questions(*, requirement: Requirement) -> QuerySet[ChecklistQuestion]:
    return requirement.checklist_questions.prefetch_related("options")


def peer_projects(
    *, enrollment: Enrollment, requirement: Requirement
) -> QuerySet[SubmissionVersion]:
    """Other learners' latest submitted versions of a shared requirement."""
    if not requirement.shared_with_peers:
        return SubmissionVersion.objects.none()
    return (
        SubmissionVersion.objects.latest_submitted()
        .filter(
            submission__requirement=requirement,
            submission__enrollment__offering_id=enrollment.offering_id,
            submission__enrollment__status__in=Enrollment.TAKING_PART,
        )
        .exclude(submission__enrollment=enrollment)
        .select_related("submission__enrollment__learner")
        .annotate(comment_count=Count("peer_comments"))
        .order_by("submitted_at", "pk")
    )
