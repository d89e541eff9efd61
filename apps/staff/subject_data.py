"""Everything the portal holds about one person, gathered for the subject's request (152-ФЗ art. 14).

``subject_data(person)`` returns the sections of the answer (the registry card, the consents and
their history, the banks, pairs, orders naming the person, programs, the work log, assessments,
surveys, individual routes, notifications and the journal of access to the person's data), each a
title and a table. One SQL query per section whatever the number of rows: the querysets load their
relations with ``select_related``/``prefetch_related``, and the values are read in Python.

Survey answers are stored without a link to the person (``apps.monitoring.models``): the answer
lists the surveys the person was asked to fill and when they answered, and says that the answers
themselves cannot be attributed to anyone, the person included.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.db.models import Model, Q
from django.utils import timezone

from .models import Person, PersonalDataConsent
from .services import PERSON_FIELDS


@dataclass
class Section:
    """One table of the answer: a sheet of the workbook and a line of the cover letter."""

    title: str  # sheet title (at most 31 characters)
    description: str  # what it is, for the cover letter
    columns: Sequence[str]
    rows: list[Sequence] = field(default_factory=list)
    widths: Sequence[float] = ()


@dataclass
class SubjectData:
    person: Person
    generated_at: datetime
    sections: list[Section]
    consent: PersonalDataConsent | None  # the latest consent: the terms of processing in the letter

    def section(self, title: str) -> Section:
        return next(s for s in self.sections if s.title == title)


def _display(obj: Model, name: str):
    """A field's value as the person would read it: the label of a choice, the str of a relation."""
    value = getattr(obj, name)
    getter = getattr(obj, f"get_{name}_display", None)
    if getter is not None and value not in (None, ""):
        return getter()
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, datetime):
        return timezone.localtime(value)
    return value


def _table(
    title: str,
    description: str,
    objects: Iterable[Model],
    columns: Sequence[tuple[str, str | Callable]],
    widths: Sequence[float] = (),
) -> Section:
    rows = [
        [accessor(obj) if callable(accessor) else _display(obj, accessor) for _, accessor in columns]
        for obj in objects
    ]
    return Section(title, description, [header for header, _ in columns], rows, widths)


def _yes_no(value) -> str:
    return "да" if value else "нет"


# --- The sections --------------------------------------------------------------------------------

# The card: every field a registry entry is written with (the form and the Excel import).
CARD_FIELDS = PERSON_FIELDS


def _card(person: Person) -> Section:
    rows: list[list] = [["Организация (оператор)", person.organization.full_name]]
    for name in CARD_FIELDS:
        model_field = Person._meta.get_field(name)
        value = _display(person, name)
        if isinstance(value, bool):
            value = _yes_no(value)
        rows.append([str(model_field.verbose_name).capitalize(), value])
    rows.append(["Предметы / направления", "; ".join(s.name for s in person.subjects.all())])
    rows.append(["Учётная запись портала", person.user.username if person.user_id else "нет"])
    return Section(
        "Карточка",
        "сведения реестра педагогических работников (карточка)",
        ["Сведение", "Значение"],
        rows,
        (36, 60),
    )


def _roles(person: Person) -> Section:
    from apps.accounts.models import Membership

    memberships = (
        Membership.objects.filter(user_id=person.user_id, organization_id=person.organization_id)
        .select_related("organization")
        .order_by("role", "pk")
        if person.user_id
        else Membership.objects.none()
    )
    return _table(
        "Роли в портале",
        "роли учётной записи в портале",
        memberships,
        [("Роль", "role"), ("Организация", "organization"), ("Действует", lambda m: _yes_no(m.is_active))],
        (30, 40, 12),
    )


def _consents(person: Person) -> Section:
    return _table(
        "Согласия на обработку ПДн",
        "согласия на обработку персональных данных, их отзыв и уничтожение данных",
        PersonalDataConsent.objects.filter(person=person).order_by("signed_on", "pk"),
        [
            ("Дата согласия", "signed_on"),
            ("Форма", "form"),
            ("Версия текста", "text_version"),
            ("Оператор", "operator_name"),
            ("Цель обработки", "purpose"),
            ("Перечень данных", "data_list"),
            ("Действия и способы", "actions"),
            ("Лица, обрабатывающие по поручению", "processors"),
            ("Срок действия", "term"),
            ("Адрес субъекта", "subject_address"),
            ("Документ, удостоверяющий личность", "subject_document"),
            ("Представитель", "representative"),
            ("Скан загружен", lambda c: _yes_no(c.scan)),
            ("Дата отзыва", "withdrawn_on"),
            ("Уничтожить до", "destruction_due"),
            ("Дата уничтожения", "destroyed_on"),
        ],
        (12, 18, 8, 24, 30, 30, 30, 24, 16, 24, 24, 16, 8, 12, 12, 12),
    )


