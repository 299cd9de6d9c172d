"""Portfolios under way, for the learner's dashboard ("7 of 9-14 artifacts")."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from django.db.models import Count

from enrollments.models import Enrollment
from programs.models import Requirement

from ..models import Submission, SubmissionVersion
from .states import RequirementRow


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


def portfolios_in_progress(
    *, enrollments: Iterable[Enrollment], rows: Mapping[int, list[RequirementRow]]
) -> list[PortfolioProgress]:
    """Each portfolio begun in the enrollments, with the artifact count of its
    latest version (draft or submitted), from their requirement rows
    (``requirement_rows_for``): one query, none when no portfolio was begun."""
    begun = sorted(
        (
            (enrollment, row)
            for enrollment in enrollments
            for row in rows[enrollment.pk]
            if row.requirement.kind == Requirement.Kind.PORTFOLIO and row.submission
        ),
        key=lambda pair: (pair[0].pk, pair[1].requirement.pk),  # as submissions sort
    )
    if not begun:
        return []
    versions = (
        SubmissionVersion.objects.filter(
            submission__in=[row.submission for _, row in begun]
        )
        .annotate(artifact_count=Count("artifacts"))
        .order_by("submission_id", "-number")
        .values_list("submission_id", "artifact_count")
    )
    counts: dict[int, int] = {}
    for submission_id, count in versions:
        counts.setdefault(submission_id, count)
    progress = []
    for enrollment, row in begun:
        submission = cast(Submission, row.submission)
        # The instances already read, so the page reads nothing more.
        submission.enrollment = enrollment
        submission.requirement = row.requirement
        progress.append(
            PortfolioProgress(
                submission=submission, artifacts=counts.get(submission.pk, 0)
            )
        )
    return progress
