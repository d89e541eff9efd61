"""The programs' sections of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: the programs of the person's pairs and groups and the
lines of their work log that concern the person, one query each whatever the number of rows."""

from django.db.models import Q

from apps.pairs.models import MentoringGroup
from apps.staff.subject_data import Section, table

from .models import ActivityLog, Program


def _programs(person) -> tuple[Section, list[int]]:
    """The programs of the person's pairs and groups (as the mentor or a mentee)."""
    groups = MentoringGroup.objects.filter(Q(mentor__person=person) | Q(members__mentee_person=person))
    programs = list(
        Program.objects.filter(group__in=groups).select_related("group", "ending").order_by("start", "pk")
    )
    section = table(
        "Программы",
        "персонализированные программы наставничества пар и групп субъекта",
        programs,
        [
            ("Программа", "title"),
            ("Пара (группа)", "group"),
            ("Статус", "status"),
            ("Начало", "start"),
            ("Окончание", "end"),
            ("Режим", "mode"),
            ("Цель", "goal"),
            ("Задачи", "tasks"),
            ("Завершена", "finished_on"),
            ("Основание завершения", lambda p: _ending(p, "get_reason_display")),
            ("Обстоятельства", lambda p: _ending(p, "explanation")),
        ],
        (40, 14, 14, 12, 12, 14, 40, 40, 12, 40, 40),
    )
    return section, [p.pk for p in programs]


def _ending(program, attribute: str) -> str:
    ending = getattr(program, "ending", None)
    if ending is None:
        return ""
    value = getattr(ending, attribute)
    return value() if callable(value) else value


def _activities(person, program_ids: list[int]) -> Section:
    """The work log of the person's programs: as the mentor every line, as a mentee the lines that
    name them as a participant (or name nobody, i.e. the whole pair)."""
    lines = (
        ActivityLog.objects.filter(program_id__in=program_ids)
        .select_related("program__group__mentor", "event")
        .prefetch_related("participants")
        .order_by("date", "pk")
    )
    mine = []
    for line in lines:
        names = [m.mentee_person_id for m in line.participants.all()]
        if line.program.group.mentor.person_id == person.pk or not names or person.pk in names:
            mine.append(line)
    return table(
        "Журнал работы",
        "записи журнала проведённой работы по программам",
        mine,
        [
            ("Дата", "date"),
            ("Программа", "program"),
            ("Вид работы", "kind"),
            ("Формат", "format"),
            ("Продолжительность, мин", "minutes"),
            ("Мероприятие дорожной карты", "event"),
            ("Что сделано", "notes"),
        ],
        (12, 30, 20, 10, 10, 30, 50),
    )


def sections(*, person) -> list[Section]:
    programs, program_ids = _programs(person)
    return [programs, _activities(person, program_ids)]
