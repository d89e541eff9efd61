"""The end of a program: the final checklist, the PROGRAM_END order, and what its signing does."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.core.russian import quoted
from apps.pairs.models import GroupMember, MentoringGroup

from ..models import (
    EndReason,
    Program,
    ProgramEnd,
    RoadmapEvent,
)
from .changes import _order_people, _people_phrase
from .programs import _lock, _save_version


@transaction.atomic
def program_end_request(
    *,
    program: Program,
    user,
    reason: str,
    explanation: str = "",
    open_events_note: str = "",
    survey_asked: bool = False,
    survey_note: str = "",
) -> ProgramEnd:
    """The final checklist and the draft PROGRAM_END order (seed 001 §7.1: three reasons)."""
    from apps.orders.models import Order
    from apps.orders.services import order_create

    program = _lock(program)
    program.require_move(Program.Status.FINISHED, "Завершить можно только утверждённую программу.")
    if reason not in EndReason.values:
        raise DomainError("Выберите основание завершения программы.", field="reason")
    existing = ProgramEnd.objects.filter(program=program).select_related("order").first()
    if existing is not None and existing.order_id and existing.order.status != Order.Status.SIGNED:
        raise DomainError("Проект приказа о завершении этой программы уже подготовлен.")
    open_events = program.events.filter(status=RoadmapEvent.Status.PLANNED).count()
    if reason == EndReason.PLAN_DONE and open_events:
        raise DomainError(
            f"План выполнен не полностью: {open_events} мероприятий не закрыто. Закройте или отмените их "
            "с указанием причины, или выберите другое основание.",
            field="reason",
        )
    if open_events and not open_events_note.strip():
        raise DomainError(
            f"Незакрытых мероприятий: {open_events}. Обоснуйте, почему они не будут проведены.",
            field="open_events_note",
        )
    if reason != EndReason.PLAN_DONE and not explanation.strip():
        raise DomainError("Опишите обстоятельства досрочного завершения.", field="explanation")
    if not survey_asked:
        raise DomainError(
            "Отметьте, что участникам предложено итоговое анкетирование (удовлетворённость, результаты).",
            field="survey_asked",
        )
    reason_text = {
        EndReason.PLAN_DONE: "в связи с выполнением плана мероприятий программы в полном объёме",
        EndReason.PARTICIPANT_INITIATIVE: (
            "по инициативе участников программы по уважительным обстоятельствам"
        ),
        EndReason.CURATOR_INITIATIVE: "по инициативе куратора",
    }[reason]
    if explanation.strip():
        reason_text += f" ({explanation.strip()})"
    order = order_create(
        organization=program.organization,
        kind=Order.Kind.PROGRAM_END,
        title="О завершении реализации персонализированной программы наставничества",
        preamble="В соответствии с разделом 7 Положения о системе наставничества педагогических работников",
        items=[
            f"Завершить реализацию персонализированной программы наставничества {quoted(program.title)} "
            f"({_people_phrase(program)}) {reason_text}.",
            "Прекратить действие наставнической пары (группы) с даты подписания настоящего приказа.",
            "Куратору реализации программ наставничества подвести итоги реализации программы.",
        ],
        participants=_order_people(program),
        created_by=user,
    )
    ending, _ = ProgramEnd.objects.update_or_create(
        program=program,
        defaults={
            "reason": reason,
            "explanation": explanation.strip(),
            "open_events_note": open_events_note.strip(),
            "survey_asked": survey_asked,
            "survey_note": survey_note.strip(),
            "order": order,
            "applied": False,
            "created_by": user,
        },
    )
    return ending


def _end_group(group: MentoringGroup, order, day: date) -> None:
    """The minimum to end a pair by this order: the pairs app has no service for it (see report)."""
    from apps.banks.models import MenteeEntry

    group = MentoringGroup.objects.select_for_update().get(pk=group.pk)
    if not group.can_move_to(MentoringGroup.Status.ENDED):
        return
    members = list(group.members.exclude(status=GroupMember.Status.ENDED))
    for member in members:
        member.status, member.left_on = GroupMember.Status.ENDED, max(day, member.joined_on or day)
        member.save(update_fields=["status", "left_on", "updated_at"])
        if not GroupMember.objects.filter(mentee=member.mentee, status=GroupMember.Status.ACTIVE).exists():
            MenteeEntry.objects.filter(pk=member.mentee_id).update(status=MenteeEntry.Status.WAITING)
    group.status, group.ended_on, group.ended_order = MentoringGroup.Status.ENDED, day, order
    group.save(update_fields=["status", "ended_on", "ended_order", "updated_at"])


def program_finish(ending: ProgramEnd, order) -> None:
    """Called by the PROGRAM_END order's on_sign: the program becomes read-only, the group ends."""
    program = _lock(ending.program)
    program.require_move(Program.Status.FINISHED, f"Программа «{program}» не действует: завершать нечего.")
    day = order.date or timezone.localdate()
    program.status, program.finished_on = Program.Status.FINISHED, day
    program.save(update_fields=["status", "finished_on", "updated_at"])
    _save_version(program, order.created_by, f"Завершена по приказу № {order.number} от {day:%d.%m.%Y}")
    _end_group(program.group, order, day)
    ending.applied = True
    ending.save(update_fields=["applied", "updated_at"])
