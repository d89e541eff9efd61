"""Import of the staff registry from an Excel workbook: the template, the row-by-row check, the import.

The check turns each row into a ``Person`` and runs the registry's own rules (``Person.full_clean``,
the same as the form), adding only what a spreadsheet brings: parsing of dates, numbers and
yes/no cells, names of positions and subjects (with the closest name suggested), and duplicates
within the file and against the registry, found in one query for the whole file. The import saves
every row or none, in one transaction, with ``bulk_create``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import rules
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from pytrovich.enums import Gender

from apps.accounts.rules import is_org_manager
from apps.core.exceptions import DomainError
from apps.core.names import decline_full_name, detect_gender
from apps.core.xlsx import Column, Sheet, xlsx_response
from apps.organizations.models import Organization

from .fields import IMPORT_COLUMNS, PersonField
from .models import Person, Position, Subject

# Who may import into an organisation: its curator and director. Registered here, beside the
# import it guards; templates ask {% has_perm "staff.import_people" user organization %}.
rules.set_perm("staff.import_people", is_org_manager)

MAX_ROWS = 10_000
DATA_SHEET = "Педагоги"
PROGRESS_EVERY = 250

Progress = Callable[[str, int, int], None]


# The template's columns: the registry entry's fields (apps/staff/fields.py) that are imported.
COLUMNS: list[PersonField] = list(IMPORT_COLUMNS)
# Columns read from an upload: the template's and as many again for columns a curator moved or added
# for notes (reported as «не из шаблона»); cells further right are never read, whatever the file holds.
READ_COLUMNS = 2 * len(COLUMNS)
# Messages of Person.full_clean() are keyed by model field: show them under the column's title.
FIELD_TITLES = {c.key: c.title for c in COLUMNS}


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


# Cell parsing ------------------------------------------------------------------------------------


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


def parse_choice(value, lookup: dict[str, str], what: str, default: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    found = lookup.get(normalize(value))
    if found is None:
        raise CellError(f"«{_text(value)}» — нет такого значения ({what}).")
    return found


class Directory:
    """Positions or subjects by normalised name, with the closest name suggested for a typo.

    ``prefix_hint``: for a value that starts with a known name and goes on («учитель математики»),
    suggest that name and add this hint (where the rest belongs).
    """

    def __init__(self, objects: Iterable, what: str, prefix_hint: str = ""):
        self.what = what
        self.prefix_hint = prefix_hint
        self.by_key = {normalize(o.name): o for o in objects}
        self._keys = list(self.by_key)
        self._suggestions: dict[str, str] = {}

    def _suggest(self, key: str) -> str:
        if self.prefix_hint:
            starts = [k for k in self._keys if key.startswith(k + " ")]
            if starts:
                return f" Возможно, «{self.by_key[max(starts, key=len)].name}» ({self.prefix_hint})."
        close = difflib.get_close_matches(key, self._keys, n=1, cutoff=0.6)
        return f" Возможно, «{self.by_key[close[0]].name}»." if close else ""

    def get(self, name: str):
        key = normalize(name)
        found = self.by_key.get(key)
        if found is not None:
            return found
        if key not in self._suggestions:
            self._suggestions[key] = self._suggest(key)
        raise CellError(f"«{_text(name)}» нет в справочнике ({self.what}).{self._suggestions[key]}")


# The check ---------------------------------------------------------------------------------------

# Fields whose cells were parsed strictly above (types, ranges, choices) or that the import fills
# itself: Model.clean_fields() need not look at them again. Model.clean() still sees every field.
_NOT_FIELD_CLEANED = frozenset(
    {
        "id",
        "organization",
        "user",
        "position",
        "sex",
        "birth_date",
        "category_date",
        "hire_date",
        "left_on",
        "total_experience_years",
        "pedagogical_experience_years",
        "education_year",
        "education_pedagogical",
        "is_external",
        "qualification_category",
        "education_level",
        "name_genitive",
        "name_dative",
        "name_accusative",
        "search_name",
        "created_at",
        "updated_at",
    }
)


@dataclass
class RowCheck:
    """One row of the file: what was read, and what is wrong with it (Russian messages)."""

    number: int  # the row's number in Excel
    full_name: str
    birth_date: str
    shown: dict[str, str]
    errors: list[str] = field(default_factory=list)
    data: dict | None = None  # the Person's field values once the row is valid (JSON-friendly)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ImportCheck:
    organization_id: int
    file_name: str
    rows: list[RowCheck]
    file_errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and all(r.is_valid for r in self.rows)

    @property
    def invalid_rows(self) -> list[RowCheck]:
        return [r for r in self.rows if r.errors]

    def to_dict(self) -> dict:
        # vars() rather than dataclasses.asdict(): no deep copy of 5,000 rows' data.
        return {**vars(self), "rows": [vars(row) for row in self.rows]}

    @classmethod
    def from_dict(cls, data: dict) -> ImportCheck:
        rows = [RowCheck(**r) for r in data.pop("rows")]
        return cls(rows=rows, **data)


def _field_error(errors: list[str], key: str, message: str) -> None:
    errors.append(f"{FIELD_TITLES.get(key, key)}: {message}")


def _identity(last_name: str, first_name: str, patronymic: str) -> str:
    """The value of ``Person.search_name`` (a missing patronymic leaves a trailing space)."""
    return f"{last_name} {first_name} {patronymic or ''}".lower().replace("ё", "е")


def _read_header(header: tuple) -> tuple[dict[int, str], list[str], list[str]]:
    """Column index → key; file errors (missing required columns); notices (ignored columns)."""
    index: dict[int, str] = {}
    notices: list[str] = []
    for i, title in enumerate(header):
        if title is None or not str(title).strip():
            continue
        key = _HEADER_LOOKUP.get(_header_key(title))
        if key is None:
            notices.append(f"Столбец «{_text(title)}» не из шаблона: он не загружается.")
        elif key in index.values():
            notices.append(f"Столбец «{_text(title)}» повторяется: загружается первый из них.")
        else:
            index[i] = key
    errors = [
        f"В первой строке нет столбца «{c.title}». Скачайте шаблон и не меняйте заголовки."
        for c in COLUMNS
        if c.required and c.key not in index.values()
    ]
    return index, errors, notices


def people_import_check(
    *, organization: Organization, rows: list[tuple], file_name: str = "", progress: Progress | None = None
) -> ImportCheck:
    """Check every row of the file (``rows[0]`` is the header). Saves nothing."""
    if not rows:
        return ImportCheck(organization.pk, file_name, [], ["Файл пустой: в нём нет даже заголовков."])
    index, file_errors, notices = _read_header(rows[0])
    check = ImportCheck(organization.pk, file_name, [], file_errors, notices)
    if file_errors:
        return check

    positions = Directory(
        Position.objects.all(), "должности", prefix_hint="предмет укажите в столбце «Предметы / направления»"
    )
    subjects = Directory(Subject.objects.all(), "предметы и направления")
    today = timezone.localdate()
    body = [(n, row) for n, row in enumerate(rows[1:], start=2) if any(_text(v) for v in row)]
    if not body:
        check.file_errors.append("В файле нет ни одной заполненной строки под заголовками.")
        return check
    total = len(body)
    people: list[tuple[RowCheck, Person]] = []

    for done, (number, raw) in enumerate(body, start=1):
        cells = {key: raw[i] if i < len(raw) else None for i, key in index.items()}
        errors: list[str] = []
        values: dict = {}
        bad: set[str] = set()

        def read(key, parser, errors=errors, bad=bad, cells=cells):
            try:
                return parser(cells.get(key))
            except CellError as error:
                _field_error(errors, key, str(error))
                bad.add(key)
                return None

        for key in ("last_name", "first_name", "patronymic"):
            values[key] = name_case(_text(cells.get(key)))
        for key in ("education_institution", "external_organization", "phone", "email"):
            values[key] = _text(cells.get(key))
        for key, what in (("last_name", "фамилия"), ("first_name", "имя")):
            if not values[key]:
                errors.append(f"Не указано: {what}.")
                bad.add(key)
        values["sex"] = read("sex", lambda v: parse_choice(v, _SEX, "пол: «ж» или «м»", ""))
        for key in ("birth_date", "category_date", "hire_date"):
            values[key] = read(key, parse_date)
        for key in ("total_experience_years", "pedagogical_experience_years"):
            values[key] = read(key, lambda v: parse_int(v, low=0, high=80))
        values["education_year"] = read(
            "education_year", lambda v: parse_int(v, low=1940, high=today.year + 1)
        )
        values["qualification_category"] = read(
            "qualification_category",
            lambda v: parse_choice(v, _CATEGORY, "квалификационная категория", Person.Category.NONE),
        )
        values["education_level"] = read(
            "education_level", lambda v: parse_choice(v, _EDUCATION, "уровень образования", "")
        )
        values["education_pedagogical"] = read("education_pedagogical", lambda v: parse_bool(v, default=True))
        values["is_external"] = read("is_external", lambda v: parse_bool(v, default=False))

        position_name = _text(cells.get("position"))
        position = read("position", lambda v: positions.get(v) if _text(v) else None)
        subject_ids: list[int] = []
        raw_subjects = cells.get("subjects")
        raw_subjects = "" if raw_subjects is None else str(raw_subjects)
        subject_names = [_text(s) for s in re.split(r"[;\n]+", raw_subjects) if s.strip()]
        for name in subject_names:
            try:
                subject_ids.append(subjects.get(name).pk)
            except CellError as error:
                _field_error(errors, "subjects", str(error))
                bad.add("subjects")

        person = Person(
            **{k: v for k, v in values.items() if k not in bad and v is not None},
            position=position,
        )
        # The registry's own rules (the same as the form's). The organisation is left unset here
        # so that clean() skips its per-row duplicate query: duplicates are found below, in bulk.
        try:
            person.full_clean(
                exclude=_NOT_FIELD_CLEANED | bad, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                if key in bad:
                    continue
                for message in messages:
                    if key in ("last_name", "first_name") and not values.get(key):
                        continue  # already said: «Не указано: фамилия.»
                    _field_error(errors, key, message)

        shown = {
            "position": position.name if position else position_name,
            "subjects": "; ".join(subject_names),
            "qualification_category": dict(Person.Category.choices).get(
                values.get("qualification_category") or "", _text(cells.get("qualification_category"))
            ),
            "email": values.get("email", ""),
            "phone": values.get("phone", ""),
        }
        birth = values.get("birth_date")
        row = RowCheck(
            number=number,
            full_name=" ".join(p for p in (person.last_name, person.first_name, person.patronymic) if p)
            or "(без имени)",
            birth_date=birth.strftime("%d.%m.%Y") if birth else _text(cells.get("birth_date")),
            shown=shown,
            errors=errors,
        )
        if not errors:
            row.data = _person_data(person, subject_ids)
        check.rows.append(row)
        people.append((row, person))
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress("check", done, total)

    keys: dict[tuple, list[RowCheck]] = {}
    for row, person in people:
        if person.last_name and person.first_name:
            key = (_identity(person.last_name, person.first_name, person.patronymic), person.birth_date)
            keys.setdefault(key, []).append(row)
    _duplicates_in_file(keys)
    _duplicates_in_registry(organization, keys)
    for row, _person in people:
        if row.errors:
            row.data = None
    return check


def _duplicates_in_file(keys: dict[tuple, list[RowCheck]]) -> None:
    """Surname + name + patronymic (case and ё/е ignored) + birth date: once in the file."""
    for rows in keys.values():
        for row in rows[1:]:
            row.errors.append(f"Повтор: этот педагог уже есть в строке {rows[0].number} файла.")


def _duplicates_in_registry(organization: Organization, keys: dict[tuple, list[RowCheck]]) -> int:
    """The same key already in the organisation's registry: one query for the whole file.
    Returns how many rows got the error."""
    if not keys:
        return 0
    found = 0
    existing = Person.objects.filter(
        organization=organization, search_name__in={name for name, _ in keys}
    ).values_list("search_name", "birth_date", "last_name", "first_name", "patronymic")
    for search_name, birth_date, *name in existing:
        for row in keys.get((search_name, birth_date), ()):
            born = f" ({birth_date:%d.%m.%Y} г. р.)" if birth_date else ""
            full_name = " ".join(p for p in name if p)
            row.errors.append(f"Уже есть в реестре организации: {full_name}{born}.")
            found += 1
    return found


# What a row's person is compared by (the imported columns; position and subjects by their ids).
_DATA_FIELDS = tuple(c.key for c in COLUMNS if c.key not in ("position", "subjects"))
_DATE_FIELDS = ("birth_date", "category_date", "hire_date")


def _person_data(person: Person, subject_ids: list[int]) -> dict:
    data = {name: getattr(person, name) for name in _DATA_FIELDS}
    for name in _DATE_FIELDS:
        data[name] = data[name].isoformat() if data[name] else None
    data["position_id"] = person.position_id
    data["subject_ids"] = sorted(set(subject_ids))
    return data


_CASES = ("genitive", "dative", "accusative")


@lru_cache(maxsize=50_000)
def _declined_part(position: int, value: str, sex: str, case: str) -> str:
    """One part of a name in one case; names repeat a lot (Мария, Петровна), so this is cached."""
    parts = ["", "", ""]
    parts[position] = value
    return decline_full_name(*parts, case, sex)


def _declined(last_name: str, first_name: str, patronymic: str, sex: str) -> tuple[str, ...]:
    """The full name in the genitive, dative and accusative, part by part once the sex is known
    (from the row, else guessed from the name and patronymic as decline_full_name would)."""
    if not sex:
        sex = {Gender.FEMALE: "f", Gender.MALE: "m"}.get(detect_gender(first_name, patronymic), "")
    if not sex:  # pytrovich cannot tell: let it decline the whole name its own way
        return tuple(decline_full_name(last_name, first_name, patronymic, case) for case in _CASES)
    return tuple(
        " ".join(
            p
            for p in (
                _declined_part(0, last_name, sex, case),
                _declined_part(1, first_name, sex, case),
                _declined_part(2, patronymic, sex, case),
            )
            if p
        )
        for case in _CASES
    )


# The import --------------------------------------------------------------------------------------


@transaction.atomic
def people_import(
    *, organization: Organization, check: ImportCheck, progress: Progress | None = None
) -> list[Person]:
    """Save every row of a valid check into the organisation's registry, or nothing at all."""
    if check.organization_id != organization.pk:
        raise DomainError("Файл проверялся для другой организации: загрузите его заново.")
    if not check.is_valid:
        raise DomainError("В файле есть ошибки: исправьте их и загрузите файл снова. Ничего не сохранено.")
    # The registry may have changed since the check: look again (the rows get the errors).
    keys: dict[tuple, list[RowCheck]] = {}
    for row in check.rows:
        data = row.data
        birth_date = dt.date.fromisoformat(data["birth_date"]) if data["birth_date"] else None
        keys.setdefault(
            (_identity(data["last_name"], data["first_name"], data["patronymic"]), birth_date), []
        ).append(row)
    if _duplicates_in_registry(organization, keys):
        for row in check.rows:
            if row.errors:
                row.data = None
        raise DomainError(
            "Пока файл ждал подтверждения, в реестр добавили кого-то из этих педагогов. "
            "Ничего не сохранено: строки с повторами отмечены ниже."
        )
    people: list[Person] = []
    subject_links: list[tuple[int, list[int]]] = []
    total = len(check.rows)
    for done, row in enumerate(check.rows, start=1):
        data = dict(row.data)
        subject_ids = data.pop("subject_ids")
        for name in _DATE_FIELDS:
            data[name] = dt.date.fromisoformat(data[name]) if data[name] else None
        genitive, dative, accusative = _declined(
            data["last_name"], data["first_name"], data["patronymic"], data["sex"]
        )
        people.append(
            Person(
                organization=organization,
                name_genitive=genitive,
                name_dative=dative,
                name_accusative=accusative,
                **data,
            )
        )
        subject_links.append((len(people) - 1, subject_ids))
        if progress and done % (PROGRESS_EVERY * 4) == 0:
            progress("import", done, total)
    try:
        with transaction.atomic():
            Person.objects.bulk_create(people, batch_size=1000)
    except IntegrityError as error:
        # Someone added the same person between the check and the import.
        raise DomainError(
            "Пока файл проверялся, в реестр добавили кого-то из этих педагогов. Проверьте файл ещё раз."
        ) from error
    through = Person.subjects.through
    links = [
        through(person_id=people[i].pk, subject_id=subject_id)
        for i, subject_ids in subject_links
        for subject_id in subject_ids
    ]
    through.objects.bulk_create(links, batch_size=5000)
    if progress:
        progress("import", total, total)
    return people


