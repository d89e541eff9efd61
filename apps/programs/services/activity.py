"""Writes about the activity log and the comments of a program."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.pairs.models import GroupMember

from ..corrections import correction_refusal
from ..models import (
    ActivityLog,
    EvidenceFile,
    Program,
    ProgramComment,
    RoadmapEvent,
)
from .events import event_complete
from .files import file_attach
from .programs import _require_not_finished


def _check_entry(program: Program, *, date: date, minutes: int, event: RoadmapEvent | None) -> None:
    if date > timezone.localdate():
        raise DomainError(
            "Журнал заполняется о проведённой работе: дата не может быть в будущем.", field="date"
        )
    if date < program.start:
        raise DomainError(f"Программа начинается {program.start:%d.%m.%Y}.", field="date")
    if not 5 <= (minutes or 0) <= 600:
        raise DomainError("Продолжительность — от 5 до 600 минут.", field="minutes")
    if event is not None and event.program_id != program.pk:
        raise DomainError("Мероприятие другой программы.", field="event")


def _complete_event(event: RoadmapEvent, *, user, notes: str, on: date) -> None:
    """An entry logged against a planned event marks it done by the roadmap's own rule
    (``event_complete``: the evidence is required; the entry's note is that evidence)."""
    if event.status != RoadmapEvent.Status.PLANNED:
        return
    try:
        event_complete(event=event, user=user, evidence=notes, on=on)
    except DomainError as error:
        if error.field == "evidence":
            raise DomainError(
                "Напишите, что сделано: заметка подтверждает выполнение мероприятия.", field="notes"
            ) from error
        raise DomainError(error.message, field="event") from error


@transaction.atomic
def activity_log(
    *,
    program: Program,
    user,
    date: date,
    minutes: int,
    format: str,
    kind: str,
    notes: str = "",
    event: RoadmapEvent | None = None,
    members: list[GroupMember] | None = None,
    files=(),
    complete_event: bool = False,
) -> ActivityLog:
    """Log work done. Without explicit participants every current mentee of the group took part.
    With ``complete_event`` a planned ``event`` is marked done on the entry's date, the note being
    its evidence."""
    _require_not_finished(program)
    _check_entry(program, date=date, minutes=minutes, event=event)
    group_members = [m for m in program.group.members.all() if m.status != GroupMember.Status.ENDED]
    if members:
        allowed = {m.pk for m in program.group.members.all()}
        if any(m.pk not in allowed for m in members):
            raise DomainError("Участник не входит в пару (группу).", field="participants")
    entry = ActivityLog.objects.create(
        program=program,
        date=date,
        minutes=minutes,
        format=format,
        kind=kind,
        notes=(notes or "").strip(),
        event=event,
        created_by=user,
    )
    entry.participants.set(members or group_members)
    for upload in files:
        file_attach(program=program, user=user, upload=upload, activity=entry)
    if event is not None and complete_event:
        _complete_event(event, user=user, notes=entry.notes, on=date)
    return entry


def _entry_for_correction(entry: ActivityLog, user) -> ActivityLog:
    entry = ActivityLog.objects.select_for_update().select_related("program").get(pk=entry.pk)
    refusal = correction_refusal(entry, user)
    if refusal:
        raise DomainError(refusal)
    return entry


@transaction.atomic
def activity_correct(
    *,
    entry: ActivityLog,
    user,
    date: date,
    minutes: int,
    format: str,
    kind: str,
    notes: str = "",
    event: RoadmapEvent | None = None,
    complete_event: bool = False,
) -> ActivityLog:
    """The author corrects an own entry within the correction window (corrections.py); the
    history keeps the version before."""
    entry = _entry_for_correction(entry, user)
    _check_entry(entry.program, date=date, minutes=minutes, event=event)
    entry.date, entry.minutes, entry.format, entry.kind = date, minutes, format, kind
    entry.notes, entry.event = (notes or "").strip(), event
    entry.save()
    if event is not None and complete_event:
        _complete_event(event, user=user, notes=entry.notes, on=date)
    return entry


@transaction.atomic
def activity_remove(*, entry: ActivityLog, user) -> None:
    """The author removes an own entry within the correction window; the history keeps it. Its
    files go with it (their stored copies are deleted once the removal commits)."""
    entry = _entry_for_correction(entry, user)
    files = EvidenceFile.objects.filter(activity=entry)
    stored = [f.file for f in files if f.file]
    files.delete()
    entry.delete()
    for stored_file in stored:
        transaction.on_commit(lambda f=stored_file: f.storage.delete(f.name))


@transaction.atomic
def comment_add(*, program: Program, user, text: str, private: bool = False) -> ProgramComment:
    _require_not_finished(program)
    text = (text or "").strip()
    if not text:
        raise DomainError("Напишите комментарий.", field="text")
    return ProgramComment.objects.create(
        program=program,
        author=user,
        text=text,
        kind=ProgramComment.Kind.PRIVATE if private else ProgramComment.Kind.PUBLIC,
    )
