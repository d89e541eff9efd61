"""The basis as an .xlsx for people: one row per line, sums as numbers, dates as dates."""

from datetime import date
from decimal import Decimal

from apps.core.xlsx import XLSX_CONTENT_TYPE, Column, Sheet, write_workbook

from . import onec
from .models import AllowanceBasis, AllowanceLine
from .periods import month_label

__all__ = ["COLUMNS", "XLSX_CONTENT_TYPE", "basis_workbook", "zup_file", "zup_rows"]

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


def _grounds(line: AllowanceLine) -> str:
    """«приказ № 12 от 01.09.2026; доп. соглашение …»: what the accrual rests on, for the 1С row."""
    if line.order_number is None:
        return line.agreement
    return f"приказ № {line.order_number} от {line.order_date:%d.%m.%Y}; {line.agreement}"


def zup_rows(lines: list[AllowanceLine]) -> list[onec.ZupRow]:
    """The basis's lines as rows of the 1С:ЗУП file: the sum already prorated (the PDF's sum), or the
    percentage. A line with no allowance set has nothing to accrue and is left out of the file (the PDF
    and the .xlsx still show it)."""
    return [
        onec.ZupRow(
            full_name=line.mentor_name,
            personnel_number=line.personnel_number,
            start=line.active_from,
            end=line.active_to,
            days=line.active_days,
            days_in_month=line.month_days,
            amount=line.amount_due,
            percent=None if line.amount_due is not None else Decimal(line.allowance_percent),
            basis=_grounds(line),
        )
        for line in lines
        if line.amount_due is not None or line.allowance_percent
    ]


def zup_file(*, basis: AllowanceBasis, lines: list[AllowanceLine]) -> tuple[bytes, str, str]:
    """(content, file name, content type) of the file 1С:ЗУП 3.1 loads (apps/allowances/onec.py)."""
    month = date(basis.year, basis.month, 1)
    return onec.render(zup_rows(lines), month=month, organization_name=basis.organization.full_name)
