"""What an admin narrows a report to: a program, a provider, a date range.

Dates select events: enrollments by the day of enrollment, reviews by the day of
the decision, invoices by the day of issue, awards by the day of issue (the
awards export: by the day earned, so that pending awards are listed too).
Submissions waiting for review are counted as of the rollup, whatever the dates.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from programs.models import CredentialProgram, Provider, Unit


@dataclass(frozen=True)
class ReportFilters:
    program: CredentialProgram | None = None
    provider: Provider | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def units(self) -> QuerySet[Unit] | None:
        """The units in scope, as a subquery; None when every unit is."""
        if self.program is None and self.provider is None:
            return None
        units = Unit.objects.all()
        if self.program is not None:
            units = units.filter(programs=self.program)
        if self.provider is not None:
            units = units.filter(provider=self.provider)
        return units.values("pk")

    def programs(self) -> QuerySet[CredentialProgram]:
        programs = CredentialProgram.objects.all()
        if self.program is not None:
            programs = programs.filter(pk=self.program.pk)
        if self.provider is not None:
            programs = programs.filter(provider=self.provider)
        return programs

    def unit_q(self, unit_path: str) -> Q:
        """Rows whose unit (at ``unit_path``, e.g. ``offering__unit``) is in scope."""
        units = self.units()
        return Q() if units is None else Q(**{f"{unit_path}__in": units})

    def award_q(self) -> Q:
        """Awards for a unit in scope or for a program in scope."""
        if self.program is None and self.provider is None:
            return Q()
        return Q(unit__in=self.units()) | Q(program__in=self.programs().values("pk"))

    def days_q(self, field: str, *, is_datetime: bool = True) -> Q:
        """``field`` within the date range (a datetime's day in the portal's zone)."""
        lookup = f"{field}__date" if is_datetime else field
        q = Q()
        if self.date_from is not None:
            q &= Q(**{f"{lookup}__gte": self.date_from})
        if self.date_to is not None:
            q &= Q(**{f"{lookup}__lte": self.date_to})
        return q

    def query_string(self) -> dict[str, str]:
        """The filters as GET parameters (carried to the export links)."""
        values = {
            "program": self.program.pk if self.program else None,
            "provider": self.provider.pk if self.provider else None,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
        }
        return {key: str(value) for key, value in values.items() if value}
