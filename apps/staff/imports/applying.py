"""The import itself: every checked row saved, or none, in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import pghistory
from django.db import IntegrityError, transaction
from django.utils import timezone
from pytrovich.enums import Gender

from apps.audit.services import audit_record_many
from apps.core.exceptions import DomainError
from apps.core.names import decline_full_name, detect_gender
from apps.organizations.models import Organization

from ..models import Person
from .check import (
    _DATE_FIELDS,
    ImportCheck,
    RowCheck,
    _duplicates_in_registry,
    _identity,
    personnel_numbers_in_registry,
)
from .columns import PROGRESS_EVERY, Progress
from .updating import candidates, state_token

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


def _refuse_foreign(*, organization: Organization, check: ImportCheck, user) -> None:
    if check.organization_id != organization.pk:
        raise DomainError("Файл проверялся для другой организации: загрузите его заново.")
    if check.user_id is not None and getattr(user, "pk", None) != check.user_id:
        raise DomainError("Файл проверял другой пользователь: загрузите его сами.")
    if not check.is_valid:
        raise DomainError("В файле есть ошибки: исправьте их и загрузите файл снова. Ничего не сохранено.")


@transaction.atomic
def people_import(
    *, organization: Organization, check: ImportCheck, progress: Progress | None = None, user=None
) -> list[Person]:
    """Save every row of a valid check into the organisation's registry, or nothing at all."""
    _refuse_foreign(organization=organization, check=check, user=user)
    if check.update:
        raise DomainError("Файл проверен для обновления сведений: загрузите его заново.")
    # The registry may have changed since the check: look again (the rows get the errors).
    keys: dict[tuple, list[RowCheck]] = {}
    for row in check.rows:
        data = row.data
        birth_date = dt.date.fromisoformat(data["birth_date"]) if data["birth_date"] else None
        keys.setdefault(
            (_identity(data["last_name"], data["first_name"], data["patronymic"]), birth_date), []
        ).append(row)
    if _duplicates_in_registry(organization, keys) + _numbers_taken_since(organization, check.rows):
        for row in check.rows:
            if row.errors:
                row.data = None
        raise DomainError(
            "Пока файл ждал подтверждения, в реестр добавили кого-то из этих педагогов или указали их "
            "табельные номера. Ничего не сохранено: строки с повторами отмечены ниже."
        )
    return _create(organization=organization, rows=check.rows, progress=progress)


def _numbers_taken_since(organization: Organization, rows: list[RowCheck]) -> int:
    """The personnel numbers the rows write, checked again against the registry as it is now."""
    numbers: dict[str, list[RowCheck]] = {}
    for row in rows:
        if row.data and row.data.get("personnel_number"):
            numbers.setdefault(row.data["personnel_number"], []).append(row)
    return personnel_numbers_in_registry(organization, numbers)


