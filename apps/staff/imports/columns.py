"""The columns of the import template, and how an uploaded header is read back into them."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..fields import IMPORT_COLUMNS, PersonField

MAX_ROWS = 10_000
DATA_SHEET = "Педагоги"
PROGRESS_EVERY = 250

Progress = Callable[[str, int, int], None]


# The template's columns: the registry entry's fields (apps/staff/fields.py) that are imported.
COLUMNS: list[PersonField] = list(IMPORT_COLUMNS)
# Columns read from an upload: the template's and as many again for columns a curator moved or added
# for notes (reported as «не из шаблона»); cells further right are never read, whatever the file holds.
READ_COLUMNS = 2 * len(COLUMNS)
# Messages of Person.full_clean() are keyed by model field: show them under the column's title.
FIELD_TITLES = {c.key: c.title for c in COLUMNS}


def normalize(text: str) -> str:
    """Case, ё/е, quotes and spacing do not matter when names are compared."""
    text = str(text).lower().replace("ё", "е").replace("«", "").replace("»", "").replace('"', "")
    return " ".join(text.split()).strip(" .;,")


def _header_key(title) -> str:
    text = normalize(title or "").replace("*", "")
    return " ".join(re.sub(r"\(.*?\)", " ", text).split())


_HEADER_LOOKUP: dict[str, str] = {}
for _c in COLUMNS:
    for _name in (_c.title, *_c.aliases):
        _HEADER_LOOKUP[_header_key(_name)] = _c.key
