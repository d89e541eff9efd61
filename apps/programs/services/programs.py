"""Writes about a program itself: creating it, editing its text (optimistic locking), agreement
and approval; the helpers the other service modules share."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from apps.core import locking
from apps.core.exceptions import DomainError
from apps.pairs.models import MentoringGroup, MentoringType
from apps.pairs.selectors import participants
from apps.staff.models import Person

from ..dates import check_length, fit_to_term
from ..models import (
    SECTION_FIELDS,
    SECTIONS,
    CompetencePlanItem,
    DeficitPlanItem,
    Mode,
    ModelPlanItem,
    Program,
    ProgramAgreement,
    ProgramTemplate,
    ProgramVersion,
    RoadmapEvent,
)

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

    The program's own ``version`` is the lock token (agreements are given to its ``revision``);
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


def open_revision(program: Program) -> list[str]:
    """Make the program's edition (редакция) the one an edit may go into; return the fields to save.

    An edition stays open while nobody has agreed with it: a session of edits — the sections, ten
    plan rows — is one edition, not one per row. Once a participant has agreed, the next edit opens a
    new edition and the agreement stays with the text it was given to. (The rule of the monitoring
    questionnaires: the version is edited in place while nobody answered it.)"""
    if ProgramAgreement.objects.filter(program=program, revision=program.revision).exists():
        program.revision += 1
        return ["revision"]
    return []


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
                value = template.sections[name]
                setattr(program, name, fit_to_term(value, start, end) if isinstance(value, str) else value)
        program.source_template = template
    program.save()
    if template is not None:
        _copy_plans(program, template)
    return program


def _copy_plans(program: Program, template: ProgramTemplate) -> None:
    """The bank program's plans and roadmap with the dates of this program's own term (fit_to_term)."""

    def fitted(row: dict) -> dict:
        return {
            k: fit_to_term(v, program.start, program.end) if isinstance(v, str) else v for k, v in row.items()
        }

    DeficitPlanItem.objects.bulk_create(
        DeficitPlanItem(program=program, position=n, **fitted(row))
        for n, row in enumerate(template.deficit_plan)
    )
    CompetencePlanItem.objects.bulk_create(
        CompetencePlanItem(program=program, position=n, **fitted(row))
        for n, row in enumerate(template.competence_plan)
    )
    ModelPlanItem.objects.bulk_create(
        ModelPlanItem(program=program, position=n, **fitted(row)) for n, row in enumerate(template.model_plan)
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
                title=fit_to_term(row["title"], program.start, program.end),
                form=row["form"],
                start=start,
                end=end,
                responsible=row["responsible"],
                responsible_other=row.get("responsible_other", ""),
                product=row.get("product", ""),
                expected_result=fit_to_term(row.get("expected_result", ""), program.start, program.end),
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
    program.save(update_fields=[*changed, "version", *open_revision(program), "updated_at"])
    return program


# Agreement and approval -----------------------------------------------------------------------------


def missing_agreements(program: Program) -> list[Person]:
    agreed = set(
        ProgramAgreement.objects.filter(program=program, revision=program.revision).values_list(
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
        program=program, person=person, revision=program.revision
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
        program=program, person=person, revision=program.revision
    )
    return agreement


@transaction.atomic
def program_submit(*, program: Program, user) -> Program:
    """Проект → на согласовании."""
    program = _lock(program)
    program.require_move(
        Program.Status.ON_APPROVAL, "Направить на согласование можно только проект программы."
    )
    if not (program.goal.strip() and program.tasks.strip()):
        raise DomainError("Перед согласованием заполните цель и задачи программы.")
    program.status = Program.Status.ON_APPROVAL
    program.save(update_fields=["status", "updated_at"])
    return program


@transaction.atomic
def program_return(*, program: Program, user) -> Program:
    """На согласовании → проект (the curator returns it for rework)."""
    program = _lock(program)
    program.require_move(Program.Status.DRAFT, "Вернуть на доработку можно только программу на согласовании.")
    program.status = Program.Status.DRAFT
    program.save(update_fields=["status", "updated_at"])
    return program


@transaction.atomic
def program_approve(
    *,
    program: Program,
    user,
    council_protocol_number: str = "",
    council_protocol_date: date | None = None,
) -> Program:
    """На согласовании → утверждена: every participant must have agreed with the current text.

    The protocol of the pedagogical council that considered the program (number and date, both or
    neither) goes to the title page: «РАССМОТРЕНО на педагогическом совете, протокол № … от …»."""
    program = _lock(program)
    program.require_move(
        Program.Status.APPROVED, "Утвердить можно только программу, направленную на согласование."
    )
    number = (council_protocol_number or "").strip()
    if number and council_protocol_date is None:
        raise DomainError("Укажите дату протокола педагогического совета.", field="council_protocol_date")
    if council_protocol_date is not None and not number:
        raise DomainError("Укажите номер протокола педагогического совета.", field="council_protocol_number")
    if council_protocol_date is not None and council_protocol_date > timezone.localdate():
        raise DomainError(
            "Дата протокола педагогического совета не может быть позже сегодняшней.",
            field="council_protocol_date",
        )
    missing = missing_agreements(program)
    if missing:
        raise DomainError(
            "Не все участники подтвердили согласие с текущей редакцией программы: "
            + ", ".join(p.short_name for p in missing)
            + "."
        )
    check_length(program.start, program.end)
    program.status, program.approved_by, program.approved_at = Program.Status.APPROVED, user, timezone.now()
    program.council_protocol_number, program.council_protocol_date = number, council_protocol_date
    program.save(
        update_fields=[
            "status",
            "approved_by",
            "approved_at",
            "council_protocol_number",
            "council_protocol_date",
            "updated_at",
        ]
    )
    _save_version(program, user, "Программа утверждена куратором")
    return program
