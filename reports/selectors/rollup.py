"""When the report's figures were counted, and whether a recount is waiting."""

from dataclasses import dataclass

from ..models import ReportRollup


@dataclass(frozen=True)
class RollupState:
    latest: ReportRollup | None  # the finished rollup the figures are from
    waiting: ReportRollup | None  # a refresh asked for and not yet run


def rollup_state() -> RollupState:
    return RollupState(
        latest=ReportRollup.objects.filter(finished_at__isnull=False)
        .order_by("-finished_at", "-pk")
        .first(),
        waiting=ReportRollup.objects.filter(finished_at__isnull=True)
        .order_by("requested_at", "pk")
        .first(),
    )
