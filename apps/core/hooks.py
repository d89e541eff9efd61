"""Hooks: how a lower app lets higher apps plug in without importing them (the layers of STYLE.md).

The lower app declares a hook at module level and calls it; each higher app registers its callables in
its ``AppConfig.ready()``::

    # apps/staff/hooks.py
    erasers = Hook("staff.erasers")
    # apps/banks/apps.py, in ready()
    from apps.staff.hooks import erasers
    erasers.register(erase_bank_entries)

Callables run in the order of registration, that is, the order of INSTALLED_APPS (bottom to top).
Registering the same callable twice has no effect.
"""

from collections.abc import Callable, Iterator
from typing import Any


class Hook:
    def __init__(self, name: str) -> None:
        self.name = name
        self._callables: list[Callable[..., Any]] = []

    def register(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """Add ``func``; returns it, so it can be used as a decorator."""
        if func not in self._callables:
            self._callables.append(func)
        return func

    def unregister(self, func: Callable[..., Any]) -> None:
        """For tests that register a temporary callable."""
        if func in self._callables:
            self._callables.remove(func)

    def __iter__(self) -> Iterator[Callable[..., Any]]:
        return iter(list(self._callables))

    def __len__(self) -> int:
        return len(self._callables)

    def call(self, *args: Any, **kwargs: Any) -> list[Any]:
        """Call every registered callable with the same arguments; the list of their results."""
        return [func(*args, **kwargs) for func in self]

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self)} callables>"