EVENT_LABELS = {"insert": "создание записи", "update": "изменение", "delete": "удаление"}
# The services' history contexts (``pghistory.context(action=…)``) in words.
ACTION_LABELS = {
    "person_create": "внесение в реестр",
    "person_update": "изменение сведений",
    "consent_record": "оформление согласия",
    "consent_withdraw": "отзыв согласия",
}


def _history(person: Person) -> Section:
    """When the person's card and consents were created and changed (the change history), without
    repeating the values: those are on the other sheets."""
    person_events = apps.get_model("staff", "PersonEvent").objects.filter(pgh_obj_id=person.pk)
    consent_events = apps.get_model("staff", "PersonalDataConsentEvent").objects.filter(
        pgh_obj__person_id=person.pk
    )
    rows = []
    for label, qs in (("карточка", person_events), ("согласие", consent_events)):
        for at, event, action in qs.values_list(
            "pgh_created_at", "pgh_label", "pgh_context__metadata__action"
        ):
            rows.append(
                [
                    timezone.localtime(at),
                    label,
                    EVENT_LABELS.get(event, event),
                    ACTION_LABELS.get(action, action or ""),
                ]
            )
    rows.sort(key=lambda row: row[0])
    return Section(
        "История изменений",
        "история создания и изменения карточки и согласий",
        ["Когда", "Что", "Событие", "Операция"],
        rows,
        (18, 14, 18, 24),
    )


def _disclosures(person: Person) -> Section:
    model = apps.get_model("staff", "DisclosureConsent")
    return _table(
        "Согласия на раскрытие",
        "согласия на распространение и передачу персональных данных (ст. 10.1 152-ФЗ, ст. 88 ТК РФ)",
        model.objects.filter(person=person).order_by("signed_on", "pk"),
        [("Вид согласия", "kind"), ("Дата согласия", "signed_on"), ("Дата отзыва", "withdrawn_on")],
        (40, 14, 14),
    )


def _areas(items) -> str:
    return "; ".join(
        f"{i.get_area_display()} ({i.get_level_display()})" + (f": {i.comment}" if i.comment else "")
        for i in items
    )


def _mentor_bank(person: Person) -> Section:
    from apps.banks.models import MentorEntry

    return _table(
        "Банк наставников",
        "записи в банке наставников",
        MentorEntry.objects.filter(person=person)
        .select_related("year")
        .prefetch_related("strengths")
        .order_by("year__start_year"),
        [
            ("Учебный год", "year"),
            ("Статус", "status"),
            ("Источник", "source"),
            ("Опыт наставничества", "mentoring_experience"),
            ("Подтверждённые результаты", "confirmed_results"),
            ("Мотивация", "motivation"),
            ("Сильные стороны", lambda e: _areas(e.strengths.all())),
            ("Наибольшее число наставляемых", "max_mentees"),
            ("Дата согласия быть наставником", "consent_signed_on"),
            ("Дата освобождения", "released_on"),
            ("Виден в регионе", lambda e: _yes_no(e.visible_in_region)),
            ("Комментарий куратора", "review_comment"),
        ],
        (12, 14, 14, 30, 30, 30, 40, 10, 14, 14, 10, 30),
    )


def _mentee_bank(person: Person) -> Section:
    from apps.banks.models import MenteeEntry

    return _table(
        "Банк наставляемых",
        "записи в банке наставляемых (категория, запрос, профессиональные затруднения)",
        MenteeEntry.objects.filter(person=person)
        .select_related("year")
        .prefetch_related("difficulties")
        .order_by("year__start_year"),
        [
            ("Учебный год", "year"),
            ("Категория", "category"),
            ("Статус", "status"),
            ("Источник", "source"),
            ("Запрос", "request"),
            ("Затруднения", lambda e: _areas(e.difficulties.all())),
            ("Комментарий куратора", "review_comment"),
        ],
        (12, 30, 14, 14, 40, 50, 30),
    )


