"""Whose day it is: every date of an offering is a day of its provider's zone.

The one place that answers "which zone does this offering keep" and "which day is
it there"; services and selectors ask here, never the portal's zone, when the
answer decides by an offering's dates (enrollment windows, submission windows,
deadlines, sessions, the day an award is earned). The zone names go through
``core.clock`` (one cached ``tzinfo`` per name), so a zone costs no query once the
offering's unit and provider are loaded (``select_related("unit__provider")``).
"""

import datetime as dt

from core import clock

from .models import Offering, Provider


def offering_zone(offering: Offering) -> dt.tzinfo:
    """The zone of the offering's provider: its dates are days of this zone."""
    return offering.unit.provider.zone


def offering_today(offering: Offering, now: dt.datetime | None = None) -> dt.date:
    """The offering's local day at ``now`` (this moment)."""
    return clock.local_day(now or clock.now(), offering_zone(offering))


def provider_today(provider: Provider, now: dt.datetime | None = None) -> dt.date:
    """The provider's local day at ``now`` (this moment)."""
    return clock.local_day(now or clock.now(), provider.zone)
