"""The portal's clock: the one place that says which day and which moment it is.

"Today" is always the portal's local date (``TIME_ZONE``), never UTC's: an award
earned at 23:30 in New York is dated that New York day, though UTC has moved on.
Every service that needs the day when it is not handed one calls ``today()``;
every date shown for a stored moment goes through ``local_day()``.
"""

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    """This moment, aware (UTC)."""
    return timezone.now()


def today() -> dt.date:
    """The portal's local date at this moment."""
    return timezone.localdate()


def local_day(moment: dt.datetime | None) -> dt.date:
    """The portal's local date of a stored moment (of this moment for None, as
    Django's ``localdate``)."""
    return timezone.localdate(moment)


def local_moment(moment: dt.datetime) -> dt.datetime:
    """A stored moment in the portal's time zone (for ISO dates with an offset)."""
    return timezone.localtime(moment)


def local_start(day: dt.date) -> dt.datetime:
    """The first moment of a local day, aware in the portal's time zone."""
    return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())
