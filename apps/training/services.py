"""Writes of the training app: training records of people (by hand and from .xlsx) and the psychologist's
support records. Each checks what a database constraint cannot (dates against today, the person's school
and consent) and says so in Russian at the field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from apps.banks.models import MenteeEntry
from apps.core.exceptions import DomainError
from apps.core.uploads import SCAN, check_upload
from apps.staff.selectors import consent_not_withdrawn

from .models import HOURS_MAX, SupportRecord, TrainingRecord

EARLIEST = dt.date(1970, 1, 1)
SUPPORT_HOURS_MAX = Decimal(24)


@dataclass
class TrainingData:
    """What a form or a row of the import says about one training."""

    kind: str
    title: str
    organiser: str
    start_date: dt.date | None
    end_date: dt.date | None
    hours: int | None
    document_kind: str = ""
    document_number: str = ""
    document_date: dt.date | None = None


def training_errors(data: TrainingData, *, today: dt.date) -> list[tuple[str, str]]:
    """Every refusal of the data as (field, Russian message); empty when it may be saved."""
    errors: list[tuple[str, str]] = []
    if data.kind not in TrainingRecord.Kind.values:
        errors.append(("kind", "Выберите вид обучения из списка."))
    if not data.title.strip():
        errors.append(("title", "Укажите тему или название программы."))
    if not data.organiser.strip():
        errors.append(("organiser", "Укажите организатора обучения."))
    if data.start_date is None:
        errors.append(("start_date", "Укажите дату начала."))
    elif data.start_date < EARLIEST:
        errors.append(("start_date", f"Дата начала раньше {EARLIEST:%Y} года: проверьте год."))
    elif data.start_date > today:
        errors.append(("start_date", "Обучение ещё не началось: запись вносится после его окончания."))
    if data.end_date is None:
        errors.append(("end_date", "Укажите дату окончания."))
    elif data.start_date and data.end_date < data.start_date:
        errors.append(("end_date", "Дата окончания раньше даты начала."))
    elif data.end_date > today:
        errors.append(("end_date", "Обучение ещё не закончилось: запись вносится после его окончания."))
    if data.hours is None:
        errors.append(("hours", "Укажите объём в часах."))
    elif not 1 <= data.hours <= HOURS_MAX:
        errors.append(("hours", f"Объём — от 1 до {HOURS_MAX} часов."))
    if data.document_kind and data.document_kind not in TrainingRecord.Document.values:
        errors.append(("document_kind", "Выберите документ из списка."))
    if (data.document_number or data.document_date) and not data.document_kind:
        errors.append(("document_kind", "Укажите, какой документ выдан."))
    if data.document_date:
        if data.document_date > today:
            errors.append(("document_date", "Дата выдачи документа не может быть в будущем."))
        elif data.start_date and data.document_date < data.start_date:
            errors.append(("document_date", "Документ не может быть выдан раньше начала обучения."))
    return errors


def _check(data: TrainingData) -> None:
    errors = training_errors(data, today=timezone.localdate())
    if errors:
        field, message = errors[0]
        raise DomainError(message, field=field)


def _check_person(person, organization) -> None:
    if person.organization_id != organization.pk:
        raise DomainError("Педагог работает в другой организации.", field="person")
    if not consent_not_withdrawn(person):
        raise DomainError(
            "Педагог отозвал согласие на обработку персональных данных: сведения об обучении не вносятся.",
            field="person",
        )


def _fields(data: TrainingData) -> dict:
    return {
        "kind": data.kind,
        "title": data.title.strip(),
        "organiser": data.organiser.strip(),
        "start_date": data.start_date,
        "end_date": data.end_date,
        "hours": data.hours,
        "document_kind": data.document_kind,
        "document_number": data.document_number.strip(),
        "document_date": data.document_date,
    }


@transaction.atomic
def training_record_create(*, organization, person, data: TrainingData, scan=None, user) -> TrainingRecord:
    """The curator (or the director) records a training of a person of the school."""
    _check_person(person, organization)
    _check(data)
    if scan:
        check_upload(scan, kinds=SCAN, field="scan")
    record = TrainingRecord(organization=organization, person=person, entered_by=user, **_fields(data))
    if scan:
        record.scan = scan
    record.save()
    return record


@transaction.atomic
def training_record_update(
    *, record: TrainingRecord, data: TrainingData, scan=None, remove_scan: bool = False, user
) -> TrainingRecord:
    """Correct a record; a new scan replaces the old one, whose file goes once the change commits."""
    record = TrainingRecord.objects.select_for_update().get(pk=record.pk)
    _check(data)
    if scan:
        check_upload(scan, kinds=SCAN, field="scan")
    old_file = record.scan.name if (scan or remove_scan) and record.scan else ""
    changed = []
    for name, value in _fields(data).items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    if scan:
        record.scan = scan
        changed.append("scan")
    elif remove_scan and record.scan:
        record.scan = ""
        changed.append("scan")
    if changed:
        record.save(update_fields=[*changed, "updated_at"])
    if old_file:
        storage = record.scan.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return record


@transaction.atomic
def training_record_delete(*, record: TrainingRecord, user) -> None:
    """Remove a record entered by mistake, with its scan."""
    name = record.scan.name if record.scan else ""
    storage = record.scan.storage
    TrainingRecord.objects.filter(pk=record.pk).delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def training_records_import(*, organization, rows: list[tuple[int, object, TrainingData]], user) -> int:
    """Save every checked row of an import or none: each row is checked again (the person may have left
    the school or withdrawn the consent since the preview); the first refusal names its row."""
    today = timezone.localdate()
    records = []
    existing = set(
        TrainingRecord.objects.filter(person__in=[person for _, person, _ in rows]).values_list(
            "person_id", "title", "start_date", "end_date"
        )
    )
    for line, person, data in rows:
        key = (person.pk, data.title.strip(), data.start_date, data.end_date)
        if key in existing:
            raise DomainError(
                f"Строка {line}: это обучение педагога уже записано (та же тема и те же сроки). "
                "Ничего не сохранено."
            )
        existing.add(key)
        try:
            _check_person(person, organization)
        except DomainError as error:
            raise DomainError(f"Строка {line}: {error.message} Ничего не сохранено.") from None
        errors = training_errors(data, today=today)
        if errors:
            raise DomainError(f"Строка {line}: {errors[0][1]} Ничего не сохранено.")
        records.append(
            TrainingRecord(organization=organization, person=person, entered_by=user, **_fields(data))
        )
    TrainingRecord.objects.bulk_create(records)
    return len(records)


# The psychologist's support of mentees without a pair ----------------------------------------------


@transaction.atomic
def support_record_create(
    *, organization, person, kind: str, on: dt.date, topic: str, hours: Decimal, note: str = "", user
) -> SupportRecord:
    """The psychologist records a training or consultation of a mentee of the school's bank who waits for
    a mentor (seed 002 §3.5)."""
    waiting = MenteeEntry.objects.filter(
        person=person,
        organization=organization,
        status=MenteeEntry.Status.WAITING,
        year__is_current=True,
    ).exists()
    if not waiting:
        raise DomainError("Это не наставляемый без пары из банка наставляемых организации.", field="person")
    if kind not in SupportRecord.Kind.values:
        raise DomainError("Выберите форму из списка.", field="kind")
    if on > timezone.localdate():
        raise DomainError("Запись вносится после занятия: дата не может быть в будущем.", field="date")
    if on < EARLIEST:
        raise DomainError("Проверьте год даты.", field="date")
    if not topic.strip():
        raise DomainError("Укажите тему.", field="topic")
    if hours is None or not Decimal(0) < hours <= SUPPORT_HOURS_MAX:
        raise DomainError("Продолжительность — больше 0 и не больше 24 часов.", field="hours")
    return SupportRecord.objects.create(
        organization=organization,
        person=person,
        kind=kind,
        date=on,
        topic=topic.strip(),
        hours=hours,
        note=note.strip(),
        recorded_by=user,
    )


@transaction.atomic
def support_record_delete(*, record: SupportRecord, user) -> None:
    SupportRecord.objects.filter(pk=record.pk).delete()


def erase_person_data(*, person) -> dict[str, int]:
    """Destruction after a withdrawn consent (152-ФЗ art. 21 p. 5): the person's training and support
    records go, with the scans (returned for deletion on commit)."""
    records = TrainingRecord.objects.filter(person=person)
    files = list(records.exclude(scan="").values_list("scan", flat=True))
    counts = {"training": records.count(), "support": SupportRecord.objects.filter(person=person).count()}
    records.delete()
    SupportRecord.objects.filter(person=person).delete()
    return counts | {"files": files}
