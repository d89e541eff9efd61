"""Everything the portal holds about one person, gathered for the subject's request (152-ФЗ art. 14).

``subject_data(person)`` returns the sections of the answer (the registry card, the consents and
their history, the banks, pairs, orders naming the person, programs, the work log, assessments,
surveys, individual routes, notifications and the journal of access to the person's data), each a
title and a table. One SQL query per section whatever the number of rows: the querysets load their
relations with ``select_related``/``prefetch_related``, and the values are read in Python.

Survey answers are stored without a link to the person (``apps.monitoring.models``): the answer
lists the surveys the person was asked to fill and when they answered, and says that the answers
themselves cannot be attributed to anyone, the person included.

The registry's own sections are here; each app above adds its own (``hooks.subject_data_sections``,
built with ``table``), in the order of the apps.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.db.models import Model, Q
from django.utils import timezone

from . import hooks
from .models import DisclosureConsent, Person, PersonalDataConsent
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


def table(
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


def yes_no(value) -> str:
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
            value = yes_no(value)
        rows.append([str(model_field.verbose_name).capitalize(), value])
    rows.append(["Предметы и направления", "; ".join(s.name for s in person.subjects.all())])
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
    return table(
        "Роли в портале",
        "роли учётной записи в портале",
        memberships,
        [("Роль", "role"), ("Организация", "organization"), ("Действует", lambda m: yes_no(m.is_active))],
        (30, 40, 12),
    )


def _consents(person: Person) -> Section:
    return table(
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
            ("Скан загружен", lambda c: yes_no(c.scan)),
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
    "person_import": "загрузка из Excel",
    "person_import_update": "обновление сведений из Excel",
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
    return table(
        "Согласия на раскрытие",
        "согласия на распространение и передачу персональных данных (ст. 10.1 152-ФЗ, ст. 88 ТК РФ)",
        DisclosureConsent.objects.filter(person=person).order_by("signed_on", "pk"),
        [("Вид согласия", "kind"), ("Дата согласия", "signed_on"), ("Дата отзыва", "withdrawn_on")],
        (40, 14, 14),
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
    return table(
        "Журнал доступа",
        "журнал действий с персональными данными субъекта (просмотр, печать, выгрузка)",
        qs,
        [("Когда", "at"), ("Действие", "action"), ("Роль", "role"), ("Организация", "organization")],
        (18, 14, 40, 40),
    )


def subject_data(*, person: Person) -> SubjectData:
    """The whole answer to the subject's request, in a bounded number of queries. ``person`` comes
    from ``person_for_card`` (the caller checked the permission). The registry's sections, then those
    of the apps above in their order (``hooks.subject_data_sections``), then the access journal."""
    sections = [_card(person), _roles(person), _consents(person), _history(person), _disclosures(person)]
    for contributed in hooks.subject_data_sections.call(person=person):
        sections.extend(contributed)
    sections.append(_access_journal(person))
    consent = PersonalDataConsent.objects.filter(person=person).order_by("-signed_on", "-pk").first()
    return SubjectData(person=person, generated_at=timezone.now(), sections=sections, consent=consent)


def as_cell(value):
    """Values of a section as the workbook writer takes them."""
    if isinstance(value, date | datetime | int | float | bool) or value is None:
        return value
    return str(value)
