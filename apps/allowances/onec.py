"""The month's mentoring allowances as a file that 1С:ЗУП 3.1 loads with its standard «Загрузить из файла».

Sources (details and the accountant's steps in docs/onec-zup.md). ЗУП 3.1, like 1С:ЗКГУ 3 that many
schools run, fills a document's table from a file through the subsystem «Загрузка данных из файла» of
1С's standard library (БСП). Its rules are in 1С's own code and help:

- the form's help page shipped with БСП (ru): «Открывается из документов … с помощью кнопки Загрузить из
  файла»; «Изменить бланк»: «можно настроить наименование колонок, их отображение и порядок следования»;
  «Из внешнего файла» → «Загрузить таблицу из файла»; then «Сопоставление данных» → «Загрузить данные»
  (github.com/Viking790071/EDT, a БСП-based configuration, commit ab31a0121614f2faab2292d2af46cee785a30423,
  ``Австралия/src/DataProcessors/ImportDataFromFile/Forms/ImportDataFromFile/Help/ru.html``);
- БСП 3.1, English edition (github.com/1c-syntax/ssl_3_1_eng, commit
  1435ae885977416f94b540283559c3a768b4d338): ``CommonModules/ImportDataFromFileClient`` accepts .xlsx,
  .xls, .ods, .mxl, .csv; ``DataProcessors/ImportDataFromFile/Ext/ManagerModule.bsl`` reads the first
  sheet, takes row 1 as the titles (row 2 only under grouped titles), finds each column by its title
  (trimmed; the title the user set in «Изменить бланк» first, then the standard one), so the order is
  free and an unknown column is skipped; data start on the next row, empty rows are skipped; a cell is
  read as the text it shows; a number keeps only ``-0123456789,.`` of that text, so it must show no
  thousands separator; a date goes through ``StringToDate`` («ДД.ММ.ГГГГ»); a column typed as a
  catalogue (the employee) is looked up by code (in ЗУП, the personnel number), then by name.

So the file is one .xlsx sheet: one title row, then one row per mentor and allowance, nothing above or
below. Numbers are number cells shown as «0.00» (no grouping: in a Russian locale Excel and 1С show
«1234,50»), dates are date cells shown as «ДД.ММ.ГГГГ». Organisation and month are not columns (1С takes
them from the document being filled): they are in the file name and the workbook's title.

Columns, in this order:
  1 «Сотрудник»            full name «Фамилия Имя Отчество» (no patronymic: «Фамилия Имя»)
  2 «Табельный номер»      personnel number in 1С, text; empty when the portal does not know it
  3 «Начисление»           the accrual type as named in 1С, default «Доплата за наставничество»
  4 «Сумма»                the month's sum in roubles and kopecks, prorated; empty for a percent
  5 «Процент»              the percentage of the salary; empty for a sum
  6 «Дата начала»          first day of mentoring in the month
  7 «Дата окончания»       last day of mentoring in the month
  8 «Дней наставничества»  days of the month the pair was active
  9 «Дней в месяце»        calendar days of the month
 10 «Основание»            the order and the additional agreement, with numbers and dates

Which ЗУП documents carry the command, and the standard titles of their columns, are published in no
source found: the accountant matches them once in «Изменить бланк» (docs/onec-zup.md).
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from apps.core.exceptions import DomainError
from apps.core.russian import month_name
from apps.core.xlsx import XLSX_CONTENT_TYPE, neutralize

DEFAULT_ACCRUAL = "Доплата за наставничество"
SHEET_TITLE = "Доплата за наставничество"
KOPECK = Decimal("0.01")
NUMBER_FORMAT = "0.00"
DATE_FORMAT = "DD.MM.YYYY"

# (title, width in characters)
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Сотрудник", 36),
    ("Табельный номер", 16),
    ("Начисление", 30),
    ("Сумма", 12),
    ("Процент", 10),
    ("Дата начала", 13),
    ("Дата окончания", 15),
    ("Дней наставничества", 21),
    ("Дней в месяце", 14),
    ("Основание", 60),
)


@dataclass(frozen=True)
class ZupRow:
    """One line of the file: an allowance of one mentor for the month (one per pair or group).

    ``amount`` is the sum to accrue for the month, already prorated for ``days`` (by
    ``calculation.prorated``, the same sum as the PDF's);
    ``percent`` is given instead of it when the order sets a percentage of the salary, which 1С computes.
    ``start``/``end`` are the first and last days of mentoring inside the month.
    """

    full_name: str
    start: date
    end: date
    days: int
    days_in_month: int
    amount: Decimal | None = None
    percent: Decimal | None = None
    personnel_number: str = ""
    accrual: str = DEFAULT_ACCRUAL
    basis: str = ""

    def __post_init__(self):
        if not self.full_name.strip():
            raise DomainError("У наставника не указаны фамилия и имя.")
        if (self.amount is None) == (self.percent is None):
            raise DomainError(f"{self._who}: нужна либо сумма доплаты, либо процент от оклада.")
        if self.amount is not None and self.amount < 0:
            raise DomainError(f"{self._who}: сумма доплаты не может быть отрицательной.")
        if self.percent is not None and not 0 < self.percent <= 100:
            raise DomainError(f"{self._who}: процент доплаты должен быть больше 0 и не больше 100.")
        if self.start > self.end:
            raise DomainError(f"{self._who}: дата начала позже даты окончания.")
        if not 0 < self.days <= min(self.days_in_month, (self.end - self.start).days + 1):
            raise DomainError(f"{self._who}: число дней наставничества больше, чем дней в периоде.")

    @property
    def _who(self) -> str:
        return f"Наставник «{' '.join(self.full_name.split())}»"

    def cells(self) -> list:
        """The row's values in the order of ``COLUMNS``."""
        return [
            neutralize(" ".join(self.full_name.split())),
            neutralize(self.personnel_number.strip()) or None,
            neutralize(self.accrual.strip() or DEFAULT_ACCRUAL),
            None if self.amount is None else Decimal(self.amount).quantize(KOPECK, rounding=ROUND_HALF_UP),
            None if self.percent is None else Decimal(self.percent).quantize(KOPECK, rounding=ROUND_HALF_UP),
            self.start,
            self.end,
            self.days,
            self.days_in_month,
            neutralize(self.basis.strip()) or None,
        ]


def file_name(month: date) -> str:
    """``nastavnichestvo-zup-2026-12.xlsx``: ASCII, so every browser and 1С's file dialog keep it."""
    return f"nastavnichestvo-zup-{month:%Y-%m}.xlsx"


def render(rows: Sequence[ZupRow], *, month: date, organization_name: str) -> tuple[bytes, str, str]:
    """The .xlsx for «Загрузить из файла» in 1С:ЗУП 3.1: (content, file name, content type).

    No rows give a file with the title row only: 1С loads nothing from it, and the accountant sees the
    month had no allowances rather than an error.
    """
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    for row in rows:
        if not (first <= row.start and row.end <= last):
            raise DomainError(f"{row._who}: период доплаты выходит за пределы месяца.")
        if row.days_in_month != last.day:
            raise DomainError(f"{row._who}: неверно указано число дней в месяце.")

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    month_label = f"{month_name(first.month)} {first.year}"
    workbook.properties.title = f"{SHEET_TITLE} за {month_label}"
    workbook.properties.subject = organization_name
    workbook.properties.creator = "Портал наставничества"

    header_font = Font(bold=True)
    for index, (title, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=title)
        cell.font = header_font
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"

    for row_number, row in enumerate(rows, start=2):
        for index, value in enumerate(row.cells(), start=1):
            cell = sheet.cell(row=row_number, column=index, value=value)
            if isinstance(value, Decimal):
                cell.number_format = NUMBER_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            elif index == 2 and value is not None:
                cell.number_format = "@"  # a personnel number «0001» must keep its zeros

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), file_name(first), XLSX_CONTENT_TYPE
