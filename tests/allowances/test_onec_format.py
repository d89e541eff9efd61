"""The file for 1С:ЗУП 3.1 «Загрузить из файла»: read back with openpyxl and checked column by column.

The rules restated here come from 1С's standard library (БСП 3.1, subsystem «Загрузка данных из
файла», DataProcessors/ImportDataFromFile/Ext/ManagerModule.bsl at github.com/1c-syntax/ssl_3_1_eng,
commit 1435ae885977416f94b540283559c3a768b4d338) and docs/onec-zup.md: titles in row 1, data from
row 2, nothing else on the sheet, numbers without thousands separators, dates «ДД.ММ.ГГГГ».
"""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from apps.allowances.calculation import prorated
from apps.allowances.onec import ZupRow, render
from apps.core.exceptions import DomainError

# Restated from docs/onec-zup.md, not imported: a change of the module's columns must break this test.
DOCUMENTED_COLUMNS = [
    "Сотрудник",
    "Табельный номер",
    "Начисление",
    "Сумма",
    "Процент",
    "Дата начала",
    "Дата окончания",
    "Дней наставничества",
    "Дней в месяце",
    "Основание",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DECEMBER = date(2026, 12, 1)


def _row(**changes):
    values = {
        "full_name": "Петрова Анна Сергеевна",
        "personnel_number": "0042",
        "start": date(2026, 12, 1),
        "end": date(2026, 12, 31),
        "days": 31,
        "days_in_month": 31,
        "amount": Decimal("3000.00"),
        "basis": "Приказ № 12 от 01.09.2026; доп. соглашение № 3 от 01.09.2026",
    }
    values.update(changes)
    return ZupRow(**values)


def _sheet(rows, month=DECEMBER):
    content, name, content_type = render(rows, month=month, organization_name="МБОУ «Школа № 1»")
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return workbook, workbook.worksheets[0], name, content_type


def _records(sheet):
    return [
        dict(zip(DOCUMENTED_COLUMNS, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


def test_file_is_one_xlsx_sheet_with_the_documented_titles_in_row_one():
    workbook, sheet, name, content_type = _sheet([_row()])

    assert content_type == XLSX
    assert name == "nastavnichestvo-zup-2026-12.xlsx"
    assert len(workbook.worksheets) == 1
    assert sheet.title == "Доплата за наставничество"
    assert [cell.value for cell in sheet[1]] == DOCUMENTED_COLUMNS
    assert sheet.max_row == 2
    assert sheet.max_column == len(DOCUMENTED_COLUMNS)


def test_organization_and_month_are_in_the_workbook_title_not_in_rows_above_the_titles():
    workbook, sheet, _, _ = _sheet([_row()])

    assert workbook.properties.title == "Доплата за наставничество за декабрь 2026"
    assert workbook.properties.subject == "МБОУ «Школа № 1»"
    assert sheet["A1"].value == "Сотрудник"


def test_a_sum_row_has_every_column_with_its_type():
    _, sheet, _, _ = _sheet([_row()])
    record = _records(sheet)[0]

    assert record == {
        "Сотрудник": "Петрова Анна Сергеевна",
        "Табельный номер": "0042",
        "Начисление": "Доплата за наставничество",
        "Сумма": 3000,
        "Процент": None,
        "Дата начала": datetime(2026, 12, 1),
        "Дата окончания": datetime(2026, 12, 31),
        "Дней наставничества": 31,
        "Дней в месяце": 31,
        "Основание": "Приказ № 12 от 01.09.2026; доп. соглашение № 3 от 01.09.2026",
    }
    # A personnel number stays text (its zeros), the sum is a number without grouping, dates show ДД.ММ.ГГГГ.
    assert sheet["B2"].data_type == "s"
    assert sheet["B2"].number_format == "@"
    assert sheet["D2"].data_type == "n"
    assert sheet["D2"].number_format == "0.00"
    assert sheet["F2"].is_date and sheet["F2"].number_format == "DD.MM.YYYY"
    assert sheet["G2"].is_date and sheet["G2"].number_format == "DD.MM.YYYY"


def test_a_percent_row_leaves_the_sum_empty_and_a_sum_row_leaves_the_percent_empty():
    _, sheet, _, _ = _sheet([_row(), _row(full_name="Орлов Павел Ильич", amount=None, percent=Decimal("15"))])
    by_sum, by_percent = _records(sheet)

    assert (by_sum["Сумма"], by_sum["Процент"]) == (3000, None)
    assert (by_percent["Сумма"], by_percent["Процент"]) == (None, 15)
    assert sheet["E3"].number_format == "0.00"


def test_a_row_needs_exactly_one_of_sum_and_percent():
    with pytest.raises(DomainError, match="либо сумма доплаты, либо процент"):
        _row(percent=Decimal("10"))
    with pytest.raises(DomainError, match="либо сумма доплаты, либо процент"):
        _row(amount=None)


def test_an_employee_without_patronymic_is_written_with_two_words_and_spaces_tidied():
    _, sheet, _, _ = _sheet([_row(full_name="  Ким   Виктория ", personnel_number="")])
    record = _records(sheet)[0]

    assert record["Сотрудник"] == "Ким Виктория"
    assert record["Табельный номер"] is None


def test_sums_and_percents_are_rounded_half_up_to_kopecks():
    rows = [
        _row(amount=Decimal("1234.565")),
        _row(full_name="Орлов Павел Ильич", amount=None, percent=Decimal("12.345")),
    ]
    _, sheet, _, _ = _sheet(rows)

    assert sheet["D2"].value == pytest.approx(1234.57)
    assert sheet["E3"].value == pytest.approx(12.35)


def test_prorated_sum_for_a_pair_that_starts_inside_the_month():
    # 3 000 ₽ a month, the pair starts on 20 December: 12 of 31 days.
    amount = prorated(3000, 12, 31)
    assert amount == Decimal("1161.29")

    _, sheet, _, _ = _sheet([_row(start=date(2026, 12, 20), days=12, amount=amount)])
    record = _records(sheet)[0]

    assert record["Сумма"] == pytest.approx(1161.29)
    assert record["Дата начала"] == datetime(2026, 12, 20)
    assert (record["Дней наставничества"], record["Дней в месяце"]) == (12, 31)


@pytest.mark.parametrize(
    ("monthly", "days", "days_in_month", "expected"),
    [
        (Decimal("5000"), 28, 28, Decimal("5000.00")),
        (Decimal("5000"), 14, 28, Decimal("2500.00")),
        (Decimal("1000"), 1, 30, Decimal("33.33")),
        (Decimal("1000"), 2, 30, Decimal("66.67")),
        (Decimal("100"), 1, 8, Decimal("12.50")),  # 12.5 exactly
        (Decimal("0.05"), 1, 2, Decimal("0.03")),  # 0.025: half up, not to even
    ],
)
def test_prorate_rounds_half_up_to_kopecks(monthly, days, days_in_month, expected):
    assert prorated(monthly, days, days_in_month) == expected


def test_a_pair_ending_inside_february_of_a_leap_year_counts_29_days():
    rows = [
        _row(start=date(2028, 2, 1), end=date(2028, 2, 10), days=10, days_in_month=29, amount=Decimal("1000"))
    ]
    _, sheet, name, _ = _sheet(rows, month=date(2028, 2, 1))

    assert name == "nastavnichestvo-zup-2028-02.xlsx"
    assert _records(sheet)[0]["Дней в месяце"] == 29


def test_a_period_outside_the_month_or_a_wrong_month_length_is_refused():
    with pytest.raises(DomainError, match="за пределы месяца"):
        render([_row(start=date(2026, 11, 30))], month=DECEMBER, organization_name="Школа")
    with pytest.raises(DomainError, match="число дней в месяце"):
        render([_row(days=30, days_in_month=30)], month=DECEMBER, organization_name="Школа")


def test_inconsistent_days_are_refused():
    with pytest.raises(DomainError, match="дата начала позже"):
        _row(start=date(2026, 12, 10), end=date(2026, 12, 9))
    with pytest.raises(DomainError, match="больше, чем дней в периоде"):
        _row(start=date(2026, 12, 20), days=13)
    with pytest.raises(DomainError, match="не может быть отрицательной"):
        _row(amount=Decimal("-1"))
    with pytest.raises(DomainError, match="больше 0 и не больше 100"):
        _row(amount=None, percent=Decimal("150"))


def test_empty_month_gives_the_title_row_only():
    workbook, sheet, _, content_type = _sheet([])

    assert content_type == XLSX
    assert [cell.value for cell in sheet[1]] == DOCUMENTED_COLUMNS
    assert sheet.max_row == 1
    assert len(workbook.worksheets) == 1


def test_accrual_name_is_the_one_the_school_uses_in_1c():
    _, sheet, _, _ = _sheet([_row(accrual="Доплата наставнику (ПФХД)")])

    assert _records(sheet)[0]["Начисление"] == "Доплата наставнику (ПФХД)"


def test_text_a_spreadsheet_would_run_is_neutralised():
    _, sheet, _, _ = _sheet([_row(basis='=HYPERLINK("http://x")')])

    assert _records(sheet)[0]["Основание"] == '\'=HYPERLINK("http://x")'
    assert sheet["J2"].data_type == "s"


def test_file_holds_no_formulas_and_no_second_sheet():
    content, _, _ = render([_row()], month=DECEMBER, organization_name="Школа")

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets == ["xl/worksheets/sheet1.xml"]
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
