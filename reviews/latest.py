"""The review queue's row kept on each submission: its latest submitted version,
when it was submitted and its review's decision (``Submission.latest_*``).

The services that submit and review write them here, in the transaction that
writes the version or the review, so that the queue, the states and the peers
never read a version behind. Rows written around the services (the data
migration, the bench generator's COPY, bulk fixtures) are put right with
``latest_versions_fill``.
"""

from collections.abc import Iterable

from django.db.models import Model, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Review, Submission, SubmissionVersion

WAITING = ""  # the decision stored while the latest version waits for review


def latest_version_record(*, version: SubmissionVersion) -> None:
    """``version``, just submitted, is now its submission's latest, waiting for
    review: a submitted version never changes and a new one always takes the next
    number, so no earlier one can be later. Call it inside the transaction that
    submits."""
    Submission.objects.filter(pk=version.submission_id).update(
        latest_version=version,
        latest_submitted_at=version.submitted_at,
        latest_decision=WAITING,
    )
    if SubmissionVersion.submission.is_cached(version):  # type: ignore[attr-defined]
        # The submission instance the caller holds reads the new values too.
        submission = version.submission
        submission.latest_version = version
        submission.latest_submitted_at = version.submitted_at
        submission.latest_decision = WAITING


def latest_review_record(*, review: Review) -> None:
    """The decision of ``review`` (on the latest version: only that one is
    reviewed) is its submission's, in the transaction that saves the review."""
    Submission.objects.filter(latest_version_id=review.version_id).update(
        latest_decision=review.decision
    )


def latest_versions_fill(
    *,
    submission_model: type[Model] = Submission,
    version_model: type[Model] = SubmissionVersion,
    submission_ids: Iterable[int] | None = None,
) -> int:
    """Store every submission's offering and latest submitted version with its
    date and decision (none when nothing was submitted), in one UPDATE; returns
    the rows updated. The models are parameters so that the data migration
    passes its historical ones."""
    latest = version_model.objects.filter(  # type: ignore[attr-defined]
        submission=OuterRef("pk"), status="submitted"
    ).order_by("-number")
    enrollment_model = submission_model._meta.get_field("enrollment").related_model
    offering = enrollment_model.objects.filter(pk=OuterRef("enrollment_id"))
    submissions = submission_model.objects.all()  # type: ignore[attr-defined]
    if submission_ids is not None:
        submissions = submissions.filter(pk__in=list(submission_ids))
    return submissions.update(
        offering_id=Subquery(offering.values("offering_id")[:1]),
        latest_version=Subquery(latest.values("pk")[:1]),
        latest_submitted_at=Subquery(latest.values("submitted_at")[:1]),
        latest_decision=Coalesce(
            Subquery(latest.values("review__decision")[:1]), Value(WAITING)
        ),
    )