def _groups(person: Person) -> tuple[Section, list[int]]:
    from apps.pairs.models import MentoringGroup

    groups = list(
        MentoringGroup.objects.filter(Q(mentor__person=person) | Q(members__mentee_person=person))
        .distinct()
        .select_related("mentor__person", "assigned_order", "ended_order")
        .prefetch_related("members__mentee_person")
        .order_by("planned_start", "pk")
    )
    rows = []
    for group in groups:
        mine = [m for m in group.members.all() if m.mentee_person_id == person.pk]
        role = "наставник" if group.mentor.person_id == person.pk else "наставляемый"
        member = mine[0] if mine else None
        rows.append(
            [
                str(group),
                role,
                group.get_form_display(),
                group.get_direction_display(),
                group.get_status_display(),
                group.mentor.person.full_name,
                # A mentee sees their mentor, not the other mentees of a group (their data, not theirs).
                ", ".join(m.mentee_person.full_name for m in group.members.all())
                if role == "наставник"
                else "",
                group.planned_start,
                group.planned_end,
                group.started_on,
                group.ended_on,
                member.get_status_display() if member else "",
                member.joined_on if member else None,
                member.left_on if member else None,
            ]
        )
    return Section(
        "Пары и группы",
        "наставнические пары и группы с участием субъекта",
        [
            "Пара (группа)",
            "Роль",
            "Форма",
            "Направление",
            "Статус",
            "Наставник",
            "Наставляемые",
            "Плановое начало",
            "Плановое окончание",
            "Начало",
            "Окончание",
            "Участие",
            "Дата включения",
            "Дата выбытия",
        ],
        rows,
        (14, 14, 26, 26, 14, 30, 40, 12, 12, 12, 12, 14, 12, 12),
    ), [g.pk for g in groups]


def _duty_consents(person: Person) -> Section:
    from apps.pairs.models import DutyConsent

    return _table(
        "Согласия на обязанности",
        "согласия на возложение дополнительных обязанностей наставника (ст. 351.8 ТК РФ)",
        DutyConsent.objects.filter(person=person).select_related("group").order_by("signed_on", "pk"),
        [("Пара (группа)", "group"), ("Форма", "form"), ("Дата согласия", "signed_on")],
        (16, 26, 14),
    )


def _orders(person: Person) -> Section:
    from apps.orders.models import OrderParticipant

    return _table(
        "Приказы",
        "приказы руководителя, в которых назван субъект (номер, дата, заголовок)",
        OrderParticipant.objects.filter(person=person)
        .select_related("order")
        .order_by("order__date", "order__number", "pk"),
        [
            ("Номер", lambda p: p.order.number),
            ("Дата", lambda p: p.order.date),
            ("Заголовок", lambda p: p.order.title),
            ("Вид", lambda p: p.order.get_kind_display()),
            ("Статус", lambda p: p.order.get_status_display()),
            ("Роль в приказе", "role"),
            ("Ознакомлен(а)", "acknowledged_at"),
        ],
        (8, 12, 50, 30, 16, 16, 18),
    )


