"""Two providers on two coasts, and a moment when their days differ.

At 22:30 in California it is already 01:30 the next day in Maryland: every rule
that decides by the date must read the offering's provider's day.
"""

import datetime as dt
import zoneinfo

from tests.factories import ProviderFactory

PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")
EASTERN = zoneinfo.ZoneInfo("America/New_York")


def pacific_evening(day: dt.date) -> dt.datetime:
    """22:30 in California on ``day``: the next day in Maryland."""
    moment = dt.datetime.combine(day, dt.time(22, 30), tzinfo=PACIFIC)
    assert moment.astimezone(EASTERN).date() == day + dt.timedelta(days=1)
    return moment


def california():
    return ProviderFactory(name="Bay Area Educators", time_zone="America/Los_Angeles")


def maryland():
    return ProviderFactory(name="Chesapeake Educators", time_zone="America/New_York")
