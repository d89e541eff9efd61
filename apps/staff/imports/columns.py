"""The columns of the import template, and how an uploaded header is read back into them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_ROWS = 10_000
DATA_SHEET = "Педагоги"
PROGRESS_EVERY = 250

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportColumn:
    key: str
    title: str
    width: float
    how: str
    example: object = ""
    required: bool = False
    aliases: tuple[str, ...] = ()


COLUMNS: list[ImportColumn] = [
    ImportColumn("last_name", "Фамилия", 18, "Обязательно. Буквы, дефис, пробел.", "Иванова", True),
    ImportColumn("first_name", "Имя", 14, "Обязательно.", "Мария", True),
    ImportColumn("patronymic", "Отчество", 18, "Если есть.", "Петровна"),
    ImportColumn("sex", "Пол", 8, "«ж» или «м». Нужен, чтобы верно склонять ФИО в приказах.", "ж"),
    ImportColumn(
        "birth_date",
        "Дата рождения",
        13,
        "ДД.ММ.ГГГГ. По фамилии, имени, отчеству и дате рождения ищутся повторы.",
        dt.date(1990, 3, 14),
    ),
    ImportColumn(
        "position",
        "Должность",
        30,
        "Наименование из листа «Должности» (номенклатура, ПП РФ № 225 от 21.02.2022).",
        "учитель",
    ),
    ImportColumn(
        "subjects",
        "Предметы / направления",
        30,
        "Через точку с запятой, названия из листа «Справочники».",
        "Математика; Информатика",
        aliases=("предметы", "предмет"),
    ),
    ImportColumn("total_experience_years", "Общий стаж, лет", 10, "Целое число полных лет.", 12),
    ImportColumn(
        "pedagogical_experience_years",
        "Педагогический стаж, лет",
        13,
        "Целое число полных лет; не больше общего стажа.",
        10,
        aliases=("пед. стаж", "педстаж"),
    ),
    ImportColumn(
        "qualification_category",
        "Квалификационная категория",
        22,
        "Из листа «Справочники»; пусто — без категории.",
        "первая",
        aliases=("категория",),
    ),
    ImportColumn(
        "category_date",
        "Дата присвоения категории",
        13,
        "ДД.ММ.ГГГГ, если есть категория.",
        dt.date(2023, 12, 20),
    ),
    ImportColumn(
        "education_level",
        "Уровень образования",
        18,
        "«высшее», «среднее профессиональное» или «иное».",
        "высшее",
        aliases=("образование",),
    ),
    ImportColumn(
        "education_pedagogical",
        "Педагогическое образование",
        14,
        "«да» или «нет»; пусто — да.",
        "да",
    ),
    ImportColumn(
        "education_institution",
        "Образовательная организация (окончил)",
        30,
        "Вуз или колледж, который окончил педагог.",
        "Сургутский государственный педагогический университет",
        aliases=("учебное заведение",),
    ),
    ImportColumn("education_year", "Год окончания", 10, "Четыре цифры.", 2012),
    ImportColumn(
        "hire_date",
        "Дата приёма на работу",
        13,
        "ДД.ММ.ГГГГ, не позже сегодняшнего дня.",
        dt.date(2014, 9, 1),
    ),
    ImportColumn(
        "email",
        "Электронная почта",
        26,
        "Адрес для приглашения в портал.",
        "ivanova@school7.ru",
        aliases=("e-mail", "email", "почта"),
    ),
    ImportColumn("phone", "Телефон", 18, "Цифрами, например +7 912 345-67-89.", "+7 912 345-67-89"),
    ImportColumn(
        "is_external",
        "Внешний участник",
        11,
        "«да» для наставника из вуза, колледжа или организации-партнёра; пусто — нет.",
        "нет",
    ),
    ImportColumn(
        "external_organization",
        "Место работы внешнего участника",
        26,
        "Обязательно, если «Внешний участник» — да.",
        "",
    ),
]
# Columns read from an upload: the template's and as many again for columns a curator moved or added
# for notes (reported as «не из шаблона»); cells further right are never read, whatever the file holds.
READ_COLUMNS = 2 * len(COLUMNS)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
# Messages of Person.full_clean() are keyed by model field: show them under the column's title.
FIELD_TITLES = {c.key: c.title for c in COLUMNS}
PREVIEW_KEYS = ("position", "subjects", "qualification_category", "email", "phone")


def normalize(text: str) -> str:
    """Case, ё/е, quotes and spacing do not matter when names are compared."""
    text = str(text).lower().replace("ё", "е").replace("«", "").replace("»", "").replace('"', "")
    return " ".join(text.split()).strip(" .;,")


def _header_key(title) -> str:
    text = normalize(title or "").replace("*", "")
    return " ".join(re.sub(r"\(.*?\)", " ", text).split())


_HEADER_LOOKUP: dict[str, str] = {}
for _c in COLUMNS:
    for _name in (_c.title, *_c.aliases):
        _HEADER_LOOKUP[_header_key(_name)] = _c.key
