"""Excel workbooks: writing exports (openpyxl write-only mode) and reading uploads safely.

Writing: ``xlsx_response(filename, Sheet(...), ...)`` streams rows into a write-only workbook with a
bold header, column widths, frozen header, autofilter and real date cells; every string that a
spreadsheet could take for a formula is neutralised (OWASP "CSV injection").

Reading: ``read_uploaded_rows(upload)`` checks size, extension and content on the server and turns
every broken, foreign or password-protected file into a ``DomainError`` with a Russian message.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .exceptions import DomainError

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"

# A value starting with one of these may be run as a formula (or DDE) by a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
# «+7 (912) 345-67-89», «-5»: a sign followed only by digits and separators cannot call anything,
# and phone numbers start with «+» in every row of the registry: keep them readable.
_HARMLESS_SIGNED = re.compile(r"[+-][\d\s().-]*\d[\d\s().-]*")

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
    """A sheet to write: header columns and an iterable of row tuples (values in column order).

    ``validations``: {column index (0-based): (source range, prompt)} adds a drop-down list
    (openpyxl data validation) to that column for ``validation_rows`` rows below the header.
    """

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence] = ()
    freeze_header: bool = True
    autofilter: bool = True
    validations: dict[int, tuple[str, str]] = field(default_factory=dict)
    validation_rows: int = 1000


class _Styles:
    """Shared style objects: openpyxl registers each distinct style once per workbook."""

    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F3")
    header_alignment = Alignment(vertical="center", wrap_text=True)
    wrap_alignment = Alignment(vertical="top", wrap_text=True)


def _cell(ws, value, wrap: bool):
    """Turn one value into what the write-only sheet needs: dates get a Russian date format."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            # Excel has no time zones: show the local (settings.TIME_ZONE) time.
            from django.utils import timezone

            value = timezone.localtime(value).replace(tzinfo=None)
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int | float | Decimal):
        return value
    text = neutralize(str(value))
    if wrap and ("\n" in text or len(text) > 60):
        cell = WriteOnlyCell(ws, value=text)
        cell.alignment = _Styles.wrap_alignment
        return cell
    return text


def _write_sheet(wb: Workbook, sheet: Sheet) -> None:
    ws = wb.create_sheet(title=sheet.title[:31])
    # Widths, frozen panes and validations are written before the rows in write-only mode.
    for index, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    if sheet.freeze_header:
        ws.freeze_panes = "A2"
    last_letter = get_column_letter(max(len(sheet.columns), 1))
    for col_index, (source, prompt) in sheet.validations.items():
        letter = get_column_letter(col_index + 1)
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=False,  # a free text is caught by the import with a clearer message
            promptTitle="Выберите из списка",
            prompt=prompt[:255],
            showInputMessage=True,
        )
        validation.add(f"{letter}2:{letter}{sheet.validation_rows + 1}")
        ws.data_validations.append(validation)

    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(ws, value=neutralize(column.title))
        cell.font = _Styles.header_font
        cell.fill = _Styles.header_fill
        cell.alignment = _Styles.header_alignment
        header.append(cell)
    ws.append(header)

    wraps = [c.wrap for c in sheet.columns]
    count = 0
    for row in sheet.rows:
        ws.append([_cell(ws, value, wraps[i] if i < len(wraps) else False) for i, value in enumerate(row)])
        count += 1
    if sheet.autofilter and sheet.columns:
        ws.auto_filter.ref = f"A1:{last_letter}{count + 1}"


def write_workbook(*sheets: Sheet) -> bytes:
    """The workbook's bytes; sheets are written in the order given."""
    wb = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(wb, sheet)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the Russian name in RFC 5987 ``filename*``."""
    ascii_name = filename.encode("ascii", "ignore").decode().strip() or "export.xlsx"
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_name).strip("_") or "export.xlsx"
    if not ascii_name.lower().endswith(".xlsx"):
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
    from django.utils import timezone

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


def read_xlsx_rows(data: bytes, *, sheet: str | None = None, max_rows: int = 10_000) -> list[tuple]:
    """``read_uploaded_rows`` for bytes that ``check_xlsx_upload`` has already accepted."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds (KeyError, XML errors) on broken files
        raise DomainError(
            "Книга Excel повреждена и не читается. Откройте её в Excel, сохраните заново и загрузите.",
            field="file",
        ) from error
    try:
        worksheets = [wb[sheet]] if sheet and sheet in wb.sheetnames else wb.worksheets
        if not worksheets:
            raise DomainError("В книге нет ни одного листа с данными.", field="file")
        rows: list[tuple] = []
        for row in worksheets[0].iter_rows(values_only=True):
            rows.append(row)
            if len(rows) > max_rows + 1:
                raise DomainError(
                    f"В файле больше {max_rows:,} строк. Разделите его на несколько файлов.".replace(
                        ",", " "
                    ),
                    field="file",
                )
    except DomainError:
        raise
    except Exception as error:
        raise DomainError(
            "Не удалось прочитать лист книги: файл повреждён. Сохраните его в Excel заново.", field="file"
        ) from error
    finally:
        wb.close()
    while rows and all(v is None or (isinstance(v, str) and not v.strip()) for v in rows[-1]):
        rows.pop()
    return rows
