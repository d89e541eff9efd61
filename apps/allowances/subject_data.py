"""The allowances' section of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: the lines of the monthly bases where the person is the
mentor (the personnel number and the sum frozen on each line). The school processes them as the
employer, without the consent (152-ФЗ art. 6 p. 1 items 2 and 5), and keeps a signed basis after a
withdrawal; the person is told about them all the same."""

from apps.staff.subject_data import Section, table

from .models import AllowanceLine


def _allowance_lines(person) -> Section:
    lines = (
        AllowanceLine.objects.filter(group__mentor__person=person)
        .select_related("basis")
        .order_by("basis__year", "basis__month", "basis_id", "position")
    )
    return table(
        "Доплата за наставничество",
        "строки оснований для начисления доплаты за наставничество (субъект — наставник)",
        lines,
        [
            ("Основание", lambda line: str(line.basis)),
            ("Статус основания", lambda line: line.basis.get_status_display()),
            ("Табельный номер", "personnel_number"),
            ("Наставляемые", "mentees"),
            ("Дней работы в месяце", "active_days"),
            ("Доплата, руб. в месяц", "allowance_amount"),
            ("Доплата, % оклада", "allowance_percent"),
            ("Сумма за месяц, руб.", "amount_due"),
        ],
        (30, 18, 16, 40, 14, 16, 14, 16),
    )


def sections(*, person) -> list[Section]:
    return [_allowance_lines(person)]
