"""Test helpers for the hooks of apps/core/hooks.py."""

from contextlib import contextmanager

from apps.core.hooks import Hook


@contextmanager
def emptied(hook: Hook):
    """Within the block ``hook`` has no callables (as if no app above plugged in); then they are back,
    in their order."""
    saved = list(hook)
    for func in saved:
        hook.unregister(func)
    try:
        yield
    finally:
        for func in saved:
            hook.register(func)


@contextmanager
def plugged(hook: Hook, func):
    """Within the block ``func`` is registered on ``hook`` (after the apps' own callables)."""
    hook.register(func)
    try:
        yield func
    finally:
        hook.unregister(func)
