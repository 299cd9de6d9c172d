"""Revenue per program: invoiced (invoices issued in the range, void ones left
out) and received (payments net of refunds and cancellations, dated in the
range), in two grouped queries whatever the number of invoices.

An invoice counts for the unit it bills (its enrollment's, or its group order's);
a program sums its units, so a workshop counting toward two programs counts in
both, as the other figures of the report do.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Sum
from django.db.models.functions import Coalesce

from enrollments.models import Invoice, Payment
from enrollments.selectors.invoices import signed_amount
from programs.models import CredentialProgram, Unit

from ..filters import ReportFilters

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class RevenueRow:
    program: CredentialProgram
    currency: str
    invoiced: Decimal
    received: Decimal


def _invoiced(filters: ReportFilters) -> dict[tuple[int, str], Decimal]:
    rows = (
        Invoice.objects.exclude(status=Invoice.Status.VOID)
        .filter(filters.days_q("issued_at"))
        .annotate(
            unit=Coalesce(
                F("enrollment__offering__unit_id"), F("order__offering__unit_id")
            )
        )
        .filter(filters.unit_q("unit"))
        .order_by()
        .values("unit", "currency")
        .annotate(amount=Sum("total"))
    )
    return {(row["unit"], row["currency"]): row["amount"] for row in rows}


def _received(filters: ReportFilters) -> dict[tuple[int, str], Decimal]:
    rows = (
        Payment.objects.filter(filters.days_q("paid_on", is_datetime=False))
        .annotate(
            unit=Coalesce(
                F("invoice__enrollment__offering__unit_id"),
                F("invoice__order__offering__unit_id"),
            ),
            currency=F("invoice__currency"),
        )
        .filter(filters.unit_q("unit"))
        .order_by()
        .values("unit", "currency")
        .annotate(amount=Sum(signed_amount()))
    )
    return {(row["unit"], row["currency"]): row["amount"] for row in rows}


def revenue_per_program(*, filters: ReportFilters) -> list[RevenueRow]:
    """Programs in scope with money invoiced or received in the range, per
    currency, in the order of the programs."""
    invoiced, received = _invoiced(filters), _received(filters)
    programs = list(filters.programs().select_related("provider"))
    memberships = Unit.programs.through.objects.filter(
        credentialprogram_id__in=[p.pk for p in programs]
    ).values_list("unit_id", "credentialprogram_id")
    units_of: dict[int, set[int]] = defaultdict(set)
    for unit_id, program_id in memberships:
        units_of[program_id].add(unit_id)
    rows: list[RevenueRow] = []
    for program in programs:
        sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
        for (unit_id, currency), amount in invoiced.items():
            if unit_id in units_of[program.pk]:
                sums[currency][0] += amount
        for (unit_id, currency), amount in received.items():
            if unit_id in units_of[program.pk]:
                sums[currency][1] += amount
        rows.extend(
            RevenueRow(program, currency, invoiced=amounts[0], received=amounts[1])
            for currency, amounts in sorted(sums.items())
        )
    return rows
