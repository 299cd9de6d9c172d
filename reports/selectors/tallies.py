"""Per-offering figures in four grouped queries, whatever the number of rows."""

from django.db.models import Count, Exists, OuterRef, Q

from certificates.models import Award
from enrollments.models import Enrollment
from reviews.models import Review
from reviews.selectors import QueueState, review_queue

from ..figures import Tally
from ..filters import ReportFilters
from ..pass_rate import DECIDED, PASSED

Status = Enrollment.Status


def _enrollment_counts(filters: ReportFilters, tallies: dict[int, Tally]) -> None:
    unit_award = Award.objects.filter(
        learner=OuterRef("learner_id"),
        unit=OuterRef("offering__unit_id"),
        status=Award.Status.ISSUED,
    )
    rows = (
        Enrollment.objects.filter(
            filters.unit_q("offering__unit"), filters.days_q("created_at")
        )
        .order_by()
        .values("offering_id")
        .annotate(
            active=Count("pk", filter=Q(status=Status.ACTIVE)),
            completed=Count("pk", filter=Q(status=Status.COMPLETED)),
            withdrawn=Count("pk", filter=Q(status=Status.WITHDRAWN)),
            awarded=Count("pk", filter=Q(Exists(unit_award))),
        )
    )
    for row in rows:
        tally = tallies.setdefault(row["offering_id"], Tally())
        tally.active, tally.completed = row["active"], row["completed"]
        tally.withdrawn, tally.awarded = row["withdrawn"], row["awarded"]


def _waiting(user, filters: ReportFilters, tallies: dict[int, Tally]) -> None:
    """The review queue's own definition of waiting, as of now (no dates)."""
    rows = (
        review_queue(user=user, state=QueueState.PENDING)
        .filter(filters.unit_q("submission__enrollment__offering__unit"))
        .order_by()
        .values_list("submission__enrollment__offering_id", "submitted_at")
    )
    for offering_id, submitted_at in rows:
        if submitted_at is not None:  # always set on a submitted version
            tallies.setdefault(offering_id, Tally()).waiting_since.append(submitted_at)


def _decisions(filters: ReportFilters, tallies: dict[int, Tally]) -> None:
    offering = "version__submission__enrollment__offering_id"
    rows = (
        Review.objects.filter(
            DECIDED,
            filters.unit_q("version__submission__enrollment__offering__unit"),
            filters.days_q("created_at"),
        )
        .order_by()
        .values(offering)
        .annotate(decided=Count("pk"), passed=Count("pk", filter=PASSED))
    )
    for row in rows:
        tally = tallies.setdefault(row[offering], Tally())
        tally.decided, tally.passed = row["decided"], row["passed"]


def offering_tallies(*, user, filters: ReportFilters) -> dict[int, Tally]:
    """Offering id -> its figures, for offerings with anything to count.

    ``user`` is the admin reading: the waiting count is their review queue's
    (every offering for an admin), so the report and the queue agree.
    """
    tallies: dict[int, Tally] = {}
    _enrollment_counts(filters, tallies)
    _waiting(user, filters, tallies)
    _decisions(filters, tallies)
    return tallies
