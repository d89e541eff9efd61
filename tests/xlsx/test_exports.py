"""Exports of the registry and both banks: read back with openpyxl, one SQL query whatever the size."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.banks.exports import MENTEE_COLUMNS, MENTOR_COLUMNS, mentee_bank_xlsx, mentor_bank_xlsx
from apps.banks.models import Area, Level, MenteeEntry, MentorEntry, MentoringForm
from apps.banks.selectors import mentor_bank_list
from apps.staff.exports import COLUMNS as PEOPLE_COLUMNS
from apps.staff.exports import people_xlsx
from apps.staff.models import Person

from .conftest import read_response
from .factories import PersonFactory, consent_for, mentee_entry, mentor_entry

pytestmark = pytest.mark.django_db


def sheet_rows(response):
    ws = read_response(response).active
    rows = list(ws.iter_rows(values_only=True))
    return ws, [dict(zip(rows[0], row, strict=True)) for row in rows[1:]], rows[0]


@pytest.fixture
def morozova(cast, directory):
    person = PersonFactory(
        organization=cast.school,
        last_name="Морозова",
        first_name="Татьяна",
        patronymic="Сергеевна",
        birth_date=date(1978, 4, 2),
        position=directory["teacher"],
        total_experience_years=25,
        pedagogical_experience_years=22,
        qualification_category=Person.Category.HIGHEST,
        category_date=date(2022, 12, 15),
        education_level=Person.EducationLevel.HIGHER,
        education_institution='=HYPERLINK("http://evil.example","СурГПУ")',
        hire_date=date(2001, 9, 1),
        email="morozova@school7.ru",
        phone="+7 912 000-11-22",
    )
    person.subjects.set([directory["math"], directory["cs"]])
    consent_for(person, signed_on=date(2026, 9, 1))
    return person


def test_people_export_has_every_column_and_reads_back(cast, morozova):
    response = people_xlsx(Person.objects.filter(organization=cast.school))
    assert (
        "Реестр" in response["Content-Disposition"]
        or "%D0%A0%D0%B5%D0%B5%D1%81%D1%82%D1%80" in response["Content-Disposition"]
    )
    ws, rows, headers = sheet_rows(response)
    assert list(headers) == [c.title for c in PEOPLE_COLUMNS]
    assert ws.freeze_panes == "A2"
    row = rows[0]
    assert (row["Фамилия"], row["Имя"], row["Отчество"]) == ("Морозова", "Татьяна", "Сергеевна")
    assert row["Дата рождения"].date() == date(1978, 4, 2)
    assert row["Должность"] == "Учитель"
    assert row["Предметы и направления"] == "Информатика; Математика"
    assert row["Общий стаж, лет"] == 25
    assert row["Педагогический стаж, лет"] == 22
    assert row["Квалификационная категория"] == "высшая"
    assert row["Дата присвоения категории"].date() == date(2022, 12, 15)
    assert row["Уровень образования"] == "высшее"
    assert row["Педагогическое образование"] == "да"
    assert row["Электронная почта"] == "morozova@school7.ru"
    assert row["Телефон"] == "+7 912 000-11-22"
    assert row["Согласие на обработку ПДн"] == "действует с 01.09.2026"
    # A value that would be a formula is text with a leading apostrophe.
    assert row["Образовательная организация (окончил)"].startswith("'=HYPERLINK")


def test_people_export_shows_withdrawn_and_missing_consent(cast, directory):
    withdrawn = PersonFactory(organization=cast.school, last_name="Абрамова")
    consent_for(withdrawn, signed_on=date(2026, 9, 1), withdrawn_on=date(2026, 10, 5))
    PersonFactory(organization=cast.school, last_name="Белова")
    _ws, rows, _ = sheet_rows(people_xlsx(Person.objects.filter(organization=cast.school)))
    assert [(r["Фамилия"], r["Согласие на обработку ПДн"]) for r in rows] == [
        ("Абрамова", "отозвано 05.10.2026"),
        ("Белова", "нет"),
    ]


def test_people_export_keeps_the_filter_and_all_subjects_of_a_person(cast, morozova, directory):
    """A list filtered by one subject still exports each person once, with all their subjects."""
    PersonFactory(organization=cast.school, last_name="Ёлкина")
    PersonFactory(organization=cast.other_school, last_name="Чужая")
    queryset = Person.objects.filter(organization=cast.school, subjects=directory["math"]).distinct()
    _ws, rows, _ = sheet_rows(people_xlsx(queryset))
    assert [r["Фамилия"] for r in rows] == ["Морозова"]
    assert rows[0]["Предметы и направления"] == "Информатика; Математика"


def test_people_export_keeps_the_lists_order(cast, directory):
    for name in ("Ёлкина", "Абрамова", "Елисеева"):
        PersonFactory(organization=cast.school, last_name=name)
    _ws, rows, _ = sheet_rows(
        people_xlsx(Person.objects.filter(organization=cast.school).order_by("-last_name"))
    )
    assert [r["Фамилия"] for r in rows] == ["Ёлкина", "Елисеева", "Абрамова"]


def test_mentee_bank_export_shows_difficulties_by_area_with_levels(cast, morozova, year):
    mentee_entry(
        cast.school,
        year,
        morozova,
        category=MenteeEntry.Category.NEW_TECHNOLOGY,
        request="+Хочу освоить ФГОС",
        difficulties=[
            (Area.ICT, Level.HIGH, "электронный журнал"),
            (Area.METHODICAL, Level.LOW, ""),
        ],
    )
    _ws, rows, headers = sheet_rows(mentee_bank_xlsx(MenteeEntry.objects.filter(organization=cast.school)))
    assert list(headers) == [c.title for c in MENTEE_COLUMNS]
    row = rows[0]
    assert row["Учебный год"] == "2026/2027"
    assert row["ФИО"] == "Морозова Татьяна Сергеевна"
    assert row["Категория наставляемого"] == "Опытный педагог, осваивающий новую технологию или навык"
    assert row["Статус"] == "ожидает наставника"
    assert row["Запрос наставляемого"] == "'+Хочу освоить ФГОС"
    assert row["Затруднения: ИКТ и цифровизация"] == "высокий: электронный журнал"
    assert row["Затруднения: Методическая (содержание, методы, технологии)"] == "низкий"
    assert row["Затруднения: Нормативно-правовая"] is None
    assert row["Согласие на обработку ПДн"] == "действует с 01.09.2026"
    assert row["Внесено в банк"].date() is not None


def test_mentor_bank_export_shows_strengths_results_and_consent(cast, morozova, year):
    mentor_entry(
        cast.school,
        year,
        morozova,
        status=MentorEntry.Status.APPROVED,
        confirmed_results="Победитель конкурса «Учитель года — 2024»",
        max_mentees=3,
        consent_signed_on=date(2026, 9, 3),
        preferred_forms=[MentoringForm.TEACHER_TEACHER, MentoringForm.TEACHER_GROUP],
        strengths=[(Area.SUBJECT, Level.HIGH, "подготовка к ЕГЭ")],
    )
    # The bank list's own selector (it annotates the load) gives the same sheet as a plain queryset.
    listed = mentor_bank_list(organization=cast.school, year=year)
    assert (
        sheet_rows(mentor_bank_xlsx(listed))[1]
        == sheet_rows(mentor_bank_xlsx(MentorEntry.objects.filter(organization=cast.school)))[1]
    )
    _ws, rows, headers = sheet_rows(mentor_bank_xlsx(listed))
    assert list(headers) == [c.title for c in MENTOR_COLUMNS]
    row = rows[0]
    assert row["ФИО"] == "Морозова Татьяна Сергеевна"
    assert row["Статус"] == "утверждён руководителем"
    assert row["Сильные стороны: Предметно-профессиональная"] == "высокий: подготовка к ЕГЭ"
    assert row["Подтверждённые результаты"] == "Победитель конкурса «Учитель года — 2024»"
    assert row["Наибольшее число наставляемых"] == 3
    assert row["Дата письменного согласия быть наставником"].date() == date(2026, 9, 3)
    assert row["Предметы и направления"] == "Информатика; Математика"
    assert row["Текущая нагрузка (наставляемых)"] == 0
    assert row["Источник"] == "предложен куратором"
    assert row["Предпочтительные формы наставничества"] == "«педагог – педагог»; «педагог – группа педагогов»"


def _queries(export, queryset) -> int:
    with CaptureQueriesContext(connection) as context:
        export(queryset)
    return len(context.captured_queries)


def test_exports_take_a_constant_number_of_queries_whatever_the_number_of_rows(cast, year, directory):
    def grow(n):
        for _ in range(n):
            person = PersonFactory(organization=cast.school)
            person.subjects.set([directory["math"], directory["russian"]])
            consent_for(person)
            mentee_entry(
                cast.school,
                year,
                person,
                difficulties=[(Area.ICT, Level.HIGH, ""), (Area.HEALTH, Level.LOW, "")],
            )
            mentor_entry(cast.school, year, person, strengths=[(Area.SUBJECT, Level.HIGH, "")])

    people = Person.objects.filter(organization=cast.school)
    mentees = MenteeEntry.objects.filter(organization=cast.school)
    mentors = MentorEntry.objects.filter(organization=cast.school)
    grow(2)
    small = [
        _queries(people_xlsx, people),
        _queries(mentee_bank_xlsx, mentees),
        _queries(mentor_bank_xlsx, mentors),
    ]
    grow(20)
    large = [
        _queries(people_xlsx, people),
        _queries(mentee_bank_xlsx, mentees),
        _queries(mentor_bank_xlsx, mentors),
    ]
    # people, subjects, consents (+ areas for a bank)
    assert small == large == [3, 4, 4]
