"""Which cache the portal uses: one that every process shares.

allauth counts failed logins in the default cache. Django's default (local
memory) is per process, so N web processes gave N times the allowed guesses.
Redis is used when ``REDIS_URL`` is set, or else when the Celery broker is Redis;
otherwise the database cache (its table made by ``migrate``: core's first migration).
Sessions follow: on Redis they are read from the shared cache, so any web host
serves any signed-in user.

A second cache, ``pages``, keeps what is derived from the database and read
without a query (``core/versioned.py``: the verification page, the count of
the admins' award list): on Redis too, so that a write in any process (a revocation
in the admin, a renewal in the worker) reaches every web process; otherwise
local memory, which no other process can invalidate, so nothing is read from it
unchecked (the verification page is found there by the ETag of the award read
first).
"""

from collections.abc import Mapping

from core.cache_aliases import PAGES

CACHE_TABLE = "portal_cache"
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def redis_url_from(environ: Mapping[str, str]) -> str:
    """The Redis URL for the cache, or "" when none is configured (``REDIS_URL=off``
    keeps the cache in the database beside a Redis broker)."""
    url = environ.get("REDIS_URL", "").strip()
    if url == "off":
        return ""
    if url:
        return url
    broker = environ.get("CELERY_BROKER_URL", "").strip()
    return broker if broker.startswith(REDIS_SCHEMES) else ""


def caches_from(environ: Mapping[str, str]) -> dict:
    """The ``CACHES`` setting for this environment."""
    url = redis_url_from(environ)
    if url:
        default = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "portal",
            # Like the broker: a dead Redis fails a request fast, never hangs it.
            "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
        }
        pages = {**default, "KEY_PREFIX": "portal-pages"}
    else:
        default = {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
        pages = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": PAGES,
            "OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4},
        }
    return {"default": default, PAGES: pages}


def session_engine_from(environ: Mapping[str, str]) -> str:
    """``SESSION_ENGINE``: with Redis, sessions are read from the shared cache and
    written through to the database (``cached_db``), so a Redis restart signs
    nobody out; without Redis, the database alone."""
    if redis_url_from(environ):
        return "django.contrib.sessions.backends.cached_db"
    return "django.contrib.sessions.backends.db"
