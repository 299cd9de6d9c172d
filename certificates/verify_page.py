"""HTTP caching of the public verification page.

The page changes only when its award changes (revocation, re-issue, a renewal
superseding it, its expiry day passing) or when the site is deployed anew. Its ETag
is therefore a digest of everything the page is made from: every column of the
award's row and of the award that replaced it (the one query the page makes reads
both), where today falls against its expiry date, the language, the host, and the
site's version (its templates, translations and static manifest). A changed award
has a new ETag at once, so neither a browser, a shared cache nor this process's
cache of rendered pages can serve a stale page for longer than ``MAX_AGE_SECONDS``
(shared caches revalidate after that; this process checks on every request).

Only anonymous requests share a page: a signed-in visitor's page carries their
navigation, so it is rendered for them and marked private.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.utils import translation

from core import clock

from .models import Award
from .time_rules import snapshot_zone

MAX_AGE_SECONDS = 300

# Rendered pages by ETag, per process. The key names the content, so no entry is
# ever stale and nothing needs invalidating; old entries age out.
_pages = LocMemCache(
    "verify-pages",
    {"TIMEOUT": 3600, "OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4}},
)

_SITE_SOURCES = ("templates", "certificates/templates", "locale")


def shareable(request) -> bool:
    """True for a visitor with no session and no pending messages: everyone
    such gets the same page."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


@cache
def site_version() -> str:
    """A digest of the templates, translations and static manifest this process
    serves: a deploy that changes any of them changes every ETag."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for source in _SITE_SOURCES:
        for path in sorted((base / source).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


def _row(award: Award | None) -> list | None:
    if award is None:
        return None
    return [
        [field.attname, getattr(award, field.attname)]
        for field in Award._meta.concrete_fields
    ]


def _replacement(award: Award) -> Award | None:
    try:
        return award.replaced_by
    except Award.DoesNotExist:
        return None


def _expiry(award: Award) -> int | None:
    """Where today falls against the award's expiry date: -1 before, 0 on, 1 after."""
    if award.expires_on is None:
        return None
    today = clock.today(snapshot_zone(award.snapshot))  # the provider's day
    return (today > award.expires_on) - (today < award.expires_on)


def etag(award: Award, *, request) -> str:
    """The page's strong ETag (quoted)."""
    state = {
        "award": _row(award),
        "replaced_by": _row(_replacement(award)),
        "expiry": _expiry(award),
        "language": translation.get_language(),
        "host": request.get_host(),
        "site": site_version(),
    }
    encoded = json.dumps(state, sort_keys=True, cls=_StateEncoder).encode()
    return '"' + hashlib.sha256(encoded).hexdigest()[:32] + '"'


class _StateEncoder(json.JSONEncoder):
    def default(self, o):
        return str(o)


def page_get(tag: str) -> bytes | None:
    return _pages.get(tag)


def page_set(tag: str, content: bytes) -> None:
    _pages.set(tag, content)
