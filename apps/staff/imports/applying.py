"""The import itself: every checked row saved, or none, in one transaction."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.db import IntegrityError, transaction
from pytrovich.enums import Gender

from apps.core.exceptions import DomainError
from apps.core.names import decline_full_name, detect_gender
from apps.organizations.models import Organization

from ..models import Person
from .check import _DATE_FIELDS, ImportCheck, RowCheck, _duplicates_in_registry, _identity
from .columns import PROGRESS_EVERY, Progress

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
