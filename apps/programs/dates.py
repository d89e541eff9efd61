"""Calendar arithmetic for program lengths: the 3–12 months rule lives in ``check_length``."""

import re
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


# A bank program's texts are written for some school year (seed 004: «2022-2023», «(сентябрь,
# октябрь)»); a program made from it gets the dates of its own term instead.
_YEARS = re.compile(r"\b(20\d\d)\s*[-–—/]\s*(20\d\d)\b(?:\s*(?:учебн[а-я]*\s+год[а-я]*|уч\.\s*г(?:од|\.)?))?")
MONTHS = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b(?!\s*\d{4})", re.IGNORECASE)


def fit_to_term(text: str, start: date, end: date) -> str:
    """A bank text with the dates of this program's term.

    A school year («2022-2023», «2022/2023 учебный год») becomes the term «01.10.2026 – 30.06.2027»;
    a month named as in a school year that starts in September («сентябрь», «октябрь») becomes the
    month at the same distance from the program's start, with its year («октябрь 2026»)."""
    if not text:
        return text

    def years(match: re.Match) -> str:
        first, second = int(match.group(1)), int(match.group(2))
        if second != first + 1:
            return match.group(0)
        return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"

    def month(match: re.Match) -> str:
        word = match.group(1)
        distance = (MONTHS.index(word.lower()) - 8) % 12  # months since September
        day = add_months(start.replace(day=1), distance)
        name = MONTHS[day.month - 1]
        return f"{name.capitalize() if word[0].isupper() else name} {day.year}"

    return _MONTH.sub(month, _YEARS.sub(years, text))
