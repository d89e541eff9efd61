"""The update mode of the import: rows of people already in the registry change their entries.

A row is the same person as a registry entry when the full name (case and ё/е ignored) and the date
of birth are the same — the registry's own rule of duplicates. The candidates of the whole file are
read in one query (and their subjects in a second one), whatever the number of rows. An empty cell
changes nothing: only the cells the file fills are compared and written. The name and the date of
birth are what a row is matched by, so the import never changes them.

Each matched row keeps a token of the entry's values as they were checked; the import compares it
with the entry under the row lock and refuses the whole file when someone changed the entry since.
"""

from __future__ import annotations

import copy
import datetime as dt

from django.db.models import QuerySet

from apps.core import locking
from apps.organizations.models import Organization

from ..models import Person
from .check import ParsedRow, RowCheck, _identity, _person_data, model_errors
from .columns import COLUMNS

# What a row is matched by: never changed by the import.
KEY_FIELDS = frozenset({"last_name", "first_name", "patronymic", "birth_date"})
# What the import may change, in the template's order (position and subjects included).
UPDATED_FIELDS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.key not in KEY_FIELDS)
# Cells a JSON check stores as ISO dates.
DATE_FIELDS = frozenset({"category_date", "hire_date"})

EMPTY_CELL_NOTICE = "Пустая ячейка не меняет сведения: в реестре остаётся то, что там записано."


def label(name: str) -> str:
    """«Квалификационная категория»: the model's verbose name, capitalised."""
    text = str(Person._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def comparable(person: Person, subject_names) -> dict[str, str]:
    """{field: the value as a person reads it} of the fields the import may change."""
    values: dict[str, str] = {}
    for name in UPDATED_FIELDS:
        if name == "subjects":
            values[name] = "; ".join(sorted(subject_names))
            continue
        field = Person._meta.get_field(name)
        value = getattr(person, name)
        if field.choices and value not in (None, ""):
            value = dict(field.flatchoices).get(value, value)
        values[name] = locking.shown(value)
    return values


def state_token(person: Person) -> str:
    """The token of an entry's values (its subjects prefetched): what the preview was computed on."""
    return locking.state_token(comparable(person, [s.name for s in person.subjects.all()]))


def candidates(organization: Organization, names: set[str], *, lock: bool = False) -> dict[str, list[Person]]:
    """The organisation's people with these ``search_name`` values, by name: one query for the
    people and one for their subjects. ``lock``: the rows are locked until the transaction ends."""
    qs: QuerySet[Person] = Person.objects.filter(organization=organization, search_name__in=names)
    if lock:
        qs = qs.select_for_update(of=("self",))
    qs = qs.select_related("position").prefetch_related("subjects").order_by("pk")
    found: dict[str, list[Person]] = {}
    for person in qs:
        found.setdefault(person.search_name, []).append(person)
    return found


def _born(person: Person) -> str:
    return f"{person.birth_date:%d.%m.%Y} г. р." if person.birth_date else "дата рождения не указана"


def _json(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def match_registry(organization: Organization, rows: list, keys: dict[tuple, list[RowCheck]]) -> None:
    """Decide what each row does (``RowCheck.status``): a new person, an update of the one entry
    with the same name and date of birth (the changes, field by field), no change, or an error
    (two entries fit, or the row has no date of birth while a namesake in the registry has one).

    ``rows``: (RowCheck, check.ParsedRow) in the file's order; ``keys``: (identity, birth date) →
    rows, as the duplicate check built them."""
    found = candidates(organization, {name for name, _ in keys})
    for row, parsed in rows:
        if not (parsed.person.last_name and parsed.person.first_name):
            continue  # «Не указано: фамилия»: nothing to match by
        name = _identity(parsed.person.last_name, parsed.person.first_name, parsed.person.patronymic)
        namesakes = found.get(name, [])
        same = [p for p in namesakes if p.birth_date == parsed.person.birth_date]
        if len(same) > 1:
            listed = "; ".join(f"{p.full_name} ({_born(p)})" for p in same)
            row.errors.append(
                f"В реестре несколько педагогов с этими ФИО и датой рождения ({listed}): непонятно, чьи "
                "сведения обновить. Исправьте записи в реестре или уберите строку из файла."
            )
        elif same:
            _match(row, parsed, same[0])
        elif parsed.person.birth_date is None and namesakes:
            listed = "; ".join(f"{p.full_name} ({_born(p)})" for p in namesakes)
            row.errors.append(
                f"Не указана дата рождения, а в реестре есть {listed}. Укажите дату рождения: по ней "
                "находится педагог, чьи сведения нужно обновить."
            )
        else:
            _new(row, parsed)
            if namesakes:
                listed = "; ".join(f"{p.full_name} ({_born(p)})" for p in namesakes)
                row.notes.append(
                    f"В реестре есть тёзка с другой датой рождения: {listed}. Строка добавит нового "
                    "педагога; если это тот же человек, исправьте дату рождения в файле."
                )


def _new(row: RowCheck, parsed: ParsedRow) -> None:
    row.status = RowCheck.NEW
    row.errors.extend(model_errors(parsed.person, parsed.values, parsed.bad))
    if not row.errors:
        row.data = _person_data(parsed.person, parsed.subject_ids)


def _match(row: RowCheck, parsed: ParsedRow, existing: Person) -> None:
    """The entry as the file's non-empty cells would make it: checked by the registry's rules and
    compared with the entry field by field."""
    old_subjects = {s.pk: s.name for s in existing.subjects.all()}
    merged = copy.copy(existing)
    merged.organization_id = None  # clean() skips its own duplicate query (see check.model_errors)
    changed_cells = (parsed.given - KEY_FIELDS - parsed.bad) & set(UPDATED_FIELDS)
    for name in changed_cells - {"subjects"}:
        setattr(merged, name, parsed.person.position if name == "position" else parsed.values.get(name))
    new_subjects = parsed.subject_ids if "subjects" in changed_cells else list(old_subjects)
    row.person_id = existing.pk
    row.state = locking.state_token(comparable(existing, old_subjects.values()))
    row.errors.extend(model_errors(merged, parsed.values, parsed.bad))
    if row.errors:
        return
    names = dict(old_subjects)
    names.update(zip(parsed.subject_ids, parsed.subject_names, strict=True))
    was = comparable(existing, old_subjects.values())
    now = comparable(merged, [names[i] for i in set(new_subjects)])
    data: dict = {}
    for name in UPDATED_FIELDS:
        if was[name] == now[name]:
            continue
        row.changes.append({"label": label(name), "was": was[name], "now": now[name]})
        if name == "subjects":
            data["subject_ids"] = sorted(set(new_subjects))
        elif name == "position":
            data["position_id"] = merged.position_id
        else:
            data[name] = _json(getattr(merged, name))
    row.status = RowCheck.UPDATE if row.changes else RowCheck.SAME
    row.data = data
