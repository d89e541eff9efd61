"""The check of an uploaded workbook, row by row: each row becomes a ``Person`` run through the
registry's own rules, duplicates are found within the file and against the registry in one query."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.russian import short_name_in
from apps.core.xlsx_reader import Formula
from apps.organizations.models import Organization

from ..models import Person, Position, Subject
from .columns import _HEADER_LOOKUP, COLUMNS, FIELD_TITLES, PROGRESS_EVERY, Progress, _header_key
from .matching import Directory
from .parsing import (
    _CATEGORY,
    _SEX,
    CellError,
    _text,
    is_number_cell,
    name_case,
    parse_bool,
    parse_choice,
    parse_date,
    parse_education,
    parse_int,
    parse_pedagogical,
    parse_personnel_number,
)

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
    # The update mode (``ImportCheck.update``): what the row does to the registry.
    status: str = ""  # NEW, UPDATE or SAME (the person is in the registry with the same values)
    person_id: int | None = None  # the person the row updates
    state: str = ""  # the token of that person's values when the file was checked
    changes: list[dict] = field(default_factory=list)  # {"label", "was", "now"}, in Russian
    notes: list[str] = field(default_factory=list)  # what the curator should know (a namesake)
    match_key: list = field(default_factory=list)  # [search_name, ISO date of birth or None]

    NEW = "new"
    UPDATE = "update"
    SAME = "same"

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
    update: bool = False  # people already in the registry are updated instead of refused
    user_id: int | None = None  # who checked the file: only they may import it

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and all(r.is_valid for r in self.rows)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.is_valid and r.status == status)

    @property
    def has_work(self) -> bool:
        """Something to save: a new person, or a change of one already in the registry."""
        return not self.update or any(r.status in (RowCheck.NEW, RowCheck.UPDATE) for r in self.rows)

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
    *,
    organization: Organization,
    rows: list[tuple],
    file_name: str = "",
    progress: Progress | None = None,
    update: bool = False,
    user_id: int | None = None,
) -> ImportCheck:
    """Check every row of the file (``rows[0]`` is the header). Saves nothing.

    ``update``: a row of a person already in the registry (full name, case and ё/е ignored, and the
    date of birth) updates that person's entry with the file's non-empty cells instead of being
    refused; the row's model rules are then checked on the entry as it would become."""
    if not rows:
        return ImportCheck(
            organization.pk,
            file_name,
            [],
            ["Файл пустой: в нём нет даже заголовков."],
            update=update,
            user_id=user_id,
        )
    index, file_errors, notices = _read_header(rows[0])
    check = ImportCheck(organization.pk, file_name, [], file_errors, notices, update=update, user_id=user_id)
    if file_errors:
        return check

    positions = Directory(
        Position.objects.all(), "должности", prefix_hint="предмет укажите в столбце «Предметы и направления»"
    )
    subjects = Directory(Subject.objects.all(), "предметы и направления")
    today = timezone.localdate()
    body = [(n, row) for n, row in enumerate(rows[1:], start=2) if any(_text(v) for v in row)]
    if not body:
        check.file_errors.append("В файле нет ни одной заполненной строки под заголовками.")
        return check
    total = len(body)
    people: list[tuple[RowCheck, Person]] = []
    parsed: list[ParsedRow] = []
    numbers_as_numbers = False

    for done, (number, raw) in enumerate(body, start=1):
        cells = {key: raw[i] if i < len(raw) else None for i, key in index.items()}
        errors: list[str] = []
        values: dict = {}
        bad: set[str] = set()

        for key, value in cells.items():
            if isinstance(value, Formula):
                _field_error(
                    errors,
                    key,
                    f"в ячейке формула «{_text(value)[:60]}», а её значение в файле не сохранено. "
                    "Вставьте в ячейку само значение (в Excel: «Копировать», затем «Вставить значения»).",
                )
                bad.add(key)
                cells[key] = None
        given = {key for key, value in cells.items() if _text(value)}

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
            if not values[key] and key not in bad:
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
        level, said_pedagogical = read("education_level", parse_education) or ("", None)
        values["education_level"] = level if "education_level" not in bad else None
        values["education_pedagogical"] = read(
            "education_pedagogical", lambda v, said=said_pedagogical: parse_pedagogical(v, default=said)
        )
        values["is_external"] = read("is_external", lambda v: parse_bool(v, default=False))
        values["personnel_number"] = read("personnel_number", parse_personnel_number)
        numbers_as_numbers = numbers_as_numbers or is_number_cell(cells.get("personnel_number"))

        position_name = _text(cells.get("position"))
        position = read("position", lambda v: positions.get(v) if _text(v) else None)
        subject_ids: list[int] = []
        raw_subjects = cells.get("subjects")
        raw_subjects = "" if raw_subjects is None else str(raw_subjects)
        subject_names = [_text(s) for s in re.split(r"[;\n]+", raw_subjects) if s.strip()]
        found_subjects: list[str] = []
        for name in subject_names:
            try:
                subject = subjects.get(name)
            except CellError as error:
                _field_error(errors, "subjects", str(error))
                bad.add("subjects")
            else:
                subject_ids.append(subject.pk)
                found_subjects.append(subject.name)

        person = Person(
            **{k: v for k, v in values.items() if k not in bad and v is not None},
            position=position,
        )
        if not level:
            given.discard("education_level")  # «педагогическое» alone says nothing of the level
        if said_pedagogical is not None:
            given.add("education_pedagogical")
        if update:
            # The rules are checked once the row is matched: on the entry as it would become.
            parsed.append(ParsedRow(person, values, bad, given, subject_ids, found_subjects))
        else:
            errors.extend(model_errors(person, values, bad))

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
        if not errors and not update:
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
            row.match_key = [key[0], key[1].isoformat() if key[1] else None]
    _duplicates_in_file(keys)
    if update:
        from .updating import match_registry

        match_registry(organization, [(row, p) for (row, _), p in zip(people, parsed, strict=True)], keys)
    else:
        _duplicates_in_registry(organization, keys)
    numbers: dict[str, list[RowCheck]] = {}
    for (row, person), items in zip(people, parsed or [None] * len(people), strict=True):
        if update and (items is None or "personnel_number" not in items.given - items.bad):
            continue  # an empty cell of the update mode leaves the registry's number as it is
        if person.personnel_number:
            numbers.setdefault(person.personnel_number, []).append(row)
    _personnel_numbers_in_file(numbers)
    personnel_numbers_in_registry(organization, numbers)
    if numbers_as_numbers:
        check.notices.append(
            "В столбце «Табельный номер» есть ячейки с числами: Excel убирает нули в начале номера "
            "(000123 становится 123). Если в 1С номера с нулями впереди, задайте столбцу текстовый "
            "формат и введите номера заново."
        )
    for row, _person in people:
        if row.errors:
            row.data = None
    return check


