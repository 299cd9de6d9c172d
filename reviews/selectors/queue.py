"""The facilitators' review queue: the latest submitted version of each submission."""

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from enrollments.access import facilitated_offerings
from programs.models import Requirement

from ..models import Review, SubmissionVersion

REVIEWED_MODES = [Requirement.ReviewMode.MET_NOT_MET, Requirement.ReviewMode.RUBRIC]


class QueueState(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    NOT_MET = "not_met", _("Not Met")
    MET = "met", _("Met")
    SCORED = "scored", _("Scored")
    ALL = "all", _("All")


STATE_FILTERS = {
    QueueState.PENDING: Q(review__isnull=True),
    QueueState.NOT_MET: Q(review__decision=Review.Decision.NOT_MET),
    QueueState.MET: Q(review__decision=Review.Decision.MET),
    QueueState.SCORED: Q(review__decision=Review.Decision.SCORED),
    QueueState.ALL: Q(),
}


def _reviewable_versions(user) -> QuerySet[SubmissionVersion]:
    # The offering ids are read first (one small query): as a subquery, PostgreSQL
    # planned the queue from every reviewed submission and applied the
    # facilitator's offerings last (4-10 s at 1,000,000 versions, bench/).
    offering_ids = list(facilitated_offerings(user=user).values_list("pk", flat=True))
    return SubmissionVersion.objects.latest_submitted().filter(
        submission__requirement__review_mode__in=REVIEWED_MODES,
        submission__enrollment__offering_id__in=offering_ids,
    )


def waiting_for_review() -> QuerySet[SubmissionVersion]:
    """Every version waiting in some queue: what an admin's queue lists as
    waiting, over every offering (the reports' rollup reads it)."""
    return SubmissionVersion.objects.latest_submitted().filter(
        STATE_FILTERS[QueueState.PENDING],
        submission__requirement__review_mode__in=REVIEWED_MODES,
    )


def _filtered(user, offering_id, requirement_id) -> QuerySet[SubmissionVersion]:
    versions = _reviewable_versions(user)
    if offering_id:
        versions = versions.filter(submission__enrollment__offering_id=offering_id)
    if requirement_id:
        versions = versions.filter(submission__requirement_id=requirement_id)
    return versions


def review_queue(
    *,
    user,
    offering_id: int | None = None,
    requirement_id: int | None = None,
    state: str = QueueState.PENDING,
) -> QuerySet[SubmissionVersion]:
    """Versions to review in ``user``'s offerings, oldest submission first."""
    return (
        _filtered(user, offering_id, requirement_id)
        .filter(STATE_FILTERS[QueueState(state)])
        .select_related(
            "review",
            "submission__requirement",
            "submission__enrollment__learner",
            "submission__enrollment__offering__unit",
        )
        .order_by("submitted_at", "pk")
    )


def review_queue_counts(
    *, user, offering_id: int | None = None, requirement_id: int | None = None
) -> dict[str, int]:
    """How many versions are in each state, under the same offering and requirement."""
    return _filtered(user, offering_id, requirement_id).aggregate(
        **{
            state.value: Count("pk", filter=STATE_FILTERS[state])
            for state in QueueState
        }
    )


def reviewable_requirements(*, user) -> QuerySet[Requirement]:
    """Requirements reviewed by a facilitator in ``user``'s offerings (for filters)."""
    units = facilitated_offerings(user=user).values("unit_id")
    return (
        Requirement.objects.filter(unit_id__in=units, review_mode__in=REVIEWED_MODES)
        .select_related("unit")
        .order_by("unit__title", "position")
    )
