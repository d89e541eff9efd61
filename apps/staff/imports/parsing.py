"""Cell parsing: names, dates, numbers, yes/no and choices as a spreadsheet writes them."""

from __future__ import annotations

import datetime as dt
import re

from ..models import Person
from .columns import normalize


class CellError(ValueError):
    """A cell that cannot be read: the message is Russian."""


def name_case(text: str) -> str:
    """«ИВАНОВА», «иванова» → «Иванова» (lists exported from accounting software shout); a name
    written with mixed case («Мак-Грегор», «ДиКаприо») is left as it is."""
    if text.isupper() or text.islower():
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), text)
    return text


_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
_RUSSIAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def parse_personnel_number(value) -> str:
    """The employee's code in 1С as text; a number cell («12») is read as its digits (Excel has already
    dropped any leading zeros: the check says so once for the file)."""
    if isinstance(value, bool | dt.date):
        raise CellError("нужен табельный номер, как в 1С, например 0000-00012.")
    return _text(value)


def is_number_cell(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse_date(value) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        raise CellError("в ячейке число, а нужна дата в виде ДД.ММ.ГГГГ.")
    text = str(value).strip().rstrip("г.").strip()
    match = _RUSSIAN_DATE.fullmatch(text)
    if match:  # the usual case, without strptime's cost
        day, month, year = map(int, match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass  # «31.02.1990»: the message below
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2}", text):
        raise CellError(f"«{text}»: укажите год четырьмя цифрами (ДД.ММ.ГГГГ).")
    raise CellError(f"«{text}» — не дата. Нужна дата в виде ДД.ММ.ГГГГ, например 14.03.1990.")


def parse_int(value, *, low: int, high: int) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError("нужно целое число.")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"«{value:g}»: нужно целое число.".replace(".", ","))
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"\d+", text):
            raise CellError(f"«{text}»: нужно целое число.")
        value = int(text)
    if not isinstance(value, int):
        raise CellError("нужно целое число.")
    if not low <= value <= high:
        raise CellError(f"«{value}»: допустимо от {low} до {high}.")
    return value


_YES = {"да", "д", "yes", "y", "1", "true", "истина", "+"}
_NO = {"нет", "н", "no", "n", "0", "false", "ложь", "-"}


def parse_bool(value, *, default: bool) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool):
        return value
    text = normalize(value)
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"«{_text(value)}»: напишите «да» или «нет».")


def _choice_lookup(choices, synonyms: dict[str, str]) -> dict[str, str]:
    lookup = {normalize(label): value for value, label in choices}
    lookup.update({normalize(value): value for value, _ in choices})
    lookup.update({normalize(k): v for k, v in synonyms.items()})
    return lookup


_SEX = _choice_lookup(Person.Sex.choices, {"ж": "f", "жен": "f", "м": "m", "муж": "m"})
_CATEGORY = _choice_lookup(
    Person.Category.choices,
    {
        "нет": "none",
        "без": "none",
        "сзд": "conformity",
        "соответствие": "conformity",
        "первая категория": "first",
        "1": "first",
        "высшая категория": "highest",
        "методист": "methodist",
        "наставник": "mentor",
    },
)
_EDUCATION = _choice_lookup(
    Person.EducationLevel.choices,
    {
        "во": "higher",
        "спо": "secondary_vocational",
        "среднее специальное": "secondary_vocational",
        "другое": "other",
    },
)


_PEDAGOGICAL = {"педагогическое": True, "непедагогическое": False, "не педагогическое": False}


def parse_education(value) -> tuple[str, bool | None]:
    """The level and whether it is pedagogical, from one cell: «высшее», «высшее педагогическое»,
    «среднее профессиональное, непедагогическое», or only «педагогическое» / «непедагогическое» (a school's
    own column «Образование: педагогическое / непедагогическое»). ``None``: the cell does not say."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "", None
    text = normalize(value).replace(",", " ")
    pedagogical = None
    for word, meaning in sorted(_PEDAGOGICAL.items(), key=lambda item: -len(item[0])):
        if re.search(rf"(^|\s){word}($|\s)", text):
            pedagogical, text = meaning, " ".join(re.sub(rf"(^|\s){word}($|\s)", " ", text).split())
            break
    if not text:
        return "", pedagogical
    return parse_choice(text, _EDUCATION, "уровень образования", ""), pedagogical


def parse_pedagogical(value, *, default: bool | None) -> bool:
    """The column «Педагогическое образование»: «да» / «нет», or «педагогическое» / «непедагогическое»;
    empty — what the level's cell said, otherwise yes."""
    if isinstance(value, str) and normalize(value).replace(",", " ").strip() in _PEDAGOGICAL:
        return _PEDAGOGICAL[normalize(value).replace(",", " ").strip()]
    return parse_bool(value, default=True if default is None else default)


def parse_choice(value, lookup: dict[str, str], what: str, default: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    found = lookup.get(normalize(value))
    if found is None:
        raise CellError(f"«{_text(value)}» — нет такого значения ({what}).")
    return found
