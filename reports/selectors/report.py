"""The report page's rows: per offering and per program, in constant queries
over the rollup's rows (``reports.models``)."""

from collections import Counter

from programs.models import Offering

from ..figures import ReportRow, Tally, waiting_ages
from ..filters import ReportFilters
from .awards import AwardSums, award_sums
from .programs import ProgramUnits, programs_in_scope
from .tallies import offering_tallies


def _offering_rows(
    tallies: dict[int, Tally], offerings: dict[int, Offering]
) -> list[ReportRow]:
    rows = [
        ReportRow(
            subject=offering,
            tally=tallies[pk],
            waiting=waiting_ages(tallies[pk].waiting_days),
        )
        for pk, offering in offerings.items()
        if not tallies[pk].is_empty
    ]
    return sorted(
        rows,
        key=lambda row: (
            str(row.subject.unit.provider),  # type: ignore[attr-defined]
            str(row.subject),
        ),
    )


def _program_rows(
    tallies: dict[int, Tally],
    offerings: dict[int, Offering],
    programs: ProgramUnits,
    awards: AwardSums,
) -> list[ReportRow]:
    rows = []
    for program, units in programs:
        total = Tally()
        for pk, offering in offerings.items():
            if offering.unit_id in units:
                total.add(tallies[pk])
        counts = awards.programs.get(program.pk, Counter())
        row = ReportRow(
            subject=program,
            tally=total,
            waiting=waiting_ages(total.waiting_days),
            issued=counts["issued"],
            revoked=counts["revoked"],
        )
        if not (total.is_empty and not row.issued and not row.revoked):
            rows.append(row)
    return rows


def report_rows(
    *,
    filters: ReportFilters,
    programs: ProgramUnits | None = None,
    awards: AwardSums | None = None,
) -> dict[str, list[ReportRow]]:
    """``{"offerings": [...], "programs": [...]}``: every offering and program in
    scope with something to count (enrollments, waiting work, decisions, awards).

    A program sums the offerings of its units: a workshop counting toward two
    programs counts in both. ``programs`` and ``awards``, when the page read
    them already, are not read again.
    """
    tallies = offering_tallies(filters=filters)
    offerings = Offering.objects.filter(pk__in=list(tallies)).select_related(
        "unit__provider"
    )
    by_pk = {offering.pk: offering for offering in offerings}
    return {
        "offerings": _offering_rows(tallies, by_pk),
        "programs": _program_rows(
            tallies,
            by_pk,
            programs or programs_in_scope(filters=filters),
            awards or award_sums(filters=filters),
        ),
    }
