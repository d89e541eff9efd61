"""Import of the staff registry from an Excel workbook: the template, the row-by-row check, the import.

The check turns each row into a ``Person`` and runs the registry's own rules (``Person.full_clean``,
the same as the form), adding only what a spreadsheet brings: parsing of dates, numbers and
yes/no cells, names of positions and subjects (with the closest name suggested), and duplicates
within the file and against the registry, found in one query for the whole file. The import saves
every row or none, in one transaction, with ``bulk_create``. In the update mode (``updating``) a row of
a person already in the registry changes that entry instead of being refused."""

from .applying import ImportResult, people_import, people_import_with_updates
from .check import ImportCheck, RowCheck, people_import_check
from .columns import (
    COLUMNS,
    DATA_SHEET,
    FIELD_TITLES,
    MAX_ROWS,
    PROGRESS_EVERY,
    READ_COLUMNS,
    Progress,
    normalize,
)
from .matching import Directory
from .parsing import CellError, name_case, parse_bool, parse_choice, parse_date, parse_int
from .template import template_xlsx
from .updating import EMPTY_CELL_NOTICE

__all__ = [
    "COLUMNS",
    "DATA_SHEET",
    "EMPTY_CELL_NOTICE",
    "FIELD_TITLES",
    "MAX_ROWS",
    "PROGRESS_EVERY",
    "READ_COLUMNS",
    "CellError",
    "Directory",
    "ImportCheck",
    "ImportResult",
    "Progress",
    "RowCheck",
    "name_case",
    "normalize",
    "parse_bool",
    "parse_choice",
    "parse_date",
    "parse_int",
    "people_import",
    "people_import_check",
    "people_import_with_updates",
    "template_xlsx",
]
