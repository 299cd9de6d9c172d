"""Credentials issued per month, summed from the rollup's rows in one query."""

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from ..filters import ReportFilters
from ..models import AwardDay
from ..months import MonthCount, months_filled


def awards_per_month(*, filters: ReportFilters) -> list[MonthCount]:
    """Awards (unit and program) by the month they were issued, counting only
    those still issued: a revoked award is counted apart, in the month it was
    revoked; a superseded one not at all, since its corrected re-issue counts."""
    rows = (
        AwardDay.objects.filter(
            filters.award_q(), filters.days_q("day", is_datetime=False)
        )
        .annotate(month=TruncMonth("day"))
        .order_by()
        .values("month")
        .annotate(issued=Sum("issued"), revoked=Sum("revoked"))
    )
    issued, revoked = {}, {}
    for row in rows:
        if row["issued"]:
            issued[row["month"]] = row["issued"]
        if row["revoked"]:
            revoked[row["month"]] = row["revoked"]
    return months_filled(issued, revoked)
