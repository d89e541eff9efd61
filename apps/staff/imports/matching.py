"""Positions and subjects matched by name, with the closest name suggested for a typo."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .columns import normalize
from .parsing import CellError, _text


class Directory:
    """Positions or subjects by normalised name, with the closest name suggested for a typo.

    ``prefix_hint``: for a value that starts with a known name and goes on («учитель математики»),
    suggest that name and add this hint (where the rest belongs).
    """

    def __init__(self, objects: Iterable, what: str, prefix_hint: str = ""):
        self.what = what
        self.prefix_hint = prefix_hint
        self.by_key = {normalize(o.name): o for o in objects}
        self._keys = list(self.by_key)
        self._suggestions: dict[str, str] = {}

    def _suggest(self, key: str) -> str:
        if self.prefix_hint:
            starts = [k for k in self._keys if key.startswith(k + " ")]
            if starts:
                return f" Возможно, «{self.by_key[max(starts, key=len)].name}» ({self.prefix_hint})."
        close = difflib.get_close_matches(key, self._keys, n=1, cutoff=0.6)
        return f" Возможно, «{self.by_key[close[0]].name}»." if close else ""

    def get(self, name: str):
        key = normalize(name)
        found = self.by_key.get(key)
        if found is not None:
            return found
        if key not in self._suggestions:
            self._suggestions[key] = self._suggest(key)
        raise CellError(f"«{_text(name)}» нет в справочнике ({self.what}).{self._suggestions[key]}")
