"""A short-lived cache of expensive aggregates: the figures of a whole municipality or region.

They read every answer, assessment and program of the territory (hundreds of milliseconds at the
scale of a region; bench, issue #8) and change slowly, so each process keeps them for
``AGGREGATES_CACHE_SECONDS`` (five minutes by default) in the cache alias ``aggregates``.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

T = TypeVar("T")


def cached_aggregate(name: str, key_parts: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, or its value kept under ``name`` and ``key_parts`` (their ``str``: e.g. the
    scope's queryset, whose ``str`` is its SQL, and the year's id) while it is fresh."""
    try:
        key_parts = tuple(str(part.query) if isinstance(part, QuerySet) else str(part) for part in key_parts)
    except EmptyResultSet:  # an empty scope: nothing worth keeping
        return compute()
    digest = hashlib.sha256("\x1f".join(str(part) for part in key_parts).encode()).hexdigest()
    key = f"{name}:{digest}"
    cache = caches["aggregates"]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value)
    return value
