"""Per-offering figures summed from the rollup's rows, in two grouped queries
whatever the size of the history."""

from django.db.models import Sum

from ..figures import Tally
from ..filters import ReportFilters
from ..models import OfferingDay, WaitingAge

FIGURES = ("active", "completed", "withdrawn", "awarded", "decided", "passed")


def offering_tallies(*, filters: ReportFilters) -> dict[int, Tally]:
    """Offering id -> its figures as of the latest rollup, for offerings with
    anything to count. Waiting work is counted whatever the dates (it is the
    review queue's, over every offering: the report is an admin's)."""
    tallies: dict[int, Tally] = {}
    rows = (
        OfferingDay.objects.filter(
            filters.unit_q("offering__unit"), filters.days_q("day", is_datetime=False)
        )
        .order_by()
        .values("offering_id")
        .annotate(**{figure: Sum(figure) for figure in FIGURES})
    )
    for row in rows:
        offering_id = row.pop("offering_id")
        tallies[offering_id] = Tally(**row)
    ages = WaitingAge.objects.filter(filters.unit_q("offering__unit")).values_list(
        "offering_id", "age_days", "count"
    )
    for offering_id, age, count in ages:
        tally = tallies.setdefault(offering_id, Tally())
        tally.waiting_days[age] += count
    return tallies
