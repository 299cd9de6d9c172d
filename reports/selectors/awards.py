"""Credentials issued per month, in two grouped queries."""

import datetime as dt

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from certificates.models import Award
from core import clock

from ..filters import ReportFilters
from ..months import MonthCount, months_filled


def _per_month(filters: ReportFilters, status: str, field: str) -> dict[dt.date, int]:
    rows = (
        Award.objects.filter(filters.award_q(), filters.days_q(field), status=status)
        .annotate(month=TruncMonth(field, tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {clock.local_day(row["month"]).replace(day=1): row["n"] for row in rows}


def awards_per_month(*, filters: ReportFilters) -> list[MonthCount]:
    """Awards (unit and program) by the month they were issued, counting only
    those still issued: a revoked award is counted apart, in the month it was
    revoked; a superseded one not at all, since its corrected re-issue counts."""
    return months_filled(
        _per_month(filters, Award.Status.ISSUED, "issued_at"),
        _per_month(filters, Award.Status.REVOKED, "revoked_at"),
    )
