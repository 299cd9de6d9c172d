from django.conf import settings

from core.site_url import site_url


def site_names() -> dict:
    """``site_name`` and ``site_url``: how every page and email names the portal."""
    return {"site_name": settings.SITE_NAME, "site_url": site_url()}


def site(request) -> dict:
    return site_names()
