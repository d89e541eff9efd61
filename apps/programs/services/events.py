"""Writes about the roadmap: events added, changed, done with their evidence, cancelled; the
personal calendar feed's token."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from apps.core import locking
from apps.core.exceptions import DomainError
from apps.pairs.selectors import participants

from ..models import (
    CalendarToken,
    Program,
    Responsible,
    RoadmapEvent,
)
from ..selectors import event_edit_state, roadmap_event_state
from .files import file_attach
from .programs import _lock, _require_not_finished


def _check_event_dates(program: Program, start: date, end: date | None) -> None:
    if start is None:
        raise DomainError("Укажите дату мероприятия.", field="start")
    if end is not None and end < start:
        raise DomainError("Окончание периода не может быть раньше начала.", field="end")
    if start < program.start or (end or start) > program.end:
        raise DomainError(
            f"Мероприятие должно проходить в сроки программы: с {program.start:%d.%m.%Y} "
            f"по {program.end:%d.%m.%Y}.",
            field="start",
        )


EVENT_FIELDS = [
    "title",
    "form",
    "start",
    "end",
    "responsible",
    "responsible_person",
    "responsible_other",
    "product",
    "expected_result",
]


@transaction.atomic
def event_save(
    *, program: Program, user, data: dict, event: RoadmapEvent | None = None, lock_token: str | None = None
) -> RoadmapEvent:
    """Add or change a roadmap event. ``lock_token``: the event as its form was opened; a save by
    another participant in between is an EditConflict and nothing is written."""
    program = _lock(program)
    _require_not_finished(program)
    _check_event_dates(program, data.get("start"), data.get("end"))
    person = data.get("responsible_person")
    if person is not None and not any(p.pk == person.pk for p in participants(program.group)[1:]):
        raise DomainError(
            "Ответственный наставляемый должен входить в пару (группу).", field="responsible_person"
        )
    if data.get("responsible") == Responsible.OTHER and not (data.get("responsible_other") or "").strip():
        raise DomainError("Укажите, кто отвечает за мероприятие.", field="responsible_other")
    if event is None:
        event = RoadmapEvent(program=program)
    elif event.program_id != program.pk:
        raise DomainError("Мероприятие другой программы.")
    else:
        event = RoadmapEvent.objects.select_related("responsible_person").get(pk=event.pk)
        mine = {name: data[name] for name in EVENT_FIELDS if name in data}
        locking.check_unchanged(
            token=lock_token, saved=roadmap_event_state(event), mine=event_edit_state(mine)
        )
    for name in EVENT_FIELDS:
        if name in data:
            value = data[name]
            if value is None and name not in ("end", "responsible_person"):
                value = ""
            setattr(event, name, value)
    event.save()
    return event


@transaction.atomic
def event_complete(
    *, event: RoadmapEvent, user, evidence: str, reflection: str = "", files=(), on: date | None = None
) -> RoadmapEvent:
    """Mark an event done with its evidence; the mentee may add a personal reflection."""
    event = RoadmapEvent.objects.select_for_update().select_related("program__group").get(pk=event.pk)
    _require_not_finished(event.program)
    if event.status == RoadmapEvent.Status.CANCELLED:
        raise DomainError("Мероприятие отменено.")
    evidence = (evidence or "").strip()
    if not evidence and not files:
        raise DomainError("Опишите, чем подтверждается выполнение, или приложите файл.", field="evidence")
    event.status, event.done_on, event.done_by = RoadmapEvent.Status.DONE, on or timezone.localdate(), user
    event.evidence = evidence
    if reflection:
        event.reflection = reflection.strip()
    event.save(update_fields=["status", "done_on", "done_by", "evidence", "reflection", "updated_at"])
    for upload in files:
        file_attach(program=event.program, user=user, upload=upload, event=event)
    return event


@transaction.atomic
def event_cancel(*, event: RoadmapEvent, user, reason: str) -> RoadmapEvent:
    event = RoadmapEvent.objects.select_for_update().select_related("program").get(pk=event.pk)
    _require_not_finished(event.program)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Укажите причину отмены мероприятия.", field="reason")
    if event.status != RoadmapEvent.Status.PLANNED:
        raise DomainError("Отменить можно только запланированное мероприятие.")
    event.status, event.cancel_reason = RoadmapEvent.Status.CANCELLED, reason
    event.save(update_fields=["status", "cancel_reason", "updated_at"])
    return event


def calendar_token_for(user, *, renew: bool = False) -> CalendarToken:
    import secrets

    token, created = CalendarToken.objects.get_or_create(user=user)
    if renew and not created:
        token.token = secrets.token_urlsafe()
        token.save(update_fields=["token"])
    return token
