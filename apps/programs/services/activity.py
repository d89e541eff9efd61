"""Writes about the activity log and the comments of a program."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.pairs.models import GroupMember

from ..models import (
    ActivityLog,
    Program,
    ProgramComment,
    RoadmapEvent,
)
from .files import file_attach
from .programs import _require_not_finished


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
) -> ActivityLog:
    """Log work done. Without explicit participants every current mentee of the group took part."""
    _require_not_finished(program)
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
    return entry


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
