"""What WeasyPrint may load while it renders an award: nothing from the network.

A certificate's HTML is the portal's own template, but it prints text a learner or
an admin typed (names, titles); should any of it ever become markup, a reference
to ``http://169.254.169.254/...`` or ``file:///etc/passwd`` must not be fetched.
The fetcher answers ``data:`` URLs (the QR code) and files inside the portal's
static directories; everything else is refused, logged, and left out of the PDF.
"""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)

URL_REFUSED = "A certificate may not load %s: only data: URLs and static files."


def pdf_asset_roots() -> list[Path]:
    """The directories a layout may load files from: the portal's static files."""
    return [Path(root).resolve() for root in [*settings.STATICFILES_DIRS]]


class PortalURLFetcher(URLFetcher):
    """WeasyPrint's fetcher limited to ``data:`` and files under ``roots``."""

    def __init__(self, *, roots: list[Path], **kwargs):
        super().__init__(allowed_protocols={"data", "file"}, **kwargs)
        self._roots = roots

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return True
        if scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return any(path.is_relative_to(root) for root in self._roots)

    def fetch(self, url, headers=None):
        if not self._allowed(url):
            logger.warning(URL_REFUSED, url)
            raise ValueError(URL_REFUSED % url)
        return super().fetch(url, headers)
