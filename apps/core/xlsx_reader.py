"""Reading an uploaded workbook's sheet with memory bounded by the rows and columns asked for.

openpyxl (even read-only) builds every ``<c>`` of a row before it can skip it and pads a row to its
last cell: a 52 KB file of 10,000 rows, each with one cell in column XFD, took 1.4 GB. Here each part
of the zip is streamed through expat (no tree, no DTD, no entities) and only the cells inside
``max_rows + 1`` rows × ``max_cols`` columns are kept; shared strings are looked up in a second pass
that keeps only the strings those cells use. Whatever the file holds, the memory is bounded by the
bounds asked for plus ``MAX_TEXT_BYTES`` of text; the values are what openpyxl's ``data_only`` read
gives (numbers, booleans, dates by their number format, last computed values of formulas).
"""

from __future__ import annotations

import contextlib
import posixpath
import sys
import zipfile
from collections.abc import Callable
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden
from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

MAX_CELL_CHARS = 32_767  # Excel's limit for one cell: longer text is cut (and so flagged as too long)
# Text kept from the cells read (Python's size of each distinct string): a real 10,000-row file keeps
# a few megabytes; more means a file stuffed with text.
MAX_TEXT_BYTES = 40 * 1024 * 1024
# A tag or a text without any «>» for this long is no cell of a real workbook (Excel keeps a cell under
# 32,767 characters): refused before expat buffers it whole.
MAX_TOKEN_BYTES = 1024 * 1024
MAX_DEPTH = 64  # SpreadsheetML nests a handful of levels; deeper is a crafted file
MAX_STYLES = 65_536  # Excel allows 64,000 cell formats
MAX_FORMAT_CHARS = 1_000
_CHUNK = 64 * 1024

_MAIN_REL = "/officeDocument"
_SHEET_REL, _STRINGS_REL, _STYLES_REL = "/worksheet", "/sharedStrings", "/styles"


class Damaged(Exception):
    """The workbook's structure is broken (becomes «повреждена» for the user)."""


class TooManyRows(Exception):
    """A value below the last allowed row."""


class TooMuchText(Exception):
    """The cells read hold more text than ``MAX_TEXT_BYTES``."""


class _Stop(Exception):
    """Raised by a handler that has read what it needed."""


class Formula(str):
    """A cell holding a formula whose result the file does not carry (a program that writes .xlsx without
    computing, or an error such as #ССЫЛКА!): its value is the formula's text, «=A2&" "&B2», so that an
    import can say «формула» instead of «пусто»."""


class _Shared(int):
    """A cell's index into the shared strings, resolved after the sheet is read."""

    __slots__ = ()


def _refuse_dtd(*_args):
    raise DTDForbidden(None, None, None)


