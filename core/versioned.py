"""Values read often and written rarely, cached under a version that every write
to their source bumps: the one way the portal keeps a value derived from the
database in the shared cache.

A *source* is a name standing for a set of rows: a set of tables ("catalogue")
or one row's worth ("award:<code>"). Its version is a random token in a shared
cache (Django's default cache, Redis or the database's table, or another alias
such as ``pages``: ``credentials_portal.caches``); a value computed from the
source is stored under the token, so a bump makes every older value unreachable
in every process at once, and nothing has to be deleted. A source that no value
was kept of has no version: it gets one when a value is first stored (unless a
write gave it one meanwhile: the value may be older than the write, and is not
stored), so reading a name that names nothing leaves nothing in the cache. By
default each process keeps the last value it read per name (its copy, shared by
every request it serves: a value is read, never changed), and asks the shared
cache only for the versions: one round trip for any number of sources; values
with many names (a page per code) keep no copy (``copy=False``), so they never
pile up in process memory.

Writes bump through ``source_written``: on commit of the transaction that wrote
(immediately in autocommit), so that no process caches the old rows under the
new version. Until then, the writing transaction reads its own rows from the
database (``stamp`` answers None for a source it wrote): a rule it changed is
never judged by the cached one. When the cache cannot answer, or holds its
entries in this process's memory (where a write in another process cannot bump
them), every read goes to the database, and a version that could not be bumped
expires within ``VERSION_TIMEOUT``.
"""

import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar, cast

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

T = TypeVar("T")

# How long a version lasts without a bump: the most a value can be stale when the
# cache was down at the moment of a write (the bump was lost).
VERSION_TIMEOUT = 60 * 60
# A cached value outlives its version at most this long (then it is read again).
VALUE_TIMEOUT = 24 * 60 * 60

_local = threading.local()
# This process's copy of the last value read per name: (versioned key, value).
_copies: dict[str, tuple[str, object]] = {}


def _version_key(source: str) -> str:
    return f"version:{source}"


def shared(using: str = DEFAULT_CACHE_ALIAS) -> bool:
    """Whether every process reads the same cache ``using`` (not local memory):
    only there can a write in one process bump a version another reads."""
    return not isinstance(caches[using], LocMemCache)


def _written() -> dict[str, object]:
    """Sources written in this thread's open transaction: the outermost atomic
    block each was written in."""
    if not hasattr(_local, "written"):
        _local.written = {}
    return _local.written


def _outermost_block():
    connection = transaction.get_connection()
    return connection.atomic_blocks[0] if connection.in_atomic_block else None


def _is_written(source: str) -> bool:
    """Was ``source`` written in the transaction still open? A mark left by a
    transaction that has ended (committed or rolled back) is dropped."""
    written = _written()
    block = written.get(source)
    if block is None:
        return False
    if block is _outermost_block():
        return True
    del written[source]
    return False


def _bump(source: str, block, using: str) -> None:
    """A new version for ``source`` (once per transaction, however many rows it
    wrote)."""
    written = _written()
    if block is not None:
        if written.get(source) is not block:
            return  # bumped already by an earlier write of the same transaction
        del written[source]
    try:
        caches[using].set(_version_key(source), uuid.uuid4().hex, VERSION_TIMEOUT)
    except Exception:
        logger.exception("The %s cache version could not be bumped", source)


def source_written(source: str, *, using: str = DEFAULT_CACHE_ALIAS) -> None:
    """Record a write to ``source`` (its versions kept in the cache ``using``):
    its cached values are not used by this transaction from now on, and no
    longer by anyone once it commits. Nothing to do where the cache is this
    process's own (nothing is kept there)."""
    if not shared(using):
        return
    block = _outermost_block()
    if block is not None:
        _written()[source] = block
    transaction.on_commit(lambda: _bump(source, block, using))


_M = TypeVar("_M", bound=models.Model)


