from django.conf import settings


def site_names() -> dict:
    """``site_name`` and ``site_url``: how every page and email names the portal."""
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}


def site(request) -> dict:
    return site_names()
