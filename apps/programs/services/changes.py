"""Changes and extensions of an approved program by the participants' mutual consent and an order."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.core.russian import quoted
from apps.pairs.selectors import participants
from apps.staff.models import Person

from ..dates import check_length
from ..models import (
    SECTION_FIELDS,
    ChangeConsent,
    Program,
    ProgramChange,
)
from .plans import PLAN_MODELS
from .programs import FIELD_LABELS, _lock, _person_of, _plans_snapshot, _save_version


@transaction.atomic
def change_propose(
    *,
    program: Program,
    user,
    reason: str,
    new_end: date | None = None,
    new_mode: str = "",
    sections: dict | None = None,
    plans: dict | None = None,
) -> ProgramChange:
    """Propose an extension or a change of content, plan or form (seed 001 §7.2). The total length
    with the extension stays within 3–12 months."""
    program = _lock(program)
    if program.status != Program.Status.APPROVED:
        raise DomainError("Изменить или продлить можно только утверждённую, ещё не завершённую программу.")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Опишите, что и почему меняется.", field="reason")
    sections = {k: v for k, v in (sections or {}).items() if k in SECTION_FIELDS and getattr(program, k) != v}
    if new_end == program.end:
        new_end = None
    if new_mode == program.mode:
        new_mode = ""
    if new_end is not None:
        check_length(program.start, new_end, field="new_end")
        if new_end < timezone.localdate():
            raise DomainError("Новая дата окончания уже прошла.", field="new_end")
    current_plans = _plans_snapshot(program)
    plans = {
        k: v for k, v in (plans or {}).items() if k in ("deficit", "competence") and current_plans[k] != v
    }
    for key, rows in plans.items():
        if not rows:
            raise DomainError("План не может остаться пустым.", field=f"{key}_plan")
    if new_end is None and not new_mode and not sections and not plans:
        raise DomainError("Изменение ничего не меняет: укажите новую дату, режим, разделы или план.")
    if program.changes.filter(
        status__in=[ProgramChange.Status.PROPOSED, ProgramChange.Status.ON_ORDER]
    ).exists():
        raise DomainError("По программе уже есть изменение, ожидающее согласия или приказа.")
    change = ProgramChange.objects.create(
        program=program,
        new_end=new_end,
        new_mode=new_mode,
        sections=sections,
        plans=plans,
        reason=reason,
        proposed_by=user,
    )
    person = _person_of(user, program)
    if person is not None:
        ChangeConsent.objects.create(change=change, person=person)
    return change


def change_missing_consents(change: ProgramChange) -> list[Person]:
    agreed = set(change.consents.values_list("person_id", flat=True))
    return [p for p in participants(change.program.group) if p.pk not in agreed]


@transaction.atomic
def change_consent(*, change: ProgramChange, user) -> ProgramChange:
    """A participant agrees; when the mentor and every mentee agreed, the draft order is created."""
    change = (
        ProgramChange.objects.select_for_update()
        .select_related("program__group__mentor__person")
        .get(pk=change.pk)
    )
    if change.status != ProgramChange.Status.PROPOSED:
        raise DomainError("Это изменение уже не ожидает согласия.")
    person = _person_of(user, change.program)
    if person is None:
        raise DomainError("Согласие дают только наставник и наставляемые этой программы.")
    ChangeConsent.objects.get_or_create(change=change, person=person)
    if not change_missing_consents(change):
        _change_order(change, user)
    return change


def _people_phrase(program: Program) -> str:
    people = participants(program.group)
    mentees = ", ".join(p.full_name for p in people[1:])
    return (
        f"наставник {people[0].full_name}, наставляемые: {mentees}"
        if len(people) > 2
        else (f"наставник {people[0].full_name}, наставляемый {mentees}")
    )


def _order_people(program: Program) -> list[tuple[Person, str]]:
    people = participants(program.group)
    return [(people[0], "наставник")] + [(p, "наставляемый") for p in people[1:]]


def _change_order(change: ProgramChange, user) -> None:
    from apps.orders.models import Order
    from apps.orders.services import order_create

    program = change.program
    items = []
    what = []
    if change.new_end:
        what.append(f"продлить срок реализации до {change.new_end:%d.%m.%Y}")
    if change.new_mode:
        what.append(
            f"установить режим работы: {dict(Program._meta.get_field('mode').choices)[change.new_mode]}"
        )
    if change.sections:
        what.append(
            "внести изменения в разделы: " + ", ".join(f"«{FIELD_LABELS[k]}»" for k in change.sections)
        )
    plan_titles = {
        "deficit": "План устранения профессиональных дефицитов",
        "competence": "План работы над повышением системы профессиональных компетенций",
    }
    if change.plans:
        what.append("изложить в новой редакции: " + ", ".join(f"«{plan_titles[k]}»" for k in change.plans))
    if not what:
        what.append("внести изменения в содержание")
    items.append(
        f"Персонализированную программу наставничества {quoted(program.title)} ({_people_phrase(program)}) "
        + "; ".join(what)
        + f". Основание: {change.reason}"
    )
    items.append("Куратору реализации программ наставничества внести изменения в программу в портале.")
    order = order_create(
        organization=program.organization,
        kind=Order.Kind.PROGRAM_CHANGE,
        title="О внесении изменений в персонализированную программу наставничества",
        preamble=(
            "В соответствии с Положением о системе наставничества педагогических работников и на основании "
            "обоюдного согласия наставника и наставляемых"
        ),
        items=items,
        participants=_order_people(program),
        created_by=user,
    )
    change.order, change.status = order, ProgramChange.Status.ON_ORDER
    change.save(update_fields=["order", "status", "updated_at"])


@transaction.atomic
def change_withdraw(*, change: ProgramChange, user) -> ProgramChange:
    change = ProgramChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ProgramChange.Status.PROPOSED:
        raise DomainError("Отозвать можно только изменение, ещё не включённое в приказ.")
    change.status = ProgramChange.Status.WITHDRAWN
    change.save(update_fields=["status", "updated_at"])
    return change


def change_apply(change: ProgramChange, order) -> None:
    """Called by the PROGRAM_CHANGE order's on_sign inside the signing transaction."""
    program = _lock(change.program)
    if program.status != Program.Status.APPROVED:
        raise DomainError(f"Программа «{program}» уже не действует: изменение не внесено.")
    fields = []
    if change.new_end:
        check_length(program.start, change.new_end)
        program.end = change.new_end
        fields.append("end")
    if change.new_mode:
        program.mode = change.new_mode
        fields.append("mode")
    for name, value in change.sections.items():
        setattr(program, name, value)
        fields.append(name)
    for key, rows in change.plans.items():
        model = PLAN_MODELS[key]
        model.objects.filter(program=program).delete()
        model.objects.bulk_create(model(program=program, position=n, **row) for n, row in enumerate(rows))
    program.version += 1
    program.revision += 1  # a change by order is a new edition of the approved text
    program.save(update_fields=[*fields, "version", "revision", "updated_at"])
    _save_version(
        program, order.created_by, f"Изменения по приказу № {order.number} от {order.date:%d.%m.%Y}"
    )
    change.status = ProgramChange.Status.APPLIED
    change.save(update_fields=["status", "updated_at"])
