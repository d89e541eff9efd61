"""A short-lived cache of expensive aggregates: the figures of a whole municipality or region.

They read every answer, assessment and program of the territory (hundreds of milliseconds at the
scale of a region; bench, issue #8) and change slowly, so they are kept for ``AGGREGATES_CACHE_SECONDS``
(five minutes by default) in the cache alias ``aggregates``: per process, or in Redis shared by every
instance when REDIS_URL is set (docs/administration.md «Several app servers»).

Each value is kept with the moment its data were read (less the replica's lag when computed from the
replica), which the page states (apps/core/freshness.py). The keys carry a generation number kept in
the same cache: ``forget_aggregates()`` moves it on, and every instance computes afresh at once (after
a restore or a bulk import; ``manage.py forget_aggregates``), without flushing a shared Redis.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

from . import freshness
from .db_router import read_alias

T = TypeVar("T")

GENERATION_KEY = "generation"


def cached_aggregate(
    name: str,
    key_parts: tuple,
    compute: Callable[[], T],
    as_of: Callable[[T], datetime | None] | None = None,
) -> T:
    """``compute()``, or its value kept under ``name`` and ``key_parts`` (their ``str``: e.g. the
    scope's queryset, whose ``str`` is its SQL, and the year's id) while it is fresh. The value must
    pickle (Redis keeps bytes): dicts, lists, numbers, dates, model instances. ``as_of(value)``: when
    the value was itself read from figures kept earlier (a table refreshed by a task), the moment of
    their data, which the page states instead of the moment of reading them."""
    try:
        key_parts = tuple(str(part.query) if isinstance(part, QuerySet) else str(part) for part in key_parts)
    except EmptyResultSet:  # an empty scope: nothing worth keeping
        return compute()
    digest = hashlib.sha256("\x1f".join(str(part) for part in key_parts).encode()).hexdigest()
    cache = caches["aggregates"]
    key = f"{name}:{cache.get(GENERATION_KEY, 0)}:{digest}"
    kept = cache.get(key)
    if kept is None:
        # The moment is taken before computing: the figures are at least as new as it.
        moment = freshness.data_time(read_alias())
        value = compute()
        older = as_of(value) if as_of is not None else None
        kept = (moment if older is None else min(moment, older), value)
        cache.set(key, kept)
    data_time, value = kept
    freshness.note(data_time)
    return value


def forget_aggregates() -> None:
    """Every kept aggregate is computed afresh at its next use, by every process that shares the cache."""
    cache = caches["aggregates"]
    if cache.add(GENERATION_KEY, 1, timeout=None):
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # gone between add and incr
        cache.add(GENERATION_KEY, 1, timeout=None)
