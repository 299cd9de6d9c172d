"""Each request is shown in its user's time zone.

Django renders a moment (and reads one typed in a form) in the current time zone,
and its admin compares the browser's offset with that zone's
(``data-admin-utc-offset``): an administrator of a California provider whose
preference is America/Los_Angeles sees Pacific times and no "You are 3 hours
behind server time" note. Pages of one provider's offerings print their sessions
in that provider's zone whatever the user's (``programs.templatetags.zones``).
"""

from django.utils import timezone

from core import clock


class UserTimeZoneMiddleware:
    """Activate the signed-in user's time zone (``User.time_zone``) for the request;
    without one, the portal's (``TIME_ZONE``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = getattr(request.user, "time_zone", "")
        if name:
            timezone.activate(clock.zone_named(name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