@dataclass
class ParsedRow:
    """A row read in the update mode, waiting for its match in the registry."""

    person: Person  # the row alone (empty cells at the model's defaults)
    values: dict
    bad: set[str]  # the cells that could not be read
    given: set[str]  # the cells that are not empty
    subject_ids: list[int]
    subject_names: list[str]  # the directory's names of ``subject_ids``


def model_errors(person: Person, values: dict, bad: set[str]) -> list[str]:
    """The registry's own rules (the same as the form's), keyed by the column's title. The
    organisation must be left unset so that clean() skips its per-row duplicate query: duplicates
    are found in bulk."""
    errors: list[str] = []
    try:
        person.full_clean(exclude=_NOT_FIELD_CLEANED | bad, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            if key in bad:
                continue
            for message in messages:
                if key in ("last_name", "first_name") and not values.get(key):
                    continue  # already said: «Не указано: фамилия.»
                _field_error(errors, key, message)
    return errors


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


def _personnel_numbers_in_file(numbers: dict[str, list[RowCheck]]) -> None:
    """1С finds an employee by the personnel number: once in the file."""
    for number, rows in numbers.items():
        for row in rows[1:]:
            _field_error(
                row.errors, "personnel_number", f"{number} уже указан в строке {rows[0].number} файла."
            )


def personnel_numbers_in_registry(organization: Organization, numbers: dict[str, list[RowCheck]]) -> int:
    """A row's personnel number held by another person of the organisation (not the one the row
    updates): one query for the whole file. Returns how many rows got the error."""
    if not numbers:
        return 0
    found = 0
    holders = Person.objects.filter(organization=organization, personnel_number__in=numbers).only(
        "personnel_number", "last_name", "first_name", "patronymic", "sex", "name_genitive"
    )
    for holder in holders:
        for row in numbers[holder.personnel_number]:
            if row.person_id != holder.pk:
                _field_error(
                    row.errors,
                    "personnel_number",
                    f"{holder.personnel_number} уже указан у {short_name_in(holder, 'genitive')} "
                    "в реестре организации.",
                )
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
