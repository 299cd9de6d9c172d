"""Credentials issued and revoked, per month and per program, summed from the
rollup's rows in one query."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from ..filters import ReportFilters
from ..models import AwardDay
from ..months import MonthCount, months_filled


@dataclass(frozen=True)
class AwardSums:
    # Awards (unit and program) by month, counting only those still issued: a
    # revoked award is counted apart, in the month it was revoked; a superseded
    # one not at all, since its corrected re-issue counts.
    months: list[MonthCount]
    # Program credentials: program id -> {"issued": n, "revoked": n}.
    programs: dict[int, Counter[str]]


def award_sums(*, filters: ReportFilters) -> AwardSums:
    """The awards in scope (for a unit or a program in scope) in the range,
    grouped by program (none for a unit's) and month, summed both ways."""
    rows = (
        AwardDay.objects.filter(
            filters.award_q(), filters.days_q("day", is_datetime=False)
        )
        .annotate(month=TruncMonth("day"))
        .order_by()
        .values("program_id", "month")
        .annotate(issued=Sum("issued"), revoked=Sum("revoked"))
    )
    issued: Counter = Counter()
    revoked: Counter = Counter()
    programs: defaultdict[int, Counter[str]] = defaultdict(Counter)
    for row in rows:
        issued[row["month"]] += row["issued"]
        revoked[row["month"]] += row["revoked"]
        if row["program_id"] is not None:
            programs[row["program_id"]].update(
                issued=row["issued"], revoked=row["revoked"]
            )
    return AwardSums(months=months_filled(+issued, +revoked), programs=dict(programs))


def awards_per_month(*, filters: ReportFilters) -> list[MonthCount]:
    """Awards by the month they were issued (``AwardSums.months``)."""
    return award_sums(filters=filters).months
