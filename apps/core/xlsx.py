"""Excel workbooks: writing exports and reading uploads safely, both through openpyxl.

Writing: ``xlsx_response(filename, Sheet(...), ...)`` streams rows into an .xlsx (openpyxl's write-only
mode) with a bold header, column widths, a frozen header row, an autofilter, drop-down lists and real
date cells; every string that a spreadsheet could take for a formula is neutralised (OWASP "CSV
injection"). Data cells carry no style objects of their own: a date or a wrapped text refers to one of
four named styles registered once per workbook.

Reading: ``read_uploaded_rows(upload)`` checks size, extension and content on the server (the zip's
unpacked size before openpyxl opens anything) and turns every broken, foreign or password-protected
file into a ``DomainError`` with a Russian message. openpyxl reads in read-only mode; with defusedxml
installed (a dependency for that reason) it refuses XML that declares entities.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from defusedxml import DefusedXmlException
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .exceptions import DomainError

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A value starting with one of these may be run as a formula (or DDE) by a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
# «+7 (912) 345-67-89», «-5»: a sign followed only by digits and separators cannot call anything,
# and phone numbers start with «+» in every row of the registry: keep them readable.
_HARMLESS_SIGNED = re.compile(r"[+-][\d\s().-]*\d[\d\s().-]*")
# Characters XML 1.0 forbids (a pasted text may carry them): dropped, or the file would not open.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
# #N/A, #DIV/0!: a formula's error is no value.
_ERROR_VALUES = frozenset(ERROR_CODES)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
# An encrypted OOXML file is an OLE container with these streams (MS-OFFCRYPTO).
_ENCRYPTION_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
# A real workbook of a few thousand rows unpacks to a few megabytes; a zip bomb to gigabytes.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


def neutralize(value):
    """A string a spreadsheet would evaluate («=HYPERLINK(…)», «@SUM(…)», «-2+3») gets a leading «'»."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        if value[0] in "+-" and _HARMLESS_SIGNED.fullmatch(value):
            return value
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header and width (in characters)."""

    title: str
    width: float = 16
    wrap: bool = False


@dataclass
class Sheet:
    """A sheet to write: header columns and an iterable of row sequences (values in column order).

    Values: str, int, float, Decimal, bool («да»/«нет»), date, datetime (shown in local time), None.
    ``validations``: {column index (0-based): (list source, prompt)} adds a drop-down list to that
    column for ``validation_rows`` rows below the header; the source is a range such as
    ``'Должности'!$A$2:$A$40`` or a literal list such as ``"ж,м"`` (with the double quotes).
    """

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence] = ()
    freeze_header: bool = True
    autofilter: bool = True
    validations: dict[int, tuple[str, str]] = field(default_factory=dict)
    validation_rows: int = 1000


_HEADER_STYLE = "Заголовок выгрузки"
_DATE_STYLE = "Дата выгрузки"
_DATETIME_STYLE = "Дата и время выгрузки"
_WRAP_STYLE = "Перенос текста выгрузки"


def _named_styles() -> list[NamedStyle]:
    """The few styles every export uses: registered once per workbook, shared by all the cells."""
    return [
        NamedStyle(
            _HEADER_STYLE,
            font=Font(name="Calibri", size=11, bold=True),
            fill=PatternFill("solid", fgColor="FFDDE7F3"),
            alignment=Alignment(vertical="center", wrap_text=True),
        ),
        NamedStyle(_DATE_STYLE, number_format="dd.mm.yyyy"),
        NamedStyle(_DATETIME_STYLE, number_format="dd.mm.yyyy hh:mm"),
        NamedStyle(_WRAP_STYLE, alignment=Alignment(vertical="top", wrap_text=True)),
    ]


def _clean_text(text: str) -> str:
    if _ILLEGAL_XML.search(text):
        text = _ILLEGAL_XML.sub("", text)
    return neutralize(text)[:MAX_CELL_CHARS]


def _styled(ws, value, style: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    cell.style = style  # before the value: a date then keeps this format instead of openpyxl's default
    cell.value = value
    return cell


def _cell(ws, value, wrap: bool):
    """What goes into the row for ``value``: a plain value, or a cell carrying one of the named styles."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = _clean_text(value)
        return _styled(ws, text, _WRAP_STYLE) if wrap else text
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
        return _styled(ws, value, _DATETIME_STYLE)
    if isinstance(value, dt.date):
        return _styled(ws, value, _DATE_STYLE)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal) and math.isfinite(value):
        return value
    text = _clean_text(str(value))
    return _styled(ws, text, _WRAP_STYLE) if wrap else text