def _create(*, organization: Organization, rows: list[RowCheck], progress: Progress | None) -> list[Person]:
    """Insert the checked rows as new entries, with their subjects."""
    people: list[Person] = []
    subject_links: list[tuple[int, list[int]]] = []
    total = len(rows)
    for done, row in enumerate(rows, start=1):
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
        with transaction.atomic(), pghistory.context(action="person_import"):
            Person.objects.bulk_create(people, batch_size=1000)
    except IntegrityError as error:
        # Someone added the same person between the check and the import.
        raise DomainError(
            "Пока файл проверялся, в реестр добавили кого-то из этих педагогов или указали их табельные "
            "номера. Проверьте файл ещё раз."
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


# The update mode ---------------------------------------------------------------------------------

STALE_ROW = (
    "Сведения об этом педагоге в реестре изменились после проверки файла (или появился педагог с теми же "
    "ФИО и датой рождения): загрузите файл ещё раз, чтобы увидеть изменения заново."
)


@dataclass
class ImportResult:
    created: list[Person] = field(default_factory=list)
    updated: list[Person] = field(default_factory=list)


@transaction.atomic
def people_import_with_updates(
    *, organization: Organization, check: ImportCheck, user=None, progress: Progress | None = None
) -> ImportResult:
    """Apply a valid check of the update mode: new people added, the changes of the matched ones
    written, all or nothing. The matched entries are locked and compared with the values the preview
    was computed on; if any changed (or a row's person appeared, disappeared, got a namesake with
    the same date of birth), nothing is saved and those rows get an error."""
    _refuse_foreign(organization=organization, check=check, user=user)
    if not check.update:
        raise DomainError("Файл проверен только для добавления новых педагогов: загрузите его заново.")
    found = candidates(organization, {row.match_key[0] for row in check.rows}, lock=True)
    stale = []
    for row in check.rows:
        identity, born = row.match_key
        birth_date = dt.date.fromisoformat(born) if born else None
        same = [p for p in found.get(identity, []) if p.birth_date == birth_date]
        if row.status == RowCheck.NEW:
            ok = not same
        else:
            ok = len(same) == 1 and same[0].pk == row.person_id and state_token(same[0]) == row.state
        if not ok:
            stale.append(row)
    if not stale:
        taken = [row for row in check.rows if row.data and row.data.get("personnel_number")]
        if _numbers_taken_since(organization, taken):
            stale = [row for row in taken if row.errors]
    if stale:
        for row in stale:
            if not row.errors:
                row.errors.append(STALE_ROW)
            row.data = None
        raise DomainError(
            "Пока файл ждал подтверждения, сведения в реестре изменились. Ничего не сохранено: строки, "
            "которых это касается, отмечены ниже — загрузите файл ещё раз."
        )

    by_pk = {p.pk: p for people in found.values() for p in people}
    updates = [(by_pk[row.person_id], row.data) for row in check.rows if row.status == RowCheck.UPDATE]
    result = ImportResult(updated=_update(updates))
    if result.updated:  # the access journal, as an edit of the card records it
        audit_record_many(
            request_or_user=user,
            action="change",
            objects=result.updated,
            organization=organization,
            url_name="staff_import:confirm",
        )
    if progress:
        progress("import", len(updates), len(check.rows))
    result.created = _create(
        organization=organization,
        rows=[row for row in check.rows if row.status == RowCheck.NEW],
        progress=None,
    )
    if progress:
        progress("import", len(check.rows), len(check.rows))
    return result


def _update(updates: list[tuple[Person, dict]]) -> list[Person]:
    """Write the changed fields of each entry (one UPDATE per batch) and replace the subjects the file
    changed; the history records each entry's change under the action «person_import_update»."""
    fields: set[str] = set()
    subject_changes: dict[int, list[int]] = {}
    people = []
    for person, data in updates:
        data = dict(data)
        subject_ids = data.pop("subject_ids", None)
        if subject_ids is not None:
            subject_changes[person.pk] = subject_ids
        for name, value in data.items():
            if name in _DATE_FIELDS:
                value = dt.date.fromisoformat(value) if value else None
            setattr(person, name, value)
            fields.add(name)
        if "sex" in data:  # the declined forms depend on it
            person.name_genitive, person.name_dative, person.name_accusative = _declined(
                person.last_name, person.first_name, person.patronymic, person.sex
            )
            fields.update(("name_genitive", "name_dative", "name_accusative"))
        people.append(person)
    now = timezone.now()
    for person in people:
        person.updated_at = now
    with pghistory.context(action="person_import_update"):
        if fields:
            try:
                with transaction.atomic():
                    Person.objects.bulk_update(people, [*sorted(fields), "updated_at"], batch_size=500)
            except IntegrityError as error:
                # Two rows swapping their numbers, or a number taken between the check and the import.
                raise DomainError(
                    "Табельные номера из файла совпали с номерами других педагогов реестра. Ничего не "
                    "сохранено: проверьте столбец «Табельный номер» и загрузите файл ещё раз."
                ) from error
        through = Person.subjects.through
        if subject_changes:
            through.objects.filter(person_id__in=subject_changes).delete()
            through.objects.bulk_create(
                [
                    through(person_id=pk, subject_id=subject_id)
                    for pk, subject_ids in subject_changes.items()
                    for subject_id in subject_ids
                ],
                batch_size=5000,
            )
    return people
