"""The programs in a report's scope with their units, read once per page."""

from programs.models import CredentialProgram, Unit

from ..filters import ReportFilters

ProgramUnits = list[tuple[CredentialProgram, set[int]]]


def programs_in_scope(*, filters: ReportFilters) -> ProgramUnits:
    """Each program in scope (in the programs' order) with its units' ids."""
    programs = list(filters.programs().select_related("provider"))
    memberships = Unit.programs.through.objects.filter(
        credentialprogram_id__in=[p.pk for p in programs]
    ).values_list("unit_id", "credentialprogram_id")
    units_of: dict[int, set[int]] = {p.pk: set() for p in programs}
    for unit_id, program_id in memberships:
        units_of[program_id].add(unit_id)
    return [(program, units_of[program.pk]) for program in programs]
