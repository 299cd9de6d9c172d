"""Values derived from the database (a rendered page, a count), kept in the shared
``pages`` cache and read without a query.

A value is stored with the *generation* of the rows it was made from, read in
the same round trip as the value; a write of those rows gives them a new
generation once committed (``renew``), so the old value is never served again.
The generation is read before the rows: a value made from rows that changed
meanwhile is stored under the old generation (or, for rows first met, not at
all) and never served.

Only where every process reads the same cache (Redis): a cache in local memory
cannot be renewed by a write in another process (the worker, another web
process), so there ``lookup`` answers None and the caller reads the database.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from credentials_portal.caches import PAGES

# A generation outlives every value stored under it; one that ages out anyway
# only costs a miss (a new generation never matches an old value).
GENERATION_SECONDS = 2 * 24 * 3600
# The cache version of every key: a release that changes what a value holds
# raises it, so that it never reads a value stored by the one before.
FORMAT = 1


def _cache():
    return caches[PAGES]


def shared() -> bool:
    """Whether every process reads the same cache (not local memory)."""
    return not isinstance(_cache(), LocMemCache)


@dataclass(frozen=True)
class Lookup:
    """What the cache holds for ``key``: the value when it is of the current
    generation, and the generation to store a new value under."""

    key: str
    generation_key: str
    generation: str | None
    value: Any


def lookup(key: str, *, generation_key: str) -> Lookup | None:
    """The current value of ``key`` (None when there is none), in one round trip;
    None where the cache is per process."""
    if not shared():
        return None
    found = _cache().get_many([generation_key, key], version=FORMAT)
    generation, entry = found.get(generation_key), found.get(key)
    current = entry is not None and generation is not None and entry[0] == generation
    return Lookup(key, generation_key, generation, entry[1] if current else None)


def keep(found: Lookup, value: Any, *, timeout: int) -> None:
    """Store ``value``, made from rows read after ``found``, under the generation
    ``found`` saw: rows first met get a generation now, unless a write gave them
    one meanwhile (the value may then be older than the write: not stored)."""
    cache = _cache()
    generation = found.generation
    if generation is None:
        generation = uuid.uuid4().hex
        if not cache.add(
            found.generation_key, generation, GENERATION_SECONDS, version=FORMAT
        ):
            return
    cache.set(found.key, (generation, value), timeout, version=FORMAT)


def renew(generation_keys: Iterable[str]) -> None:
    """New generations: the values stored under the old ones are never served."""
    if shared():
        _cache().set_many(
            {key: uuid.uuid4().hex for key in generation_keys},
            GENERATION_SECONDS,
            version=FORMAT,
        )
