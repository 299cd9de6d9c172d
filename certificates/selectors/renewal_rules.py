"""Renewal rules as values, read from the database (the rule graph caches them:
``rule_graph``)."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from programs.models import RenewalRule

from ..renewal import RenewalRuleValue


def owner_key(unit_id: int | None, program_id: int | None) -> tuple[str, int]:
    return ("unit", unit_id) if unit_id else ("program", program_id or 0)


def _rule_value(row: RenewalRule) -> RenewalRuleValue:
    return RenewalRuleValue(
        kind=row.kind,
        description=str(row.describe()),
        measure=row.measure,
        min_amount=row.min_amount,
        requirement_id=row.requirement_id,
        requirement_title=row.requirement.title if row.requirement else "",
        requirement_unit_id=row.requirement.unit_id if row.requirement else None,
        opens_days_before=row.opens_days_before,
        grace_days=row.grace_days,
    )


def renewal_rules_read(
    *,
    unit_ids: Iterable[int] | None = None,
    program_ids: Iterable[int] | None = None,
) -> dict[tuple[str, int], list[RenewalRuleValue]]:
    """The renewal rules of the units and programs (every one without ids) as
    values, by owner, in one query."""
    rows = RenewalRule.objects.select_related("requirement__unit").order_by("id")
    if unit_ids is not None or program_ids is not None:
        units, programs = set(unit_ids or ()), set(program_ids or ())
        rows = rows.filter(Q(unit_id__in=units) | Q(program_id__in=programs))
    rules: dict[tuple[str, int], list[RenewalRuleValue]] = defaultdict(list)
    for row in rows:
        rules[owner_key(row.unit_id, row.program_id)].append(_rule_value(row))
    return rules
