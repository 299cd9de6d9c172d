"""Calendar months for the awards-over-time figures (pure)."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class MonthCount:
    month: dt.date  # the first day of the month
    issued: int
    revoked: int


def month_after(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def months_filled(
    issued: dict[dt.date, int], revoked: dict[dt.date, int]
) -> list[MonthCount]:
    """Every month from the first to the last with a count, empty months as 0, so
    that a chart's gaps show as gaps."""
    months = sorted({*issued, *revoked})
    if not months:
        return []
    rows, month = [], months[0]
    while month <= months[-1]:
        rows.append(
            MonthCount(
                month=month, issued=issued.get(month, 0), revoked=revoked.get(month, 0)
            )
        )
        month = month_after(month)
    return rows
