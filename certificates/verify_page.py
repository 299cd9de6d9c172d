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

Where the ``pages`` cache is shared by every process (Redis in production), an
anonymous page is served from it without a query (``core.versioned``): its
entry, per code, language and host, holds the page and its ETag under the
version of the code's source (``award:<code>``), with the provider-local day it
was made on. Every write of an award bumps its code's source, and that of the
award it replaces, once committed (``award_written``), and an entry is read only
on its own day: a revocation, re-issue or renewal shows at once in every
process, an expiry from the day after the validity. With a cache in local memory
(per process: a write in another process cannot reach it) the award is read
first, and the page found by its ETag.
"""

import dataclasses
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from core import clock, versioned
from core.cache_aliases import PAGES

from .models import Award
from .selectors.awards import award_get_for_verification
from .time_rules import snapshot_zone

logger = logging.getLogger(__name__)

MAX_AGE_SECONDS = 300
# A page kept in local memory by its ETag: the key names the content, so it is
# never stale; old ones age out.
LOCAL_PAGE_SECONDS = 3600
# A shared entry lives at most this long (and is read only on its day): the
# bound on a stale page should an invalidation ever be lost with the cache
# unreachable.
SHARED_PAGE_SECONDS = 600

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


def _source(code: str) -> str:
    return f"award:{code}"


@dataclasses.dataclass(frozen=True)
class Page:
    """A rendered page as the shared cache keeps it: made on ``day`` in the
    provider's ``zone``."""

    zone: str
    day: dt.date
    tag: str
    content: bytes

    def of_today(self) -> bool:
        return clock.today(clock.zone_named(self.zone)) == self.day


def stamp(code: str) -> versioned.Stamp | None:
    """The version of this (normalized) code's pages, in one round trip and no
    query; None where the pages cache is per process (or the transaction wrote
    the award)."""
    return versioned.stamp(_source(code), using=PAGES)


def page(
    stamp: versioned.Stamp,
    code: str,
    *,
    request,
    render: Callable[[Award], bytes],
) -> Page | None:
    """The anonymous page of this (normalized) code, language and host: kept
    while ``stamp`` holds and on its day, else the award read and ``render``ed
    and kept (read after ``stamp``: a write meanwhile makes it never served);
    None for a code no award has (nothing kept)."""

    def made() -> Page | None:
        award = award_get_for_verification(code=code)
        if award is None:
            return None
        tag = etag(award, request=request)
        zone = snapshot_zone(award.snapshot)
        return Page(str(zone), clock.today(zone), tag, render(award))

    name = ":".join(
        [
            "verify:page",
            site_version()[:16],
            code,
            translation.get_language() or "",
            request.get_host(),
        ]
    )
    return versioned.remember(
        stamp,
        name,
        made,
        timeout=SHARED_PAGE_SECONDS,
        copy=False,  # a page per code: none kept in process memory
        current=Page.of_today,
    )


def award_written(award: Award) -> None:
    """The shared pages of this award and of the award it replaces (whose page
    links it while it is issued) are never served again once the write commits,
    and not read by the transaction that wrote (nothing to do in local memory,
    where pages are found by their ETag)."""
    if not versioned.shared(PAGES):
        return
    codes = [award.verification_code]
    if award.replaces_id is not None:
        if Award.replaces.is_cached(award):
            codes.append(award.replaces.verification_code)
        else:
            codes += Award.objects.filter(pk=award.replaces_id).values_list(
                "verification_code", flat=True
            )
    for code in codes:
        versioned.source_written(_source(code), using=PAGES)


def page_get(tag: str) -> bytes | None:
    """The page kept under this ETag; None when none is, or when the cache cannot
    answer (Redis down: the page is rendered, never refused)."""
    try:
        return caches[PAGES].get(f"verify:etag:{tag}")
    except Exception:
        logger.warning("The pages cache could not give a verification page")
        return None


def page_set(tag: str, content: bytes) -> None:
    try:
        caches[PAGES].set(f"verify:etag:{tag}", content, LOCAL_PAGE_SECONDS)
    except Exception:
        logger.warning("The pages cache could not keep a verification page")
