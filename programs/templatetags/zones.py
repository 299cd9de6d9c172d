"""Times as a provider keeps them: ``{% load zones %}``.

A session's time is printed in its offering's provider's zone with the zone's
abbreviation ("Tue Dec 8, 7:00 PM PST"), whatever zone the page is in, so a page
listing two providers' sessions shows each in its own zone, labelled.
"""

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from core import clock
from programs.zones import offering_zone

register = template.Library()


def zoned(moment, zone, fmt: str) -> str:
    local = clock.local_moment(moment, zone)
    return f"{formats.date_format(local, fmt)} {local.tzname()}"


@register.filter
def session_time(session, fmt: str = "DATETIME_FORMAT") -> str:
    """``{{ session|session_time:"D M j, g:i A" }}``: when it starts, where its
    provider is."""
    return zoned(session.starts_at, offering_zone(session.offering), fmt)


@register.filter
def zone_label(offering) -> str:
    """``{{ offering|zone_label }}``: whose clock the offering's dates and
    deadlines keep, "Los Angeles time (PST)"."""
    zone = offering_zone(offering)
    city = offering.unit.provider.time_zone.rsplit("/", 1)[-1].replace("_", " ")
    abbreviation = clock.local_moment(clock.now(), zone).tzname()
    return _("%(city)s time (%(abbreviation)s)") % {
        "city": city,
        "abbreviation": abbreviation,
    }