class VersionedQuerySet(models.QuerySet[_M]):
    """The default queryset of a source's models (subclasses name the source):
    the writes that send no signal bump its version too."""

    source = ""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        source_written(self.source)
        return rows

    update.alters_data = True  # type: ignore[attr-defined]

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        source_written(self.source)
        return created

    bulk_create.alters_data = True  # type: ignore[attr-defined]

    def bulk_update(self, objs, fields, *args, **kwargs):
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        source_written(self.source)
        return rows

    bulk_update.alters_data = True  # type: ignore[attr-defined]


def watch(source: str, *, senders: Iterable, links: Iterable = ()) -> None:
    """Bump ``source`` on every save and delete of ``senders`` and every change
    of the many-to-many ``links`` (their through models); an app calls this in
    its ``ready()``. Bulk writes go through ``VersionedQuerySet``."""

    def written(**kwargs) -> None:
        source_written(source)

    for sender in senders:
        uid = f"versioned-{source}-{sender._meta.label}"
        post_save.connect(written, sender=sender, weak=False, dispatch_uid=uid + "-s")
        post_delete.connect(written, sender=sender, weak=False, dispatch_uid=uid + "-d")
    for through in links:
        uid = f"versioned-{source}-{through._meta.label}-m2m"
        m2m_changed.connect(written, sender=through, weak=False, dispatch_uid=uid)


class Stamp:
    """The versions of the sources a value is computed from, read together from
    the cache ``using``; None for a source no value was kept of yet."""

    def __init__(self, sources: tuple[str, ...], versions: list, using: str):
        self.sources = sources
        self.versions = versions
        self.using = using

    @property
    def complete(self) -> bool:
        return all(version is not None for version in self.versions)

    def key(self, name: str) -> str:
        return f"{name}:{'.'.join(self.versions)}"

    def settle(self) -> bool:
        """Give each source without a version one (the value about to be stored
        was computed after this stamp was read); False when a write gave one
        meanwhile (the value may be older than the write)."""
        cache = caches[self.using]
        for n, version in enumerate(self.versions):
            if version is None:
                version = uuid.uuid4().hex
                if not cache.add(
                    _version_key(self.sources[n]), version, VERSION_TIMEOUT
                ):
                    return False
                self.versions[n] = version
        return True


def stamp(*sources: str, using: str = DEFAULT_CACHE_ALIAS) -> Stamp | None:
    """The current versions of ``sources`` in one round trip to the cache
    ``using``; None when one was written in the open transaction, or the cache
    cannot answer or is this process's own (then the caller reads the
    database)."""
    if not shared(using) or any(_is_written(source) for source in sources):
        return None
    keys = [_version_key(source) for source in sources]
    try:
        found = caches[using].get_many(keys)
    except Exception:
        logger.exception("The cache could not say the versions of %s", sources)
        return None
    return Stamp(sources, [found.get(key) for key in keys], using)


def remember(
    stamp: Stamp | None,
    name: str,
    compute: Callable[[], T],
    *,
    timeout: int = VALUE_TIMEOUT,
    copy: bool = True,
    current: Callable[[T], bool] | None = None,
) -> T:
    """The value ``compute`` gives, from this process's copy (unless ``copy`` is
    False) or the shared cache while ``stamp``'s versions hold and ``current``
    (when given) accepts it; computed (and stored) otherwise. The value is
    shared: callers read it and never change it. Without a stamp, computed and
    not stored; a value of None is never stored."""
    if stamp is None:
        return compute()
    cache = caches[stamp.using]
    if stamp.complete:
        key = stamp.key(name)
        held = _copies.get(name) if copy else None
        if held is not None and held[0] == key:
            value = cast(T, held[1])
        else:
            try:
                value = cache.get(key)
            except Exception:
                logger.exception("The cache could not give %s", key)
                return compute()
        if value is not None and (current is None or current(value)):
            if copy:
                _copies[name] = (key, value)
            return value
    value = compute()
    if value is None:
        return value
    try:
        if not stamp.settle():
            return value
        key = stamp.key(name)
        cache.set(key, value, timeout)
    except Exception:
        logger.exception("The cache could not store %s", name)
        return value
    if copy:
        _copies[name] = (key, value)
    return value


def forget_copies() -> None:
    """Drop this process's copies (tests: a fresh process)."""
    _copies.clear()
