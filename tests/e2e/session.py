"""Logging a user in to the browser: the one helper every browser test uses."""

from django.conf import settings
from django.test import Client


def log_in(page, live_server, user) -> None:
    """Share a Django session with the browser (the login form has its own tests).

    Any earlier session is dropped first, so a test may switch users.
    """
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
