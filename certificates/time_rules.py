"""When an award may be earned and what it certifies: pure, the dates passed in."""

import datetime as dt
from typing import Any

from core import clock


def certified_until(
    *, offering_end: dt.date | None, last_session_day: dt.date | None
) -> dt.date | None:
    """The last day of what an award certifies: the offering's end or its last
    session, whichever is later; None for an undated (open enrollment) offering."""
    days = [day for day in (offering_end, last_session_day) if day is not None]
    return max(days) if days else None


def award_may_be_earned(*, ends_on: dt.date | None, today: dt.date) -> bool:
    """An award is earned no earlier than the last day of what it certifies; met
    early, it waits (the progress sweep earns it once that day comes)."""
    return ends_on is None or today >= ends_on


def snapshot_zone(snapshot: dict[str, Any]) -> dt.tzinfo:
    """The zone an award's moments are written in (its PDF, verification page,
    transcript and Open Badges dates): its provider's, frozen in the snapshot when
    the award was requested; the portal's for an award frozen before providers
    had zones."""
    name = snapshot.get("time_zone")
    return clock.zone_named(name) if name else clock.portal_zone()
