"""Reads of the admin reports: figures per offering and program, awards per
month (summed from the rollup's rows), and the rows of each CSV export."""

from .awards import AwardSums, award_sums, awards_per_month
from .csv_rows import (
    awards_for_export,
    enrollments_for_export,
    invoices_for_export,
    reviews_for_export,
)
from .programs import ProgramUnits, programs_in_scope
from .report import report_rows
from .revenue import RevenueRow, revenue_per_program
from .rollup import RollupState, rollup_state

__all__ = [
    "AwardSums",
    "ProgramUnits",
    "RevenueRow",
    "RollupState",
    "award_sums",
    "awards_for_export",
    "awards_per_month",
    "enrollments_for_export",
    "invoices_for_export",
    "programs_in_scope",
    "report_rows",
    "revenue_per_program",
    "reviews_for_export",
    "rollup_state",
]
