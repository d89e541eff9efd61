"""The basis as an .xlsx for people: one row per line, sums as numbers, dates as dates."""

from apps.core.xlsx import XLSX_CONTENT_TYPE, Column, Sheet, write_workbook

from .models import AllowanceBasis, AllowanceLine
from .periods import month_label

__all__ = ["COLUMNS", "XLSX_CONTENT_TYPE", "basis_workbook"]

COLUMNS = [
    Column("№ п/п", 7),
    Column("Наставник", 32),
    Column("Должность", 26, wrap=True),
    Column("Наставляемые", 36, wrap=True),
    Column("Приказ: номер", 10),
    Column("Приказ: дата", 12),
    Column("Дополнительное соглашение", 40, wrap=True),
    Column("Доплата, руб. в месяц", 12),
    Column("Доплата, % оклада", 10),
    Column("Начало в месяце", 12),
    Column("Окончание в месяце", 12),
    Column("Дней работы", 9),
    Column("Дней в месяце", 9),
    Column("К начислению, руб.", 14),
    Column("Часы по журналу (справочно)", 12),
]


def _rows(lines: list[AllowanceLine]):
    for line in lines:
        yield [
            line.position,
            line.mentor_name,
            line.mentor_position,
            line.mentees,
            line.order_number,
            line.order_date,
            line.agreement,
            line.allowance_amount,
            line.allowance_percent,
            line.active_from,
            line.active_to,
            line.active_days,
            line.month_days,
            line.amount_due,
            line.hours_logged,
        ]


def basis_workbook(*, basis: AllowanceBasis, lines: list[AllowanceLine]) -> bytes:
    title = f"Доплата {basis.month:02d}.{basis.year}"
    sheet = Sheet(title=title, columns=COLUMNS, rows=_rows(lines))
    about = Sheet(
        title="Документ",
        columns=[Column("Сведения", 30), Column("Значение", 60, wrap=True)],
        rows=[
            ["Организация", basis.organization.full_name],
            ["Месяц", month_label(basis.year, basis.month)],
            ["Статус", basis.get_status_display()],
            ["Исправляет основание", str(basis.corrects) if basis.corrects_id else ""],
            ["Причина исправления", basis.reason],
            ["Подготовил", basis.preparer_name],
            ["Утвердил", basis.approver_name],
            ["Утверждено", basis.approved_at],
            ["Закрыто", basis.closed_at],
        ],
        autofilter=False,
    )
    return write_workbook(sheet, about)