def _refuse_entity(*_args):
    raise EntitiesForbidden(None, None, None, None, None, None)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _stream(
    archive: zipfile.ZipFile,
    name: str,
    start: Callable[[str, dict], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Feed one part of the zip to expat in chunks; handlers get local tag names."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    depth = 0

    def on_start(tag, attrs):
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise Damaged("too deep")
        start(_local(tag), attrs)

    def on_end(tag):
        nonlocal depth
        depth -= 1
        if end is not None:
            end(_local(tag))

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    if text is not None:
        parser.CharacterDataHandler = text
    since_gt = 0
    try:
        with archive.open(name) as source:
            while chunk := source.read(_CHUNK):
                last = chunk.rfind(b">")
                since_gt = since_gt + len(chunk) if last < 0 else len(chunk) - last - 1
                if since_gt > MAX_TOKEN_BYTES:
                    raise Damaged("a token too long")
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Stop:
        pass
    except expat.ExpatError as error:
        raise Damaged(str(error)) from error


def _relationships(archive: zipfile.ZipFile, part: str) -> list[tuple[str, str, str]]:
    """(id, type, target path in the zip) of a part's relationships."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    found: list[tuple[str, str, str]] = []
    if rels not in archive.NameToInfo:
        return found

    def start(tag, attrs):
        if tag == "Relationship" and len(found) < 1_000:
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found.append((attrs.get("Id", ""), attrs.get("Type", ""), posixpath.normpath(path)))

    _stream(archive, rels, start)
    return found


def _workbook(archive: zipfile.ZipFile) -> tuple[str, list[tuple[str, str]], bool]:
    """The workbook part, its sheets (name, relationship id) in order, and whether it counts from 1904."""
    workbook = next(
        (path for _id, kind, path in _relationships(archive, "") if kind.endswith(_MAIN_REL)),
        "xl/workbook.xml",
    )
    if workbook not in archive.NameToInfo:
        raise Damaged("no workbook part")
    sheets: list[tuple[str, str]] = []
    date1904 = False

    def start(tag, attrs):
        nonlocal date1904
        if tag == "sheet" and len(sheets) < 1_000:
            rel = next((v for k, v in attrs.items() if _local(k) == "id"), "")
            sheets.append((attrs.get("name", ""), rel))
        elif tag == "workbookPr":
            date1904 = attrs.get("date1904", "").lower() in ("1", "true")
        elif tag == "sheets" and sheets:
            raise _Stop

    _stream(archive, workbook, start)
    return workbook, sheets, date1904


def _date_styles(archive: zipfile.ZipFile, path: str | None) -> tuple[set[int], set[int]]:
    """Indexes of the cell formats that show a date and of those that show a duration."""
    dates: set[int] = set()
    durations: set[int] = set()
    if path is None or path not in archive.NameToInfo:
        return dates, durations
    custom: dict[int, str] = {}
    where = {"cellXfs": False}
    index = -1

    def start(tag, attrs):
        nonlocal index
        if tag == "numFmt" and len(custom) < MAX_STYLES:
            with contextlib.suppress(ValueError):
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")[:MAX_FORMAT_CHARS]
        elif tag == "cellXfs":
            where["cellXfs"] = True
        elif tag == "xf" and where["cellXfs"]:
            index += 1
            if index >= MAX_STYLES:
                raise _Stop
            try:
                number = int(attrs.get("numFmtId", "0"))
            except ValueError:
                number = 0
            code = custom.get(number) or builtin_format_code(number)
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)

    def end(tag):
        if tag == "cellXfs":
            raise _Stop

    _stream(archive, path, start, end)
    return dates, durations


def _column(reference: str) -> tuple[int, int]:
    """«XFD10000» → (10000, 16384); (0, 0) when unreadable."""
    column = 0
    for position, char in enumerate(reference):
        if "A" <= char <= "Z":
            column = column * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            column = column * 26 + ord(char) - 96
        else:
            digits = reference[position:]
            return (int(digits), column) if digits.isdigit() else (0, 0)
    return 0, 0


class _SheetReader:
    """Handlers collecting the cells inside the bounds of one sheet."""

    def __init__(self, *, max_rows: int, max_cols: int, dates: set[int], durations: set[int], epoch):
        self.last_row = max_rows + 1  # the header and max_rows rows
        self.max_cols = max_cols
        self.dates, self.durations, self.epoch = dates, durations, epoch
        self.rows: dict[int, list] = {}
        self.widths: dict[int, int] = {}
        self.shared: set[int] = set()
        self.text_bytes = 0
        self.row = self.column = 0
        self.cell: tuple[int, int, str, int] | None = None  # row, column, type, style of a kept cell
        self.beyond = False  # the cell is below the last row: only whether it has a value matters
        self.chunks: list[str] | None = None
        self.length = 0
        self.value: str | None = None
        self.inline: list[str] = []
        self.kind = "n"
        self.in_phonetic = False
        self.formula: str | None = None

    def start(self, tag: str, attrs: dict) -> None:
        if tag == "c":
            reference = attrs.get("r")
            if reference:
                row, column = _column(reference)
                if not row:
                    raise Damaged(f"a bad cell reference {reference[:20]!r}")
                self.row = row
            else:
                row, column = self.row, self.column + 1
            self.column = column
            self.cell, self.beyond = None, False
            if column <= self.max_cols:
                if row > self.last_row:
                    self.beyond = True
                else:
                    style = attrs.get("s") or "0"
                    self.cell = (row, column, attrs.get("t", "n"), int(style) if style.isdigit() else 0)
            self.value, self.inline, self.kind, self.formula = None, [], attrs.get("t", "n"), None
        elif tag == "row":
            reference = attrs.get("r")
            try:
                self.row = int(reference) if reference else self.row + 1
            except ValueError as error:
                raise Damaged("a bad row number") from error
            self.column = 0
        elif self.cell is None and not self.beyond:
            return
        elif tag in ("v", "f") or (tag == "t" and not self.in_phonetic):
            self.chunks, self.length = [], 0
        elif tag == "rPh":
            self.in_phonetic = True

    def text(self, data: str) -> None:
        if self.chunks is not None and self.length <= MAX_CELL_CHARS:
            self.chunks.append(data)
            self.length += len(data)

    def end(self, tag: str) -> None:
        if tag in ("v", "t", "f") and self.chunks is not None:
            content = "".join(self.chunks)[: MAX_CELL_CHARS + 1]
            if tag == "v":
                self.value = content
            elif tag == "f":
                self.formula = content or "="
            else:
                self.inline.append(content)
            self.chunks = None
        elif tag == "rPh":
            self.in_phonetic = False
        elif tag == "c" and (self.cell is not None or self.beyond):
            has_value = bool(self.value) or (self.kind == "inlineStr" and any(self.inline))
            if self.beyond:
                if has_value:
                    raise TooManyRows
                return
            row, column, kind, style = self.cell
            values = self.rows.get(row)
            if values is None:
                values = self.rows[row] = [None] * self.max_cols
            values[column - 1] = self._value(kind, style)
            self.widths[row] = max(self.widths.get(row, 0), column)
            self.cell = None

    def _value(self, kind: str, style: int):
        raw = self.value
        if self.formula is not None and (not raw or kind == "e"):
            text = self.formula if self.formula.startswith("=") else f"={self.formula}"
            return Formula(self.keep(text[: MAX_CELL_CHARS + 1]))
        if kind == "inlineStr":
            return self.keep("".join(self.inline)[: MAX_CELL_CHARS + 1]) if self.inline else None
        if not raw or kind == "e":
            return None
        if kind == "s":
            try:
                index = _Shared(int(raw))
            except ValueError as error:
                raise Damaged("a bad shared string index") from error
            self.shared.add(int(index))
            return index
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind in ("str", "inlineStr"):
            return self.keep(raw)
        if kind == "d":
            try:
                return from_ISO8601(raw)
            except ValueError:
                return None
        try:
            number = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
        except ValueError as error:
            raise Damaged("a bad number") from error
        if style in self.dates:
            try:
                return from_excel(number, self.epoch, timedelta=style in self.durations)
            except (OverflowError, ValueError):
                return None  # openpyxl reads such a cell as an error value
        return number

    def keep(self, value: str) -> str:
        self.text_bytes += sys.getsizeof(value)
        if self.text_bytes > MAX_TEXT_BYTES:
            raise TooMuchText
        return value


def _shared_strings(archive: zipfile.ZipFile, path: str | None, wanted: set[int], reader: _SheetReader):
    """The shared strings with the indexes ``wanted`` (the others are never kept)."""
    found: dict[int, str] = {}
    if not wanted:
        return found
    if path is None or path not in archive.NameToInfo:
        raise Damaged("no shared strings")
    last = max(wanted)
    state = {"index": -1, "keep": False, "phonetic": False, "chunks": None, "length": 0, "parts": []}

    def start(tag, attrs):
        if tag == "si":
            state["index"] += 1
            if state["index"] > last:
                raise _Stop
            state["keep"], state["parts"] = state["index"] in wanted, []
        elif not state["keep"]:
            return
        elif tag == "rPh":
            state["phonetic"] = True
        elif tag == "t" and not state["phonetic"]:
            state["chunks"], state["length"] = [], 0

    def text(data):
        chunks = state["chunks"]
        if chunks is not None and state["length"] <= MAX_CELL_CHARS:
            chunks.append(data)
            state["length"] += len(data)

    def end(tag):
        if tag == "t" and state["chunks"] is not None:
            state["parts"].append("".join(state["chunks"]))
            state["chunks"] = None
        elif tag == "rPh":
            state["phonetic"] = False
        elif tag == "si" and state["keep"]:
            value = "".join(state["parts"])[: MAX_CELL_CHARS + 1].replace("x005F_", "")
            found[state["index"]] = reader.keep(value)
            state["keep"] = False

    _stream(archive, path, start, end, text)
    if len(found) < len(wanted):
        raise Damaged("a shared string is missing")
    return found


def read_sheet(archive: zipfile.ZipFile, *, sheet: str | None, max_rows: int, max_cols: int) -> list[tuple]:
    """The rows of ``sheet`` (by name, otherwise the first) cut to ``max_cols`` columns.

    Empty rows between filled ones are kept (a row's index + 1 is its number in Excel), trailing
    empty rows dropped, every row as wide as the widest. Raises ``Damaged``, ``TooManyRows``,
    ``TooMuchText``, or defusedxml's errors for a DTD or an entity.
    """
    workbook, sheets, date1904 = _workbook(archive)
    if not sheets:
        return []
    relations = {rel_id: (kind, path) for rel_id, kind, path in _relationships(archive, workbook)}
    chosen = next((rel for name, rel in sheets if name == sheet), sheets[0][1])
    kind, path = relations.get(chosen, ("", ""))
    if not kind.endswith(_SHEET_REL) or path not in archive.NameToInfo:
        raise Damaged("the sheet's part is missing")
    by_kind = {kind.rsplit("/", 1)[-1]: path for kind, path in relations.values()}
    dates, durations = _date_styles(archive, by_kind.get(_STYLES_REL[1:]))
    reader = _SheetReader(
        max_rows=max_rows,
        max_cols=max_cols,
        dates=dates,
        durations=durations,
        epoch=CALENDAR_MAC_1904 if date1904 else WINDOWS_EPOCH,
    )
    _stream(archive, path, reader.start, reader.end, reader.text)
    strings = _shared_strings(archive, by_kind.get(_STRINGS_REL[1:]), reader.shared, reader)

    def resolved(values: list) -> list:
        return [strings[v] if type(v) is _Shared else v for v in values]

    filled = [
        number
        for number, values in reader.rows.items()
        if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in resolved(values))
    ]
    if not filled:
        return []
    height = max(filled)
    width = max(w for number, w in reader.widths.items() if number <= height)
    empty = (None,) * width
    return [
        tuple(resolved(reader.rows[number][:width])) if number in reader.rows else empty
        for number in range(1, height + 1)
    ]
