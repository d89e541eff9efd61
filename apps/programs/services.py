"""Writes about programs: one service per transition, keyword-only, one transaction each."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from apps.core import locking
from apps.core.exceptions import DomainError
from apps.core.uploads import DOCUMENTS, check_upload
from apps.pairs.models import GroupMember, MentoringGroup, MentoringType
from apps.pairs.selectors import participants
from apps.staff.models import Person

from .dates import check_length
from .models import (
    SECTION_FIELDS,
    SECTIONS,
    ActivityLog,
    CalendarToken,
    ChangeConsent,
    CompetencePlanItem,
    DeficitPlanItem,
    EndReason,
    EvidenceFile,
    Mode,
    ModelPlanItem,
    Program,
    ProgramAgreement,
    ProgramChange,
    ProgramComment,
    ProgramEnd,
    ProgramTemplate,
    ProgramVersion,
    Responsible,
    RoadmapEvent,
)
from .selectors import event_edit_state, roadmap_event_state

EDITABLE_FIELDS = ["title", "mode", "mentoring_types", *SECTION_FIELDS]
FIELD_LABELS = {
    "title": "Название",
    "mode": "Режим работы",
    "mentoring_types": "Виды наставничества",
    "start": "Начало",
    "end": "Окончание",
    **dict(SECTIONS),
}


class ProgramConflict(locking.EditConflict):
    """Somebody saved the program after the form was opened: nothing is overwritten.

    The program's own ``version`` is the lock token (agreements are given to a version);
    ``diffs``: [(label, value saved by the other person, value in this form)]."""

    def __init__(self, message: str, *, diffs: list[locking.FieldDiff], current_version: int):
        super().__init__(message, diffs=diffs, token=str(current_version))
        self.current_version = current_version


def _shown_pair(name: str, saved, mine) -> tuple[str, str]:
    """Both values as a person reads them: choice labels instead of codes."""
    labels = (
        {**dict(Mode.choices), **dict(MentoringType.choices)} if name in ("mode", "mentoring_types") else {}
    )
    if isinstance(saved, list) or isinstance(mine, list):
        saved, mine = [labels.get(v, v) for v in saved or []], [labels.get(v, v) for v in mine or []]
    else:
        saved, mine = labels.get(saved, saved), labels.get(mine, mine)
    return locking.shown(saved), locking.shown(mine)


def _lock(program: Program) -> Program:
    return (
        Program.objects.select_for_update(of=("self",))
        .select_related("group__mentor__person", "organization")
        .get(pk=program.pk)
    )


def _require_not_finished(program: Program) -> None:
    if program.is_finished:
        raise DomainError("Программа завершена: изменять её нельзя.")


def _person_of(user, program: Program) -> Person | None:
    for person in participants(program.group):
        if person.user_id == getattr(user, "pk", None):
            return person
    return None


def _save_version(program: Program, user, note: str) -> ProgramVersion:
    last = program.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ProgramVersion.objects.create(
        program=program,
        number=last + 1,
        snapshot={**program.snapshot(), "plans": _plans_snapshot(program)},
        note=note[:300],
        changed_by=user,
    )


def current_plans(program: Program) -> dict:
    return _plans_snapshot(program)


def _plans_snapshot(program: Program) -> dict:
    return {
        "deficit": list(program.deficit_items.values("direction", "deadline", "events", "goal")),
        "competence": list(program.competence_items.values("competence", "content", "events", "deadline")),
        "model": list(program.model_items.values("direction", "topics", "forms")),
    }


# Creating ---------------------------------------------------------------------------------------


@transaction.atomic
def program_create(
    *,
    group: MentoringGroup,
    user,
    title: str,
    start: date,
    end: date,
    template: ProgramTemplate | None = None,
) -> Program:
    """A draft program for an active pair or group, from scratch or as a copy of a bank program
    (sections and plans copied, event dates shifted to the new start)."""
    group = MentoringGroup.objects.select_for_update().get(pk=group.pk)
    if group.status != MentoringGroup.Status.ACTIVE:
        raise DomainError("Программа составляется для действующей пары (группы), закреплённой приказом.")
    if Program.objects.filter(group=group).exists():
        raise DomainError("У этой пары (группы) уже есть программа.")
    check_length(start, end)
    title = (title or "").strip()
    if not title:
        raise DomainError("Укажите название программы.", field="title")
    program = Program(
        organization=group.organization,
        group=group,
        title=title,
        start=start,
        end=end,
        mentoring_types=list(group.types),
        goal=group.goal,
        created_by=user,
    )
    if template is not None:
        if template.organization_id != group.organization_id:
            raise DomainError("Программа банка другой организации недоступна.")
        for name in ["mode", "mentoring_types", *SECTION_FIELDS]:
            if name in template.sections:
                setattr(program, name, template.sections[name])
        program.source_template = template
    program.save()
    if template is not None:
        _copy_plans(program, template)
    return program


def _copy_plans(program: Program, template: ProgramTemplate) -> None:
    DeficitPlanItem.objects.bulk_create(
        DeficitPlanItem(program=program, position=n, **row) for n, row in enumerate(template.deficit_plan)
    )
    CompetencePlanItem.objects.bulk_create(
        CompetencePlanItem(program=program, position=n, **row)
        for n, row in enumerate(template.competence_plan)
    )
    ModelPlanItem.objects.bulk_create(
        ModelPlanItem(program=program, position=n, **row) for n, row in enumerate(template.model_plan)
    )
    events = []
    for row in template.events:
        start = program.start + timedelta(days=row["offset"])
        end = start + timedelta(days=row["length"]) if row.get("length") is not None else None
        if end and end > program.end:
            end = program.end
        if start > program.end:
            continue  # a shorter program: the tail of the template does not fit
        events.append(
            RoadmapEvent(
                program=program,
                title=row["title"],
                form=row["form"],
                start=start,
                end=end,
                responsible=row["responsible"],
                responsible_other=row.get("responsible_other", ""),
                product=row.get("product", ""),
                expected_result=row.get("expected_result", ""),
            )
        )
    RoadmapEvent.objects.bulk_create(events)


# Editing the text (optimistic locking) ------------------------------------------------------------


@transaction.atomic
def program_update(*, program: Program, user, data: dict, version: int) -> Program:
    """Save the sections. ``version`` is the one the form was opened with: if somebody saved in
    between, ProgramConflict lists the fields that differ and nothing is written."""
    program = _lock(program)
    if not program.is_editable:
        raise DomainError(
            "Утверждённая программа меняется только по обоюдному согласию участников и приказом "
            "(раздел «Изменения и продление»)."
        )
    if "start" in data or "end" in data:
        check_length(data.get("start", program.start), data.get("end", program.end))
    diffs = [
        locking.FieldDiff(FIELD_LABELS.get(name, name), *_shown_pair(name, getattr(program, name), value))
        for name, value in data.items()
        if getattr(program, name) != value
    ]
    # A save in between that changed nothing this form writes (a plan row, say) overwrites nothing.
    if program.version != version and diffs:
        raise ProgramConflict(
            "Программу уже сохранил другой участник, пока вы редактировали. Ничего не перезаписано: "
            "сравните версии и перенесите свои правки.",
            diffs=diffs,
            current_version=program.version,
        )
    changed = [name for name, value in data.items() if getattr(program, name) != value]
    if not changed:
        return program
    for name in changed:
        setattr(program, name, data[name])
    program.version += 1
    program.save(update_fields=[*changed, "version", "updated_at"])
    return program


def _touch(program: Program) -> None:
    """Plans are part of the text: a change of a plan invalidates the agreements given so far."""
    Program.objects.filter(pk=program.pk).update(version=program.version + 1, updated_at=timezone.now())
    program.version += 1


PLAN_MODELS = {"deficit": DeficitPlanItem, "competence": CompetencePlanItem, "model": ModelPlanItem}


@transaction.atomic
def plan_item_save(
    *,
    program: Program,
    user,
    plan: str,
    data: dict,
    item_id: int | None = None,
    lock_token: str | None = None,
):
    """Add or change a row of a plan. ``lock_token``: the row as its form was opened; another save of
    the row in between is an EditConflict and nothing is written."""
    program = _lock(program)
    if not program.is_editable:
        raise DomainError("План утверждённой программы меняется только приказом об изменении программы.")
    model = PLAN_MODELS[plan]
    if item_id:
        item = model.objects.get(program=program, pk=item_id)
        locking.check_unchanged(
            token=lock_token,
            saved=locking.model_state(model, {name: getattr(item, name) for name in data}),
            mine=locking.model_state(model, data),
        )
        for name, value in data.items():
            setattr(item, name, value)
        item.save()
    else:
        position = model.objects.filter(program=program).count()
        item = model.objects.create(program=program, position=position, **data)
    _touch(program)
    return item


@transaction.atomic
def plan_item_delete(*, program: Program, user, plan: str, item_id: int) -> None:
    program = _lock(program)
    if not program.is_editable:
        raise DomainError("План утверждённой программы меняется только приказом об изменении программы.")
    PLAN_MODELS[plan].objects.filter(program=program, pk=item_id).delete()
    _touch(program)


# Agreement and approval -----------------------------------------------------------------------------


def missing_agreements(program: Program) -> list[Person]:
    agreed = set(
        ProgramAgreement.objects.filter(program=program, version=program.version).values_list(
            "person_id", flat=True
        )
    )
    return [p for p in participants(program.group) if p.pk not in agreed]


@transaction.atomic
def program_agree(*, program: Program, user) -> ProgramAgreement:
    """A participant confirms agreement with the current text (co-writing, issue 5 §1)."""
    program = _lock(program)
    if not program.is_editable:
        raise DomainError("Согласовать можно только проект программы.")
    person = _person_of(user, program)
    if person is None:
        raise DomainError("Согласие подтверждают только наставник и наставляемые этой программы.")
    agreement, _ = ProgramAgreement.objects.get_or_create(
        program=program, person=person, version=program.version
    )
    return agreement


@transaction.atomic
def program_record_paper_agreement(*, program: Program, person: Person, user) -> ProgramAgreement:
    """The curator records the agreement of a participant who has no portal account (signed on paper)."""
    program = _lock(program)
    if not program.is_editable:
        raise DomainError("Согласовать можно только проект программы.")
    if not any(p.pk == person.pk for p in participants(program.group)):
        raise DomainError("Это не участник программы.")
    if person.user_id:
        raise DomainError("У участника есть учётная запись: согласие он подтверждает сам в портале.")
    agreement, _ = ProgramAgreement.objects.get_or_create(
        program=program, person=person, version=program.version
    )
    return agreement


@transaction.atomic
def program_submit(*, program: Program, user) -> Program:
    """Проект → на согласовании."""
    program = _lock(program)
    if program.status != Program.Status.DRAFT:
        raise DomainError("Направить на согласование можно только проект программы.")
    if not (program.goal.strip() and program.tasks.strip()):
        raise DomainError("Перед согласованием заполните цель и задачи программы.")
    program.status = Program.Status.ON_APPROVAL
    program.save(update_fields=["status", "updated_at"])
    return program


@transaction.atomic
def program_return(*, program: Program, user) -> Program:
    """На согласовании → проект (the curator returns it for rework)."""
    program = _lock(program)
    if program.status != Program.Status.ON_APPROVAL:
        raise DomainError("Вернуть на доработку можно только программу на согласовании.")
    program.status = Program.Status.DRAFT
    program.save(update_fields=["status", "updated_at"])
    return program


@transaction.atomic
def program_approve(*, program: Program, user) -> Program:
    """На согласовании → утверждена: every participant must have agreed with the current text."""
    program = _lock(program)
    if program.status != Program.Status.ON_APPROVAL:
        raise DomainError("Утвердить можно только программу, направленную на согласование.")
    missing = missing_agreements(program)
    if missing:
        raise DomainError(
            "Не все участники подтвердили согласие с текущей редакцией программы: "
            + ", ".join(p.short_name for p in missing)
            + "."
        )
    check_length(program.start, program.end)
    program.status, program.approved_by, program.approved_at = Program.Status.APPROVED, user, timezone.now()
    program.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    _save_version(program, user, "Программа утверждена куратором")
    return program


# Roadmap ---------------------------------------------------------------------------------------


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


# Files -----------------------------------------------------------------------------------------


@transaction.atomic
def file_attach(*, program: Program, user, upload, event=None, activity=None) -> EvidenceFile:
    _require_not_finished(program)
    content_type = check_upload(upload, kinds=DOCUMENTS, field="files")
    name = (upload.name or "файл").replace("/", "_").replace("\\", "_")[-255:]
    return EvidenceFile.objects.create(
        program=program,
        event=event,
        activity=activity,
        file=upload,
        name=name,
        size=upload.size,
        content_type=content_type,
        uploaded_by=user,
    )


# Activity log -----------------------------------------------------------------------------------


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


# Changes by mutual consent and order ----------------------------------------------------------------


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
        f"Персонализированную программу наставничества «{program.title}» ({_people_phrase(program)}) "
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
    program.save(update_fields=[*fields, "version", "updated_at"])
    _save_version(
        program, order.created_by, f"Изменения по приказу № {order.number} от {order.date:%d.%m.%Y}"
    )
    change.status = ProgramChange.Status.APPLIED
    change.save(update_fields=["status", "updated_at"])


# The end -------------------------------------------------------------------------------------------


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
    if program.status != Program.Status.APPROVED:
        raise DomainError("Завершить можно только утверждённую программу.")
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
            f"Завершить реализацию персонализированной программы наставничества «{program.title}» "
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
    if group.status != MentoringGroup.Status.ACTIVE:
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
    if program.status != Program.Status.APPROVED:
        raise DomainError(f"Программа «{program}» не действует: завершать нечего.")
    day = order.date or timezone.localdate()
    program.status, program.finished_on = Program.Status.FINISHED, day
    program.save(update_fields=["status", "finished_on", "updated_at"])
    _save_version(program, order.created_by, f"Завершена по приказу № {order.number} от {day:%d.%m.%Y}")
    _end_group(program.group, order, day)
    ending.applied = True
    ending.save(update_fields=["applied", "updated_at"])


# Program bank -------------------------------------------------------------------------------------


@transaction.atomic
def program_publish(
    *, program: Program, user, title: str = "", visibility: str = ProgramTemplate.Visibility.ORGANIZATION
) -> ProgramTemplate:
    """Mark a finished program as a good practice and copy it to the bank without personal details:
    no names (participants' section is dropped), no reflections, evidence or comments."""
    program = _lock(program)
    if not program.is_finished:
        raise DomainError("В банк публикуется только завершённая программа.")
    if visibility not in ProgramTemplate.Visibility.values:
        raise DomainError("Неизвестная видимость.", field="visibility")
    months = max(1, round((program.end - program.start).days / 30.4))
    sections = {name: getattr(program, name) for name in SECTION_FIELDS if name != "participants_note"}
    sections["mode"] = program.mode
    sections["mentoring_types"] = list(program.mentoring_types)
    events = [
        {
            "title": e.title,
            "form": e.form,
            "offset": (e.start - program.start).days,
            "length": (e.end - e.start).days if e.end else None,
            "responsible": e.responsible,
            # A name typed as «other responsible» may identify a person: keep only the role.
            "responsible_other": "",
            "product": e.product,
            "expected_result": e.expected_result,
        }
        for e in program.events.exclude(status=RoadmapEvent.Status.CANCELLED).order_by("start", "pk")
    ]
    template = ProgramTemplate.objects.create(
        organization=program.organization,
        title=(title or program.title).strip(),
        visibility=visibility,
        months=months,
        sections=sections,
        deficit_plan=_plans_snapshot(program)["deficit"],
        competence_plan=_plans_snapshot(program)["competence"],
        model_plan=_plans_snapshot(program)["model"],
        events=events,
        source_program=program,
        published_by=user,
    )
    program.is_good_practice = True
    program.save(update_fields=["is_good_practice", "updated_at"])
    return template


def calendar_token_for(user, *, renew: bool = False) -> CalendarToken:
    import secrets

    token, created = CalendarToken.objects.get_or_create(user=user)
    if renew and not created:
        token.token = secrets.token_urlsafe()
        token.save(update_fields=["token"])
    return token


def _name_pattern(person: Person):
    """The person's name as it may be written in a free text: full, short, in any stored case."""
    import re

    forms = {person.full_name, person.short_name}
    forms |= {
        getattr(person, f"name_{case}", "")
        for case in ("genitive", "dative", "accusative", "instrumental", "prepositional")
    }
    forms = sorted((form for form in forms if form and len(form) >= 3), key=len, reverse=True)
    if person.last_name and len(person.last_name) >= 3:
        forms.append(rf"{re.escape(person.last_name)}\w*")
    escaped = [form if form.endswith(r"\w*") else re.escape(form) for form in forms]
    return re.compile("|".join(escaped), re.IGNORECASE) if escaped else None


ERASED_NAME = "[ФИО удалено]"


def erase_person_data(*, person: Person, user=None) -> tuple[dict[str, int], list[str]]:
    """Destruction after a withdrawal (152-ФЗ art. 21 p. 5) in the programs: the mentee's reflections,
    the comments and the evidence files the person wrote or uploaded, and the person's name in the
    free text of the activity log (depersonalised). The program itself belongs to the organisation
    and stays. Returns the counts and the file names to delete on commit."""
    counts = {"reflections": 0, "comments": 0, "evidence_files": 0, "activity_notes": 0}
    files: list[str] = []
    program_ids = list(
        GroupMember.objects.filter(mentee_person=person)
        .exclude(group__program__isnull=True)
        .values_list("group__program", flat=True)
    )
    for program in Program.objects.filter(pk__in=program_ids):
        events = RoadmapEvent.objects.filter(program=program).exclude(reflection="")
        if GroupMember.objects.filter(group_id=program.group_id).exclude(mentee_person=person).exists():
            events = events.filter(responsible_person=person)
        counts["reflections"] += events.update(reflection="", updated_at=timezone.now())
    if user is not None:
        counts["comments"], _ = ProgramComment.objects.filter(author=user).delete()
        evidence = EvidenceFile.objects.filter(uploaded_by=user)
        files = [name for name in evidence.values_list("file", flat=True) if name]
        counts["evidence_files"], _ = evidence.delete()
    pattern = _name_pattern(person)
    if pattern is not None and person.last_name:
        for activity in ActivityLog.objects.filter(
            program__organization_id=person.organization_id, notes__icontains=person.last_name
        ):
            notes = pattern.sub(ERASED_NAME, activity.notes)
            if notes != activity.notes:
                ActivityLog.objects.filter(pk=activity.pk).update(notes=notes, updated_at=timezone.now())
                counts["activity_notes"] += 1
    return counts, files
