"""Calendar arithmetic for program lengths: the 3–12 months rule lives in ``check_length``."""

from datetime import date, timedelta

from apps.core.dates import add_months
from apps.core.exceptions import DomainError

MIN_MONTHS = 3
MAX_MONTHS = 12


def check_length(start: date | None, end: date | None, *, field: str = "end") -> None:
    """A program lasts from 3 to 12 months (seed 001 §7, issue 5), extensions included.

    01.10.2026–31.12.2026 is three months; 01.10.2026–01.10.2027 is twelve."""
    if start is None or end is None:
        raise DomainError("Укажите даты начала и окончания программы.", field=field)
    if end <= start:
        raise DomainError("Дата окончания программы должна быть позже даты начала.", field=field)
    if end < add_months(start, MIN_MONTHS) - timedelta(days=1):
        raise DomainError(
            "Программа наставничества реализуется не менее 3 месяцев: "
            f"окончание не раньше {add_months(start, MIN_MONTHS) - timedelta(days=1):%d.%m.%Y}.",
            field=field,
        )
    if end > add_months(start, MAX_MONTHS):
        raise DomainError(
            "Программа наставничества реализуется не более 12 месяцев (с учётом продлений): "
            f"окончание не позже {add_months(start, MAX_MONTHS):%d.%m.%Y}.",
            field=field,
        )