# The template ------------------------------------------------------------------------------------


def template_xlsx() -> HttpResponse:
    """The workbook to fill: «Педагоги» (headers, drop-downs), «Пояснения» (every column and an
    example row), «Должности» and «Справочники» (the names the import accepts)."""
    positions = list(Position.objects.order_by("sort_order", "name").values_list("name", "section"))
    sections = dict(Position.Section.choices)
    subject_names = list(Subject.objects.order_by("sort_order", "name").values_list("name", flat=True))
    categories = [label for _, label in Person.Category.choices]
    levels = [label for _, label in Person.EducationLevel.choices]
    lists = max(len(subject_names), len(categories), len(levels), 2)

    def column_range(sheet: str, letter: str, count: int) -> str:
        return f"'{sheet}'!${letter}$2:${letter}${max(count, 1) + 1}"

    col = {c.key: i for i, c in enumerate(COLUMNS)}
    validations = {
        col["sex"]: ('"ж,м"', "ж — женский, м — мужской"),
        col["position"]: (column_range("Должности", "A", len(positions)), "Должность из номенклатуры"),
        col["qualification_category"]: (column_range("Справочники", "B", len(categories)), "Категория"),
        col["education_level"]: (column_range("Справочники", "C", len(levels)), "Уровень образования"),
        col["education_pedagogical"]: ('"да,нет"', "Педагогическое ли образование"),
        col["is_external"]: ('"да,нет"', "Наставник из другой организации?"),
    }
    data_sheet = Sheet(
        title=DATA_SHEET,
        columns=[Column(f"{c.title}*" if c.required else c.title, c.width, wrap=True) for c in COLUMNS],
        rows=[],
        validations=validations,
        validation_rows=MAX_ROWS,
    )
    explanations = Sheet(
        title="Пояснения",
        columns=[
            Column("Столбец", 34),
            Column("Обязательный", 13),
            Column("Как заполнять", 70, wrap=True),
            Column("Пример", 30),
        ],
        rows=[
            *[(c.title, "да" if c.required else "", c.how, c.example) for c in COLUMNS],
            (),
            (
                "Как загрузить",
                "",
                "Заполните лист «Педагоги» со второй строки, по одному педагогу в строке. "
                "Заголовки не меняйте. Загрузите файл: портал покажет каждую строку с ошибками, и ничего "
                "не сохранит, пока в файле есть хоть одна ошибка.",
                "",
            ),
            (
                "Повторы",
                "",
                "Педагог с теми же фамилией, именем, отчеством и датой рождения не "
                "загружается второй раз: ни из того же файла, ни если он уже есть в реестре.",
                "",
            ),
            (
                "Согласие на обработку ПДн",
                "",
                "Загрузка вносит педагогов в реестр. Согласие на обработку "
                "персональных данных оформляется в карточке педагога: без него педагог не попадёт в банки, "
                "пары и приказы.",
                "",
            ),
            ("Пример", "", "Заполненная строка — на листе «Пример строки».", ""),
        ],
        autofilter=False,
    )
    example = Sheet(
        title="Пример строки",
        columns=[Column(c.title, c.width) for c in COLUMNS],
        rows=[[c.example for c in COLUMNS]],
        autofilter=False,
    )
    positions_sheet = Sheet(
        title="Должности",
        columns=[Column("Должность", 60), Column("Раздел номенклатуры", 60)],
        rows=[(name, sections.get(section, section)) for name, section in positions],
    )
    directories = Sheet(
        title="Справочники",
        columns=[
            Column("Предметы / направления", 45),
            Column("Квалификационная категория", 32),
            Column("Уровень образования", 28),
        ],
        rows=[
            (
                subject_names[i] if i < len(subject_names) else None,
                categories[i] if i < len(categories) else None,
                levels[i] if i < len(levels) else None,
            )
            for i in range(lists)
        ],
        autofilter=False,
    )
    return xlsx_response(
        "Шаблон загрузки педагогов.xlsx", data_sheet, explanations, example, positions_sheet, directories
    )