def _programs(group_ids: list[int]) -> tuple[Section, list[int]]:
    from apps.programs.models import Program

    programs = list(
        Program.objects.filter(group_id__in=group_ids)
        .select_related("group", "ending")
        .order_by("start", "pk")
    )
    section = _table(
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


def _activities(person: Person, program_ids: list[int]) -> Section:
    """The work log of the person's programs: as the mentor every line, as a mentee the lines that
    name them as a participant (or name nobody, i.e. the whole pair)."""
    from apps.programs.models import ActivityLog

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
    return _table(
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


def _assessments(person: Person) -> Section:
    model = apps.get_model("monitoring", "Assessment")
    return _table(
        "Оценки",
        "оценки знаний и умений в начале и в конце программы (уровень 2 модели Киркпатрика)",
        model.objects.filter(mentee=person).select_related("program").order_by("program_id", "area", "stage"),
        [
            ("Программа", "program"),
            ("Этап", "stage"),
            ("Кто оценивает", "rater"),
            ("Направление", "area"),
            ("Балл", lambda a: float(a.score)),
            ("Наибольший балл", lambda a: float(a.max_score)),
        ],
        (30, 18, 24, 30, 8, 10),
    )


def _observations(person: Person) -> Section:
    model = apps.get_model("monitoring", "ObservationProtocol")
    return _table(
        "Наблюдения",
        "протоколы посещения уроков (наблюдение профессиональной деятельности, уровень 3)",
        model.objects.filter(mentee=person).select_related("program").order_by("visited_on", "pk"),
        [
            ("Программа", "program"),
            ("Дата посещения", "visited_on"),
            ("Этап", "stage"),
            ("Наблюдатель", "observer_role"),
            ("Урок", "lesson"),
            ("Выводы и рекомендации", "notes"),
        ],
        (30, 12, 18, 24, 30, 50),
    )


def _surveys(person: Person) -> Section:
    model = apps.get_model("monitoring", "SurveyAssignment")
    return _table(
        "Анкетирование",
        "анкетирования, в которых субъекту предложено участвовать, и отметка об ответе "
        "(ответы хранятся обезличенно и с субъектом не связаны)",
        model.objects.filter(person=person).select_related("campaign", "program").order_by("opens_on", "pk"),
        [
            ("Анкетирование", "campaign"),
            ("Программа", "program"),
            ("Роль", "role"),
            ("Открыто с", "opens_on"),
            ("Ответить до", "due_on"),
            ("Ответ получен", "answered_at"),
        ],
        (36, 30, 14, 12, 12, 18),
    )


def _routes(person: Person) -> Section:
    model = apps.get_model("territory", "Route")
    return _table(
        "ИОМ",
        "индивидуальные образовательные маршруты",
        model.objects.filter(person=person).prefetch_related("actions").order_by("start_year", "pk"),
        [
            ("Годы", lambda r: f"{r.start_year}–{r.end_year}"),
            ("Тьютор", "tutor_name"),
            ("Статус", "status"),
            ("Мероприятия", lambda r: "; ".join(a.title for a in r.actions.all())),
        ],
        (12, 30, 14, 60),
    )


def _notifications(person: Person) -> Section:
    model = apps.get_model("notifications", "Notification")
    qs = model.objects.filter(user_id=person.user_id).order_by("created_at", "pk")
    return _table(
        "Уведомления",
        "уведомления, направленные субъекту в портале",
        qs if person.user_id else model.objects.none(),
        [("Когда", "created_at"), ("Вид", "kind"), ("Текст", "text"), ("Прочитано", "read_at")],
        (18, 30, 70, 18),
    )


def _access_journal(person: Person) -> Section:
    """Who (by role) viewed, printed or exported the person's card and consents: 152-ФЗ art. 14
    p. 7 asks for the processing done; the journal keeps no values, so neither does this sheet."""
    from apps.audit.models import AccessEvent

    consent_ids = [
        str(pk) for pk in PersonalDataConsent.objects.filter(person=person).values_list("pk", flat=True)
    ]
    qs = (
        AccessEvent.objects.filter(
            Q(object_type="staff.person", object_id=str(person.pk))
            | Q(object_type="staff.personaldataconsent", object_id__in=consent_ids)
        )
        .select_related("organization")
        .order_by("at", "pk")
    )
    return _table(
        "Журнал доступа",
        "журнал действий с персональными данными субъекта (просмотр, печать, выгрузка)",
        qs,
        [("Когда", "at"), ("Действие", "action"), ("Роль", "role"), ("Организация", "organization")],
        (18, 14, 40, 40),
    )


def subject_data(*, person: Person) -> SubjectData:
    """The whole answer to the subject's request, in a bounded number of queries. ``person`` comes
    from ``person_for_card`` (the caller checked the permission)."""
    groups, group_ids = _groups(person)
    programs, program_ids = _programs(group_ids)
    sections = [
        _card(person),
        _roles(person),
        _consents(person),
        _history(person),
        _disclosures(person),
        _mentor_bank(person),
        _mentee_bank(person),
        groups,
        _duty_consents(person),
        _orders(person),
        programs,
        _activities(person, program_ids),
        _assessments(person),
        _observations(person),
        _surveys(person),
        _routes(person),
        _notifications(person),
        _access_journal(person),
    ]
    consent = PersonalDataConsent.objects.filter(person=person).order_by("-signed_on", "-pk").first()
    return SubjectData(person=person, generated_at=timezone.now(), sections=sections, consent=consent)


def as_cell(value):
    """Values of a section as the workbook writer takes them."""
    if isinstance(value, date | datetime | int | float | bool) or value is None:
        return value
    return str(value)
