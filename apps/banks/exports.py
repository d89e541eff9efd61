"""Excel export of the mentee and mentor banks: the rows of the (filtered) list in four SQL queries
whatever their number (the entries, their areas, the people's subjects and consents).

Difficulties and strengths come as one column per area («высокий: не умею …»), so the curator can
filter the sheet by an area the way the council of mentors matches pairs.
"""

from collections import defaultdict

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from apps.core.xlsx import Column, Sheet, dated_filename, xlsx_response
from apps.staff.exports import consent_states, subjects_by_person
from apps.staff.models import Person

from .models import Area, Level, MenteeDifficulty, MenteeEntry, MentorEntry, MentoringForm, MentorStrength
from .selectors import mentor_load_annotation

_AREAS = list(Area)
_LEVEL = dict(Level.choices)
_CATEGORY = dict(Person.Category.choices)


def _areas_by_entry(model, entry_ids: QuerySet) -> dict[int, list[str]]:
    """{entry id: one cell per area}: «высокий» or «высокий: в чём затруднение», empty where nothing."""
    cells: dict[int, dict[str, str]] = defaultdict(dict)
    for entry_id, area, level, comment in model.objects.filter(entry_id__in=entry_ids).values_list(
        "entry_id", "area", "level", "comment"
    ):
        text = _LEVEL.get(level, str(level))
        cells[entry_id][area] = f"{text}: {comment}" if comment else text
    return {entry_id: [by_area.get(a.value, "") for a in _AREAS] for entry_id, by_area in cells.items()}


_NO_AREAS = [""] * len(_AREAS)


class _Lookups:
    """What the rows of one export need besides their own columns, fetched once for the whole list."""

    def __init__(self, queryset: QuerySet, area_model):
        person_ids = queryset.values("person_id")
        self.subjects = subjects_by_person(person_ids)
        self.consents = consent_states(person_ids)
        self.areas = _areas_by_entry(area_model, queryset.values("pk"))


_PERSON_FIELDS = (
    "pk",
    "person_id",
    "year__start_year",
    "person__last_name",
    "person__first_name",
    "person__patronymic",
    "person__position__name",
    "person__pedagogical_experience_years",
    "person__qualification_category",
    "person__email",
    "person__phone",
)

_PERSON_COLUMNS = [
    Column("Учебный год", 11),
    Column("ФИО", 34),
    Column("Должность", 28, wrap=True),
    Column("Предметы и направления", 28, wrap=True),
    Column("Педагогический стаж, лет", 13),
    Column("Квалификационная категория", 20),
    Column("Электронная почта", 24),
    Column("Телефон", 17),
]


def _person_cells(values, lookups: _Lookups) -> list:
    _pk, person_id, start_year, last, first, patronymic, position, ped_exp, category, email, phone = values
    return [
        f"{start_year}/{start_year + 1}" if start_year else "",
        " ".join(p for p in (last, first, patronymic) if p),
        position,
        lookups.subjects.get(person_id, ""),
        ped_exp,
        _CATEGORY.get(category, category),
        email,
        phone,
    ]


# Mentee bank ------------------------------------------------------------------------------------

MENTEE_COLUMNS = [
    *_PERSON_COLUMNS,
    Column("Категория наставляемого", 30, wrap=True),
    Column("Статус", 18),
    Column("Источник", 24, wrap=True),
    Column("Запрос наставляемого", 40, wrap=True),
    *(Column(f"Затруднения: {area.label}", 24, wrap=True) for area in _AREAS),
    Column("Нужна повторная диагностика", 13),
    Column("Комментарий куратора", 30, wrap=True),
    Column("Согласие на обработку ПДн", 22),
    Column("Внесено в банк", 13),
]

_MENTEE_CATEGORY = dict(MenteeEntry.Category.choices)
_MENTEE_STATUS = dict(MenteeEntry.Status.choices)
_MENTEE_SOURCE = dict(MenteeEntry.Source.choices)


