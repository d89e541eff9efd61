"""A fixed-window counter in Django's cache: «at most N attempts per key per window»."""

import hashlib

from django.core.cache import cache


def _cache_key(scope: str, value: str) -> str:
    # Hashed: the keys hold e-mail addresses and client addresses, which need not sit in the cache.
    digest = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()
    return f"ratelimit:{scope}:{digest}"


def hit(*, scope: str, value: str, limit: int, window: int) -> bool:
    """Count one attempt for ``value`` in ``scope``; False once more than ``limit`` attempts were made
    in the current window of ``window`` seconds (the window starts with the first attempt)."""
    key = _cache_key(scope, value)
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def reset(*, scope: str, value: str) -> None:
    cache.delete(_cache_key(scope, value))
