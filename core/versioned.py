"""Values read often and written rarely, cached under a version that every write
to their source bumps.

A *source* is a name ("catalogue") standing for a set of tables. Its version is
a random token in the shared cache (Django's default cache: Redis or the
database's table, ``credentials_portal.caches``); a value computed from the
source is stored under the token, so a bump makes every older value unreachable
in every process at once, and nothing has to be deleted. Each process keeps the
last value it read per name (its copy, shared by every request it serves: a
value is read, never changed), and asks the shared cache only for the versions:
one round trip for any number of sources.

Writes bump through ``source_written``: on commit of the transaction that wrote
(immediately in autocommit), so that no process caches the old rows under the
new version. Until then, the writing transaction reads its own rows from the
database (``stamp`` answers None for a source it wrote): a rule it changed is
never judged by the cached one. When the cache cannot answer, every read goes to
the database, and a version that could not be bumped expires within
``VERSION_TIMEOUT``.
"""

import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar, cast

from django.core.cache import cache
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


def _bump(source: str, block) -> None:
    """A new version for ``source`` (once per transaction, however many rows it
    wrote)."""
    written = _written()
    if block is not None:
        if written.get(source) is not block:
            return  # bumped already by an earlier write of the same transaction
        del written[source]
    try:
        cache.set(_version_key(source), uuid.uuid4().hex, VERSION_TIMEOUT)
    except Exception:
        logger.exception("The %s cache version could not be bumped", source)


def source_written(source: str) -> None:
    """Record a write to ``source``: its cached values are not used by this
    transaction from now on, and no longer by anyone once it commits."""
    block = _outermost_block()
    if block is not None:
        _written()[source] = block
    transaction.on_commit(lambda: _bump(source, block))


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


@dataclass(frozen=True)
class Stamp:
    """The versions of the sources a value is computed from, read together."""

    versions: tuple[str, ...]

    def key(self, name: str) -> str:
        return f"{name}:{'.'.join(self.versions)}"


def stamp(*sources: str) -> Stamp | None:
    """The current versions of ``sources`` in one cache round trip; None when one
    was written in the open transaction or the cache cannot answer (then the
    caller reads the database)."""
    if any(_is_written(source) for source in sources):
        return None
    keys = [_version_key(source) for source in sources]
    try:
        found = cache.get_many(keys)
        for key in keys:
            if key not in found:
                cache.add(key, uuid.uuid4().hex, VERSION_TIMEOUT)
                found[key] = cache.get(key)
    except Exception:
        logger.exception("The cache could not say the versions of %s", sources)
        return None
    if any(found[key] is None for key in keys):
        return None
    return Stamp(tuple(found[key] for key in keys))


def remember(
    stamp: Stamp | None,
    name: str,
    compute: Callable[[], T],
    *,
    timeout: int = VALUE_TIMEOUT,
) -> T:
    """The value ``compute`` gives, from this process's copy or the shared cache
    while ``stamp``'s versions hold; computed (and stored) otherwise. The value
    is shared: callers read it and never change it. Without a stamp, computed
    and not stored."""
    if stamp is None:
        return compute()
    key = stamp.key(name)
    copy = _copies.get(name)
    if copy is not None and copy[0] == key:
        return cast(T, copy[1])
    try:
        value = cache.get(key)
    except Exception:
        logger.exception("The cache could not give %s", key)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.exception("The cache could not store %s", key)
    _copies[name] = (key, value)
    return value


def forget_copies() -> None:
    """Drop this process's copies (tests: a fresh process)."""
    _copies.clear()
