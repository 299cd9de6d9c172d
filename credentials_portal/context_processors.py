from django.conf import settings

from core.site_url import site_url


def site_names() -> dict:
    """``site_name``, ``site_url`` and ``contact_email``: how every page and email
    names the portal and whom to write to."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": site_url(),
        "contact_email": settings.CONTACT_EMAIL,
    }


def site(request) -> dict:
    return site_names()
