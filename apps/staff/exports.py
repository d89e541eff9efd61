"""Excel export of the staff registry: the rows of the (filtered) list, one query whatever their number."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpResponse

from apps.core.xlsx import Column, Sheet, dated_filename, xlsx_response

from .models import Person, PersonalDataConsent, Subject

COLUMNS = [
    Column("Фамилия", 18),
    Column("Имя", 14),
    Column("Отчество", 18),
    Column("Пол", 9),
    Column("Дата рождения", 13),
    Column("Должность", 30, wrap=True),
    Column("Предметы / направления", 30, wrap=True),
    Column("Общий стаж, лет", 10),
    Column("Педагогический стаж, лет", 13),
    Column("Квалификационная категория", 22),
    Column("Дата присвоения категории", 13),
    Column("Уровень образования", 18),
    Column("Педагогическое образование", 14),
    Column("Образовательная организация (окончил)", 30, wrap=True),
    Column("Год окончания", 10),
    Column("Дата приёма на работу", 13),
    Column("Дата увольнения", 13),
    Column("Электронная почта", 26),
    Column("Телефон", 18),
    Column("Внешний участник", 11),
    Column("Место работы внешнего участника", 26, wrap=True),
    Column("Согласие на обработку ПДн", 26),
]

_SEX = dict(Person.Sex.choices)
_CATEGORY = dict(Person.Category.choices)
_EDUCATION = dict(Person.EducationLevel.choices)


def consent_state(valid_since, withdrawn_on) -> str:
    """«действует с 01.09.2026», «отозвано 10.10.2026» or «нет»."""
    if valid_since:
        return f"действует с {valid_since:%d.%m.%Y}"
    if withdrawn_on:
        return f"отозвано {withdrawn_on:%d.%m.%Y}"
    return "нет"


def with_export_columns(queryset: QuerySet[Person]) -> QuerySet:
    """The values the export needs, in one SQL query: subjects and consent come as subqueries, so
    a filter that joined subjects (or anything else) in ``queryset`` cannot multiply or cut them."""
    valid_consent = PersonalDataConsent.objects.filter(
        person=OuterRef("pk"), withdrawn_on__isnull=True, destroyed_on__isnull=True
    ).order_by("-signed_on", "-pk")
    last_withdrawn = PersonalDataConsent.objects.filter(
        person=OuterRef("pk"), withdrawn_on__isnull=False
    ).order_by("-withdrawn_on", "-pk")
    return queryset.annotate(
        x_subjects=ArraySubquery(
            Subject.objects.filter(people=OuterRef("pk")).order_by("name").values("name")
        ),
        x_consent_since=Subquery(valid_consent.values("signed_on")[:1]),
        x_consent_withdrawn=Subquery(last_withdrawn.values("withdrawn_on")[:1]),
    ).values_list(
        "last_name",
        "first_name",
        "patronymic",
        "sex",
        "birth_date",
        "position__name",
        "x_subjects",
        "total_experience_years",
        "pedagogical_experience_years",
        "qualification_category",
        "category_date",
        "education_level",
        "education_pedagogical",
        "education_institution",
        "education_year",
        "hire_date",
        "left_on",
        "email",
        "phone",
        "is_external",
        "external_organization",
        "x_consent_since",
        "x_consent_withdrawn",
    )


def _rows(queryset: QuerySet[Person]):
    for (
        last_name,
        first_name,
        patronymic,
        sex,
        birth_date,
        position,
        subjects,
        total_exp,
        ped_exp,
        category,
        category_date,
        education_level,
        education_pedagogical,
        institution,
        education_year,
        hire_date,
        left_on,
        email,
        phone,
        is_external,
        external_organization,
        consent_since,
        consent_withdrawn,
    ) in with_export_columns(queryset).iterator(chunk_size=2000):
        yield (
            last_name,
            first_name,
            patronymic,
            _SEX.get(sex, ""),
            birth_date,
            position,
            "; ".join(subjects or ()),
            total_exp,
            ped_exp,
            _CATEGORY.get(category, category),
            category_date,
            _EDUCATION.get(education_level, ""),
            education_pedagogical,
            institution,
            education_year,
            hire_date,
            left_on,
            email,
            phone,
            is_external,
            external_organization,
            consent_state(consent_since, consent_withdrawn),
        )


def people_xlsx(
    queryset: QuerySet[Person], *, filename: str = "Реестр педагогических работников"
) -> HttpResponse:
    """The staff registry as .xlsx: pass the list's filtered (and scoped!) queryset; its order is kept."""
    return xlsx_response(
        dated_filename(filename),
        Sheet(title="Педагогические работники", columns=COLUMNS, rows=_rows(queryset)),
    )
