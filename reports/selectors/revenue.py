"""Revenue per program: invoiced (invoices issued in the range, void ones left
out) and received (payments net of refunds and cancellations, dated in the
range), summed from the rollup's rows (``services.rollup``).

An invoice counts for the unit it bills (its enrollment's, or its group order's);
a program sums its units, so a workshop counting toward two programs counts in
both, as the other figures of the report do.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from programs.models import CredentialProgram

from ..filters import ReportFilters
from ..models import RevenueDay
from .programs import ProgramUnits, programs_in_scope

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class RevenueRow:
    program: CredentialProgram
    currency: str
    invoiced: Decimal
    received: Decimal


def _money(filters: ReportFilters) -> dict[tuple[int, str], list[Decimal]]:
    """(unit, currency) -> [invoiced, received] in the range."""
    rows = (
        RevenueDay.objects.filter(
            filters.unit_q("unit"), filters.days_q("day", is_datetime=False)
        )
        .order_by()
        .values("unit_id", "currency")
        .annotate(invoiced=Sum("invoiced"), received=Sum("received"))
    )
    return {
        (row["unit_id"], row["currency"]): [row["invoiced"], row["received"]]
        for row in rows
    }


def revenue_per_program(
    *, filters: ReportFilters, programs: ProgramUnits | None = None
) -> list[RevenueRow]:
    """Programs in scope with money invoiced or received in the range, per
    currency, in the order of the programs."""
    money = _money(filters)
    rows: list[RevenueRow] = []
    for program, units in programs or programs_in_scope(filters=filters):
        sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
        for (unit_id, currency), (invoiced, received) in money.items():
            if unit_id in units:
                sums[currency][0] += invoiced
                sums[currency][1] += received
        rows.extend(
            RevenueRow(program, currency, invoiced=amounts[0], received=amounts[1])
            for currency, amounts in sorted(sums.items())
        )
    return rows