def _lines(text: str, per_line: int) -> int:
    """How many lines a wrapped text takes in a column of ``per_line`` characters (an estimate)."""
    if len(text) <= per_line and "\n" not in text:
        return 1
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _sheet_title(title: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Лист"


def _write_sheet(ws, sheet: Sheet) -> None:
    """Stream the sheet's rows into the write-only worksheet ``ws`` (memory stays flat whatever the
    row count): styles, widths, frozen header and drop-down lists go in before the rows, as
    openpyxl's write-only mode requires; the autofilter's range once the last row is known."""
    width = max(len(sheet.columns), 1)
    wraps = [c.wrap for c in sheet.columns]
    per_line = [max(int(c.width * 1.1), 1) for c in sheet.columns]
    for index, column in enumerate(sheet.columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    if sheet.freeze_header:
        ws.freeze_panes = "A2"
    for index, (source, prompt) in sorted(sheet.validations.items()):
        letter = get_column_letter(index + 1)
        # No error box: a free text is caught by the import with a clearer Russian message.
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=False,
            promptTitle="Выберите из списка",
            prompt=prompt[:255],
        )
        validation.add(f"{letter}2:{letter}{sheet.validation_rows + 1}")
        ws.data_validations.append(validation)  # write-only sheets lack add_data_validation
    ws.append([_styled(ws, _clean_text(c.title), _HEADER_STYLE) for c in sheet.columns])
    number = 1
    for row in sheet.rows:
        number += 1
        if len(row) > len(wraps):
            wraps += [False] * (len(row) - len(wraps))
            per_line += [1] * (len(row) - len(per_line))
        lines = max(
            (_lines(v, per_line[i]) for i, v in enumerate(row) if wraps[i] and isinstance(v, str)), default=1
        )
        if lines > 1:  # LibreOffice does not grow a row for wrapped text by itself
            ws.row_dimensions[number].height = min(lines, 20) * 15
        ws.append([_cell(ws, v, wraps[i]) for i, v in enumerate(row)])
    if sheet.autofilter and sheet.columns:
        # openpyxl also writes the hidden _xlnm._FilterDatabase name Excel keeps for it.
        ws.auto_filter.ref = f"A1:{get_column_letter(width)}{number}"


def write_workbook(*sheets: Sheet) -> bytes:
    """The .xlsx bytes; sheets in the order given, the first one selected."""
    wb = Workbook(write_only=True)
    for style in _named_styles():
        wb.add_named_style(style)
    titles: list[str] = []
    for sheet in sheets:
        title = _sheet_title(sheet.title)
        while title in titles:
            title = title[:28] + f" {len(titles)}"
        titles.append(title)
        _write_sheet(wb.create_sheet(title), sheet)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


_TRANSLIT = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye", strict=True)),
        **{"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": ""},
        **{"ю": "yu", "я": "ya"},
    }
)


