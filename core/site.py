"""The portal's name and address, read in one place.

Pages get them through the ``site`` context processor, emails and PDFs through
``site_context()``, links written outside the page (emails, badges, PDFs, the
API) through ``absolute_url()``: never ``settings.SITE_URL + path`` by hand.

``SITE_URL`` names the address. In development with ``SITE_URL`` unset, a page
follows the address it is served on: the request's scheme and host, for
everything made while the request runs (tasks run in-process there too). Outside
a request the setting holds, which ``scripts/start.sh`` exports from ``PORT``.
"""

from contextvars import ContextVar

from django.conf import settings

_served_at: ContextVar[str | None] = ContextVar("served_at", default=None)


def site_url() -> str:
    """The base URL, without a trailing slash."""
    return _served_at.get() or settings.SITE_URL


def site_context() -> dict[str, str]:
    """``site_name``, ``site_url`` and ``contact_email``: how pages, emails and
    PDFs name the portal and whom to write to."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": site_url(),
        "contact_email": settings.CONTACT_EMAIL,
    }


def absolute_url(path: str) -> str:
    """The full address of a path of the portal (``/verify/...``), for a reader
    outside the page: an email, a PDF, an Open Badges credential."""
    return site_url() + path


class ServedAddressMiddleware:
    """While a request runs, ``site_url()`` is its address (when
    ``SITE_URL_FROM_REQUEST``: development with ``SITE_URL`` unset)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.SITE_URL_FROM_REQUEST:
            return self.get_response(request)
        token = _served_at.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _served_at.reset(token)
