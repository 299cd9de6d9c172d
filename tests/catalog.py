"""Finding the demo catalogue's offerings by their place, never by a typed date.

``demo_catalog`` loads every dated unit with three runs placed around the test's
day (``demo.schedule.term_runs``): the previous one (ended), the current one
(under way) and the next one (enrollment open). A test names the run it needs
and reads its dates from it.
"""

import datetime as dt

from demo.schedule import RUN_SPACING, term_runs
from programs.models import Offering

PLACES = ("previous", "current", "next")


def demo_offering(unit_slug: str, place: str, *, today: dt.date) -> Offering:
    """The unit's ``place`` run in the demo catalogue loaded on ``today`` (of a
    unit with several offerings a run, such as ISTE's two formats or the CEU
    events, the first one)."""
    run = term_runs(today, weeks=1)[PLACES.index(place)]
    return Offering.objects.filter(
        unit__slug=unit_slug,
        start_date__gte=run.start,
        start_date__lt=run.start + RUN_SPACING,
    ).order_by("start_date", "pk")[0]
