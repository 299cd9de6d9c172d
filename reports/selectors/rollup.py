"""When the report's figures were counted, and whether a recount is waiting."""

from dataclasses import dataclass

from django.db.models import Q, Subquery

from ..models import ReportRollup


@dataclass(frozen=True)
class RollupState:
    latest: ReportRollup | None  # the finished rollup the figures are from
    waiting: ReportRollup | None  # a refresh asked for and not yet run


def rollup_state() -> RollupState:
    """Both in one query: the latest finished rollup and every waiting request
    (at most one: ``report_refresh_request`` asks again only when none waits)."""
    latest = ReportRollup.objects.filter(finished_at__isnull=False).order_by(
        "-finished_at", "-pk"
    )
    rows = ReportRollup.objects.filter(
        Q(finished_at__isnull=True) | Q(pk=Subquery(latest.values("pk")[:1]))
    ).order_by("requested_at", "pk")
    state: dict[str, ReportRollup | None] = {"latest": None, "waiting": None}
    for rollup in rows:
        key = "waiting" if rollup.finished_at is None else "latest"
        state[key] = state[key] or rollup
    return RollupState(**state)
