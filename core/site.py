"""The portal's name and address, read from the settings in one place.

Pages get them through the ``site`` context processor, emails and PDFs through
``site_context()``, links written outside a request (emails, badges, PDFs, the
API) through ``absolute_url()``: never ``settings.SITE_URL + path`` by hand.
"""

from django.conf import settings


def site_context() -> dict[str, str]:
    """``site_name`` and ``site_url``: how pages, emails and PDFs name the portal."""
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}


def absolute_url(path: str) -> str:
    """The full address of a path of the portal (``/verify/...``), for a reader
    outside the request: an email, a PDF, an Open Badges assertion."""
    return settings.SITE_URL + path
