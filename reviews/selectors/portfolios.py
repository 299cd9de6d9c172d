"""Portfolios under way, for the learner's dashboard ("7 of 9-14 artifacts")."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from enrollments.models import Enrollment
from programs.models import Requirement

from ..models import Submission, SubmissionVersion


@dataclass(frozen=True)
class PortfolioProgress:
    submission: Submission
    artifacts: int

    @property
    def requirement(self) -> Requirement:
        return self.submission.requirement

    @property
    def enough(self) -> bool:
        return self.artifacts >= (self.requirement.min_artifacts or 0)


def portfolios_in_progress(*, learner) -> list[PortfolioProgress]:
    """Each portfolio of the learner's active enrollments, with the artifact count of
    its latest version (draft or submitted); two queries whatever their number."""
    versions = SubmissionVersion.objects.annotate(artifact_count=Count("artifacts"))
    submissions = (
        Submission.objects.filter(
            enrollment__learner=learner,
            enrollment__status=Enrollment.Status.ACTIVE,
            requirement__kind=Requirement.Kind.PORTFOLIO,
        )
        .select_related("requirement", "enrollment__offering__unit")
        .prefetch_related(Prefetch("versions", queryset=versions.order_by("-number")))
    )
    progress = []
    for submission in submissions:
        latest = next(iter(submission.versions.all()), None)
        count = latest.artifact_count if latest else 0
        progress.append(PortfolioProgress(submission=submission, artifacts=count))
    return progress
