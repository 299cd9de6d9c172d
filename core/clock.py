"""The portal's clock: the one place that says which day and which moment it is.

"Today" is always a local date, never UTC's: an award earned at 23:30 in New York
is dated that New York day, though UTC has moved on. Each provider keeps its own
time zone (a California office next to a Maryland one), so every function here
takes the zone whose day is meant (``zone``: a ``tzinfo``, as
``programs.zones.offering_zone`` gives); without one it is the current time zone
(the portal's ``TIME_ZONE``, or the one a request activated). Every service that
needs the day when it is not handed one calls ``today()``; every date shown for a
stored moment goes through ``local_day()``.
"""

import datetime as dt
import functools
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def now() -> dt.datetime:
    """This moment, aware (UTC)."""
    return timezone.now()


def today(zone: dt.tzinfo | None = None) -> dt.date:
    """The local date at this moment in ``zone`` (the current time zone)."""
    return timezone.localdate(timezone=zone)


def local_day(moment: dt.datetime | None, zone: dt.tzinfo | None = None) -> dt.date:
    """The local date in ``zone`` of a stored moment (of this moment for None, as
    Django's ``localdate``)."""
    return timezone.localdate(moment, timezone=zone)


def local_moment(moment: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    """A stored moment in ``zone`` (for ISO dates with an offset)."""
    return timezone.localtime(moment, timezone=zone)


def local_start(day: dt.date, zone: dt.tzinfo | None = None) -> dt.datetime:
    """The first moment of a local day, aware in ``zone``."""
    return dt.datetime.combine(day, dt.time(), tzinfo=zone or current_zone())


def portal_zone() -> dt.tzinfo:
    """The portal's own zone (``TIME_ZONE``), whatever a request activated."""
    return zone_named(settings.TIME_ZONE)


def current_zone() -> dt.tzinfo:
    """The zone pages are shown in now (the portal's, or one a request activated)."""
    return timezone.get_current_timezone()


@functools.cache
def zone_named(name: str) -> dt.tzinfo:
    """The IANA time zone of this name (``America/Los_Angeles``)."""
    return zoneinfo.ZoneInfo(name)


@functools.cache
def zone_names() -> tuple[str, ...]:
    """Every IANA time zone name this machine knows, sorted."""
    return tuple(sorted(zoneinfo.available_timezones()))


def validate_zone_name(name: str) -> None:
    """Refuse a name that is not an IANA time zone."""
    if name not in zone_names():
        raise ValidationError(
            _("“%(name)s” is not a time zone name (e.g. America/New_York)."),
            code="time_zone",
            params={"name": name},
        )
