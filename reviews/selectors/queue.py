"""The facilitators' review queue: the latest submitted version of each submission.

Every read here goes through the queue's row kept on each submission (its
offering, latest submitted version, that version's date and decision:
``reviews.latest``) and the index on it, so that it costs the same whatever the
number of versions behind it.
"""

from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, Min, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from enrollments.access import facilitated_offerings
from programs.models import Requirement

from ..latest import WAITING
from ..models import Review, Submission, SubmissionVersion

REVIEWED_MODES = [Requirement.ReviewMode.MET_NOT_MET, Requirement.ReviewMode.RUBRIC]


class QueueState(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    NOT_MET = "not_met", _("Not Met")
    MET = "met", _("Met")
    SCORED = "scored", _("Scored")
    ALL = "all", _("All")


# The stored decision of the latest version in each state (ALL: any).
STATE_DECISIONS = {
    QueueState.PENDING: WAITING,
    QueueState.NOT_MET: Review.Decision.NOT_MET,
    QueueState.MET: Review.Decision.MET,
    QueueState.SCORED: Review.Decision.SCORED,
}


def _in_queue(
    *,
    offering_ids: list[int] | None,
    offering_id: int | None = None,
    requirement_id: int | None = None,
    state: str = QueueState.ALL,
    via: str = "",
) -> Q:
    """The submissions (``via`` "submission__": their latest versions) a
    facilitator reviews, in ``offering_ids`` (None: every offering)."""
    lookups: dict = {
        f"{via}latest_version__isnull": False,
        f"{via}requirement__review_mode__in": REVIEWED_MODES,
    }
    if offering_ids is not None:
        lookups[f"{via}offering_id__in"] = offering_ids
    if offering_id:
        lookups[f"{via}offering_id"] = offering_id
    if requirement_id:
        lookups[f"{via}requirement_id"] = requirement_id
    if state != QueueState.ALL:
        lookups[f"{via}latest_decision"] = STATE_DECISIONS[QueueState(state)]
    return Q(**lookups)


def waiting_for_review() -> QuerySet[SubmissionVersion]:
    """Every version waiting in some queue: what an admin's queue lists as
    waiting, over every offering (the reports' rollup reads it)."""
    return SubmissionVersion.objects.latest_submitted().filter(
        _in_queue(offering_ids=None, state=QueueState.PENDING, via="submission__")
    )


def reviewable_offering_ids(*, user) -> list[int]:
    """The offerings whose queue ``user`` reads (read once per page: as a
    subquery, PostgreSQL planned the queue from every reviewed submission and
    applied the facilitator's offerings last, 4-10 s at 1,000,000 versions)."""
    return list(facilitated_offerings(user=user).values_list("pk", flat=True))


def _with_rows(versions: QuerySet[SubmissionVersion]) -> QuerySet[SubmissionVersion]:
    """What a queue row shows of a version, oldest submission first."""
    return versions.select_related(
        "review",
        "submission__requirement",
        "submission__enrollment__learner",
        "submission__enrollment__offering__unit",
    ).order_by("submission__latest_submitted_at", "pk")


def review_queue(
    *,
    user,
    offering_id: int | None = None,
    requirement_id: int | None = None,
    state: str = QueueState.PENDING,
) -> QuerySet[SubmissionVersion]:
    """Versions to review in ``user``'s offerings, oldest submission first."""
    return _with_rows(
        SubmissionVersion.objects.latest_submitted().filter(
            _in_queue(
                offering_ids=reviewable_offering_ids(user=user),
                offering_id=offering_id,
                requirement_id=requirement_id,
                state=state,
                via="submission__",
            )
        )
    )


def _queue_rows(**filters) -> QuerySet:
    """The latest versions' ids in the queue, oldest submission first, read on
    the queue's index alone (the filters of ``_in_queue``)."""
    return (
        Submission.objects.filter(_in_queue(**filters))
        .order_by("latest_submitted_at", "latest_version_id")
        .values_list("latest_version_id", flat=True)
    )


def _versions_of(rows: Iterable[int]) -> list[SubmissionVersion]:
    """The versions of a slice of ``_queue_rows`` with what a row shows, in two
    queries: the slice's ids, then only those rows joined. (As one query with the
    slice as a subquery, the joins outnumber what PostgreSQL reorders, and it
    joined every version before choosing the slice.)"""
    ids = list(rows)
    return list(_with_rows(SubmissionVersion.objects.filter(pk__in=ids))) if ids else []


def review_queue_page(
    *,
    offering_ids: list[int],
    offering_id: int | None = None,
    requirement_id: int | None = None,
    state: str = QueueState.PENDING,
    number=1,
    per_page: int,
    count: int,
) -> Page:
    """One page of the queue (as ``review_queue``, over ``offering_ids``) in two
    queries. ``count`` is the state's total (``review_queue_counts``), so that the
    queue is not counted twice."""
    rows = _queue_rows(
        offering_ids=offering_ids,
        offering_id=offering_id,
        requirement_id=requirement_id,
        state=state,
    )
    paginator = Paginator(rows, per_page)
    paginator.count = count
    page = paginator.get_page(number)
    page.object_list = _versions_of(page.object_list)
    return page


def oldest_waiting(*, offering_ids: list[int], shown: int) -> list[SubmissionVersion]:
    """The ``shown`` versions that have waited longest in the offerings."""
    rows = _queue_rows(offering_ids=offering_ids, state=QueueState.PENDING)
    return _versions_of(rows[:shown])


def review_queue_counts(
    *,
    offering_ids: list[int],
    offering_id: int | None = None,
    requirement_id: int | None = None,
) -> dict[str, int]:
    """How many versions are in each state, under the same offering and requirement."""
    rows = Submission.objects.filter(
        _in_queue(
            offering_ids=offering_ids,
            offering_id=offering_id,
            requirement_id=requirement_id,
        )
    )
    return rows.aggregate(
        **{
            # Counted on a column of the queue's index (set on every row here),
            # so that the count reads the index alone.
            state.value: Count(
                "latest_version",
                filter=Q(latest_decision=STATE_DECISIONS[state])
                if state != QueueState.ALL
                else None,
            )
            for state in QueueState
        }
    )


def waiting_per_offering(*, offering_ids: list[int]) -> dict[int, dict]:
    """How many versions wait in each offering and since when the oldest has
    waited: ``{offering id: {"count": n, "oldest": datetime}}``."""
    rows = (
        Submission.objects.filter(
            _in_queue(offering_ids=offering_ids, state=QueueState.PENDING)
        )
        .order_by()
        .values("offering_id")
        .annotate(count=Count("latest_version"), oldest=Min("latest_submitted_at"))
    )
    return {row.pop("offering_id"): row for row in rows}


def reviewable_requirements(*, user) -> QuerySet[Requirement]:
    """Requirements reviewed by a facilitator in ``user``'s offerings (for filters)."""
    units = facilitated_offerings(user=user).values("unit_id")
    return (
        Requirement.objects.filter(unit_id__in=units, review_mode__in=REVIEWED_MODES)
        .select_related("unit")
        .order_by("unit__title", "position")
    )
