"""Excel export of the mentee and mentor banks: the rows of the (filtered) list in one SQL query.

Difficulties and strengths come as one column per area («высокий: не умею …»), so the curator can
filter the sheet by an area the way the council of mentors matches pairs.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.http import HttpResponse
from django.utils import timezone

from apps.core.xlsx import Column, Sheet, dated_filename, xlsx_response
from apps.staff.exports import consent_state
from apps.staff.models import Person, PersonalDataConsent, Subject

from .models import Area, Level, MenteeDifficulty, MenteeEntry, MentorEntry, MentorStrength

_AREAS = list(Area)
_LEVEL = dict(Level.choices)
_CATEGORY = dict(Person.Category.choices)
_SEPARATOR = "\x1f"  # cannot occur in a comment typed into a form


def _area_values(model) -> ArraySubquery:
    """["area␟level␟comment", …] of one entry, as an array in the entry's own row."""
    return ArraySubquery(
        model.objects.filter(entry=OuterRef("pk"))
        .order_by("area")
        .values(
            packed=Concat(
                "area",
                Value(_SEPARATOR),
                Cast("level", CharField()),
                Value(_SEPARATOR),
                "comment",
                output_field=CharField(),
            )
        )
    )


def _by_area(packed: list[str] | None) -> list[str]:
    """One cell per area: «высокий» or «высокий: в чём затруднение», empty where nothing is noted."""
    cells = dict.fromkeys((a.value for a in _AREAS), "")
    for item in packed or ():
        area, level, comment = item.split(_SEPARATOR, 2)
        text = _LEVEL.get(int(level), level)
        cells[area] = f"{text}: {comment}" if comment else text
    return [cells[a.value] for a in _AREAS]


def _common_annotations():
    person = OuterRef("person_id")
    return {
        "x_subjects": ArraySubquery(Subject.objects.filter(people=person).order_by("name").values("name")),
        "x_consent_since": Subquery(
            PersonalDataConsent.objects.filter(
                person=person, withdrawn_on__isnull=True, destroyed_on__isnull=True
            )
            .order_by("-signed_on", "-pk")
            .values("signed_on")[:1]
        ),
        "x_consent_withdrawn": Subquery(
            PersonalDataConsent.objects.filter(person=person, withdrawn_on__isnull=False)
            .order_by("-withdrawn_on", "-pk")
            .values("withdrawn_on")[:1]
        ),
    }


_PERSON_FIELDS = (
    "year__start_year",
    "person__last_name",
    "person__first_name",
    "person__patronymic",
    "person__position__name",
    "x_subjects",
    "person__pedagogical_experience_years",
    "person__qualification_category",
    "person__email",
    "person__phone",
)

_PERSON_COLUMNS = [
    Column("Учебный год", 11),
    Column("ФИО", 34),
    Column("Должность", 28, wrap=True),
    Column("Предметы / направления", 28, wrap=True),
    Column("Педагогический стаж, лет", 13),
    Column("Квалификационная категория", 20),
    Column("Электронная почта", 24),
    Column("Телефон", 17),
]


def _person_cells(values) -> list:
    start_year, last, first, patronymic, position, subjects, ped_exp, category, email, phone = values
    return [
        f"{start_year}/{start_year + 1}" if start_year else "",
        " ".join(p for p in (last, first, patronymic) if p),
        position,
        "; ".join(subjects or ()),
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
    Column("Согласие на обработку ПДн", 22),
    Column("Внесено в банк", 13),
]

_MENTEE_CATEGORY = dict(MenteeEntry.Category.choices)
_MENTEE_STATUS = dict(MenteeEntry.Status.choices)
_MENTEE_SOURCE = dict(MenteeEntry.Source.choices)


def _mentee_rows(queryset: QuerySet[MenteeEntry]):
    values = queryset.annotate(**_common_annotations(), x_areas=_area_values(MenteeDifficulty)).values_list(
        *_PERSON_FIELDS,
        "category",
        "status",
        "source",
        "request",
        "x_areas",
        "needs_rediagnosis",
        "x_consent_since",
        "x_consent_withdrawn",
        "created_at",
    )
    n = len(_PERSON_FIELDS)
    for row in values.iterator(chunk_size=2000):
        category, status, source, request, areas, rediagnosis, since, withdrawn, created = row[n:]
        yield [
            *_person_cells(row[:n]),
            _MENTEE_CATEGORY.get(category, category),
            _MENTEE_STATUS.get(status, status),
            _MENTEE_SOURCE.get(source, source),
            request,
            *_by_area(areas),
            rediagnosis,
            consent_state(since, withdrawn),
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
    *(Column(f"Сильные стороны: {area.label}", 24, wrap=True) for area in _AREAS),
    Column("Подтверждённые результаты", 40, wrap=True),
    Column("Почему хочу быть наставником", 32, wrap=True),
    Column("Наибольшее число наставляемых", 13),
    Column("Дата письменного согласия быть наставником", 14),
    Column("Дата утверждения", 13),
    Column("Дата освобождения", 13),
    Column("Виден другим организациям региона", 13),
    Column("Согласие на обработку ПДн", 22),
]

_MENTOR_STATUS = dict(MentorEntry.Status.choices)


def _mentor_rows(queryset: QuerySet[MentorEntry]):
    values = queryset.annotate(**_common_annotations(), x_areas=_area_values(MentorStrength)).values_list(
        *_PERSON_FIELDS,
        "status",
        "x_areas",
        "confirmed_results",
        "motivation",
        "max_mentees",
        "consent_signed_on",
        "approved_at",
        "released_on",
        "visible_in_region",
        "x_consent_since",
        "x_consent_withdrawn",
    )
    n = len(_PERSON_FIELDS)
    for row in values.iterator(chunk_size=2000):
        status, areas, results, motivation, max_mentees, consent_on, approved_at = row[n : n + 7]
        released_on, visible, since, withdrawn = row[n + 7 :]
        yield [
            *_person_cells(row[:n]),
            _MENTOR_STATUS.get(status, status),
            *_by_area(areas),
            results,
            motivation,
            max_mentees,
            consent_on,
            timezone.localdate(approved_at) if approved_at else None,
            released_on,
            visible,
            consent_state(since, withdrawn),
        ]


def mentor_bank_xlsx(queryset: QuerySet[MentorEntry], *, filename: str = "Банк наставников") -> HttpResponse:
    """The mentor bank as .xlsx: pass the list's filtered (and scoped!) queryset; its order is kept."""
    return xlsx_response(
        dated_filename(filename),
        Sheet(title="Банк наставников", columns=MENTOR_COLUMNS, rows=_mentor_rows(queryset)),
    )