def _mentee_rows(queryset: QuerySet[MenteeEntry]):
    lookups = _Lookups(queryset, MenteeDifficulty)
    values = queryset.values_list(
        *_PERSON_FIELDS,
        "category",
        "status",
        "source",
        "request",
        "needs_rediagnosis",
        "review_comment",
        "created_at",
    )
    n = len(_PERSON_FIELDS)
    for row in values.iterator(chunk_size=2000):
        pk, person_id = row[0], row[1]
        category, status, source, request, rediagnosis, comment, created = row[n:]
        yield [
            *_person_cells(row[:n], lookups),
            _MENTEE_CATEGORY.get(category, category),
            _MENTEE_STATUS.get(status, status),
            _MENTEE_SOURCE.get(source, source),
            request,
            *lookups.areas.get(pk, _NO_AREAS),
            rediagnosis,
            comment,
            lookups.consents.get(person_id, "нет"),
            timezone.localdate(created) if created else None,
        ]


def mentee_bank_xlsx(queryset: QuerySet[MenteeEntry], *, filename: str = "Банк наставляемых") -> HttpResponse:
    """The mentee bank as .xlsx: pass the list's filtered (and scoped!) queryset; its order is kept."""
    return xlsx_response(
        dated_filename(filename),
        Sheet(title="Банк наставляемых", columns=MENTEE_COLUMNS, rows=_mentee_rows(queryset)),
    )


# Mentor bank ------------------------------------------------------------------------------------

MENTOR_COLUMNS = [
    *_PERSON_COLUMNS,
    Column("Статус", 20),
    Column("Источник", 22, wrap=True),
    Column("Текущая нагрузка (наставляемых)", 13),
    Column("Наибольшее число наставляемых", 13),
    *(Column(f"Сильные стороны: {area.label}", 24, wrap=True) for area in _AREAS),
    Column("Подтверждённые результаты", 40, wrap=True),
    Column("Опыт наставничества", 32, wrap=True),
    Column("Почему хочу быть наставником", 32, wrap=True),
    Column("Предпочтительные формы наставничества", 32, wrap=True),
    Column("Дата письменного согласия быть наставником", 14),
    Column("Дата утверждения", 13),
    Column("Дата освобождения", 13),
    Column("Виден другим организациям региона", 13),
    Column("Нужна повторная оценка компетенций", 13),
    Column("Комментарий куратора", 30, wrap=True),
    Column("Согласие на обработку ПДн", 22),
]

_MENTOR_STATUS = dict(MentorEntry.Status.choices)
_MENTOR_SOURCE = dict(MentorEntry.Source.choices)
_FORMS = dict(MentoringForm.choices)


def _mentor_rows(queryset: QuerySet[MentorEntry]):
    lookups = _Lookups(queryset, MentorStrength)
    if "load" not in queryset.query.annotations:  # the bank list's selector annotates it already
        queryset = queryset.annotate(load=mentor_load_annotation())
    values = queryset.values_list(
        *_PERSON_FIELDS,
        "status",
        "source",
        "load",
        "max_mentees",
        "confirmed_results",
        "mentoring_experience",
        "motivation",
        "preferred_forms",
        "consent_signed_on",
        "approved_at",
        "released_on",
        "visible_in_region",
        "needs_rediagnosis",
        "review_comment",
    )
    n = len(_PERSON_FIELDS)
    for row in values.iterator(chunk_size=2000):
        pk, person_id = row[0], row[1]
        status, source, load, max_mentees, results, experience, motivation, forms = row[n : n + 8]
        consent_on, approved_at, released_on, visible, reassess, comment = row[n + 8 :]
        yield [
            *_person_cells(row[:n], lookups),
            _MENTOR_STATUS.get(status, status),
            _MENTOR_SOURCE.get(source, source),
            load,
            max_mentees,
            *lookups.areas.get(pk, _NO_AREAS),
            results,
            experience,
            motivation,
            "; ".join(_FORMS.get(f, f) for f in forms or ()),
            consent_on,
            timezone.localdate(approved_at) if approved_at else None,
            released_on,
            visible,
            reassess,
            comment,
            lookups.consents.get(person_id, "нет"),
        ]


def mentor_bank_xlsx(queryset: QuerySet[MentorEntry], *, filename: str = "Банк наставников") -> HttpResponse:
    """The mentor bank as .xlsx: pass the list's filtered (and scoped!) queryset; its order is kept."""
    return xlsx_response(
        dated_filename(filename),
        Sheet(title="Банк наставников", columns=MENTOR_COLUMNS, rows=_mentor_rows(queryset)),
    )