def content_disposition(filename: str) -> str:
    """``attachment`` with the Russian name in RFC 5987 ``filename*`` and a transliterated ASCII
    ``filename`` for clients that do not read it («Реестр 25.11.2026.xlsx» → «Reestr_25.11.2026.xlsx»)."""
    latin = "".join(
        c.lower().translate(_TRANSLIT).capitalize() if c.isupper() else c.translate(_TRANSLIT)
        for c in filename
    )
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", latin.encode("ascii", "ignore").decode()).strip("_")
    if not ascii_name.lower().endswith(".xlsx") or ascii_name.lower() == ".xlsx":
        ascii_name = "export.xlsx"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def xlsx_response(filename: str, *sheets: Sheet) -> HttpResponse:
    """An HttpResponse with the workbook as an attachment named ``filename`` (Cyrillic allowed)."""
    if not filename.lower().endswith(".xlsx"):
        filename += ".xlsx"
    response = HttpResponse(write_workbook(*sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"  # the workbook holds personal data
    return response


def dated_filename(stem: str, on: dt.date | None = None) -> str:
    """«Реестр педагогов 25.11.2026.xlsx»"""
    on = on or timezone.localdate()
    return f"{stem} {on:%d.%m.%Y}.xlsx"


# Reading uploads ---------------------------------------------------------------------------------


def _human_size(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.0f} МБ" if megabytes >= 1 else f"{max(size // 1024, 1)} КБ"


def check_xlsx_upload(upload) -> bytes:
    """The uploaded file's bytes once it is proved to be a plain .xlsx; otherwise ``DomainError``.

    Checked on the server, whatever the browser said: size, extension, magic bytes (a password-
    protected workbook is an OLE container, not a zip), the zip's structure and its unpacked size.
    """
    limit = settings.UPLOAD_MAX_BYTES
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise DomainError(
            f"Файл слишком большой ({_human_size(size)}): можно загрузить не больше {_human_size(limit)}.",
            field="file",
        )
    if not name.lower().endswith(".xlsx"):
        raise DomainError(
            "Загрузите книгу Excel в формате .xlsx (в Excel: «Файл → Сохранить как → Книга Excel»).",
            field="file",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise DomainError(
            f"Файл слишком большой: можно загрузить не больше {_human_size(limit)}.", field="file"
        )
    if not data:
        raise DomainError("Файл пустой.", field="file")
    if data.startswith(OLE_MAGIC):
        if any(marker in data for marker in _ENCRYPTION_MARKERS):
            raise DomainError(
                "Книга защищена паролем, и прочитать её нельзя. Откройте её в Excel, снимите пароль "
                "(«Файл → Сведения → Защита книги → Зашифровать с использованием пароля», очистите поле) "
                "и загрузите снова.",
                field="file",
            )
        raise DomainError(
            "Это файл старого формата Excel (.xls), переименованный в .xlsx. Откройте его в Excel и "
            "сохраните как «Книга Excel (*.xlsx)».",
            field="file",
        )
    if not data.startswith(ZIP_MAGIC):
        raise DomainError(
            "Файл не является книгой Excel .xlsx (возможно, это CSV или другой документ с другим "
            "расширением). Скачайте шаблон и заполните его.",
            field="file",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            unpacked = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DomainError(
            "Файл повреждён и не открывается как книга Excel. Сохраните его в Excel заново.", field="file"
        ) from error
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise DomainError(
            "Это не книга Excel: внутри нет листов (возможно, это документ Word или презентация).",
            field="file",
        )
    if unpacked > MAX_UNCOMPRESSED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise DomainError(
            "Файл после распаковки слишком велик: загрузите книгу только с данными, без картинок "
            "и лишних листов.",
            field="file",
        )
    return data


def read_uploaded_rows(upload, *, sheet: str | None = None, max_rows: int = 10_000) -> list[tuple]:
    """Every row of the upload's sheet (``sheet`` by name, otherwise the first) as tuples of values.

    Formulas give their last computed values. Trailing empty rows are dropped. Any failure to read
    becomes a ``DomainError`` with a Russian message.
    """
    return read_xlsx_rows(check_xlsx_upload(upload), sheet=sheet, max_rows=max_rows)


def _refused_xml(error: BaseException | None) -> bool:
    """Whether defusedxml refused a DTD's entities somewhere down the chain (openpyxl wraps the
    parser's exception in its own ValueError)."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DefusedXmlException):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def read_xlsx_rows(data: bytes, *, sheet: str | None = None, max_rows: int = 10_000) -> list[tuple]:
    """``read_uploaded_rows`` for bytes that ``check_xlsx_upload`` has already accepted.

    Read by openpyxl in read-only mode (streamed from the zip; with defusedxml installed it refuses
    a DTD's entities, so no «billion laughs» and no external entities). Empty rows between filled
    ones are kept, so a row's index + 1 is its number in Excel.
    """
    too_many = f"В файле больше {max_rows:,} строк. Разделите его на несколько файлов.".replace(",", " ")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not wb.sheetnames:
                raise DomainError("В книге нет ни одного листа с данными.", field="file")
            ws = wb[sheet] if sheet in wb.sheetnames else wb.worksheets[0]
            ws.reset_dimensions()  # the <dimension> a producer wrote may be wrong: read every row
            rows: list[tuple] = []
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > max_rows + 1:
                    raise DomainError(too_many, field="file")
                rows.append(tuple(None if v in _ERROR_VALUES else v for v in values))
        finally:
            wb.close()
    except DomainError:
        raise
    except Exception as error:
        if not _refused_xml(error):
            raise DomainError(
                "Книга Excel повреждена и не читается. Откройте её в Excel, сохраните заново и загрузите.",
                field="file",
            ) from error  # a broken zip or XML, a missing part: the file is damaged
        raise DomainError(
            "Файл содержит недопустимые конструкции XML и не может быть загружен. "
            "Сохраните книгу в Excel заново.",
            field="file",
        ) from error
    while rows and all(v is None or (isinstance(v, str) and not v.strip()) for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    return [r + (None,) * (width - len(r)) for r in rows]
