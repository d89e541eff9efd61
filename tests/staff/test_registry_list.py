"""The registry list: filters, search by any part of the name (ё = е), sorting, pagination, export,
and a fixed number of SQL queries whatever the number of rows."""

from datetime import date

import pytest
from django.urls import reverse

from apps.banks.models import MenteeEntry, MentorEntry
from apps.organizations.models import AcademicYear
from apps.staff import services
from apps.staff.models import Person
from tests.factories.staff import PersonFactory, give_consent, position, subject

pytestmark = pytest.mark.django_db

URL = reverse("staff:person-list")


def names(response) -> list[str]:
    return [p.full_name for p in response.context["page_obj"].object_list]


@pytest.fixture
def people(cast):
    """A small registry of the demo school, and one namesake in the other school."""
    year = AcademicYear.objects.get(is_current=True)
    school = cast.school
    solovyova = PersonFactory(
        organization=school,
        last_name="Соловьёва",
        first_name="Елена",
        patronymic="Петровна",
        pedagogical_experience_years=22,
        total_experience_years=24,
        qualification_category="highest",
        subjects=[subject("Математика")],
        hire_date=date(2004, 8, 30),
    )
    vasiliev = PersonFactory(
        organization=school,
        last_name="Васильев",
        first_name="Артём",
        patronymic="Дмитриевич",
        sex="m",
        pedagogical_experience_years=1,
        total_experience_years=1,
        qualification_category="none",
        subjects=[subject("История")],
        birth_date=date(2001, 7, 21),
        hire_date=date(2025, 8, 28),
    )
    lebedeva = PersonFactory(
        organization=school,
        last_name="Лебедева",
        first_name="Ольга",
        patronymic="Николаевна",
        position=position("Педагог-психолог"),
        pedagogical_experience_years=14,
        total_experience_years=16,
        education_pedagogical=False,
        hire_date=date(2012, 8, 27),
    )
    mironova = PersonFactory(
        organization=school,
        last_name="Миронова",
        first_name="Анастасия",
        patronymic="Владимировна",
        is_external=True,
        external_organization="СурГПУ",
        pedagogical_experience_years=25,
        total_experience_years=27,
        hire_date=None,
    )
    sedykh = PersonFactory(
        organization=school,
        last_name="Седых",
        first_name="Анна",
        patronymic="Викторовна",
        pedagogical_experience_years=6,
        total_experience_years=6,
    )
    for person in (solovyova, vasiliev, lebedeva, mironova):
        give_consent(person)
    withdrawn = give_consent(sedykh)
    services.consent_withdraw(consent=withdrawn, withdrawn_by=None)
    MentorEntry.objects.create(
        organization=school, year=year, person=solovyova, status=MentorEntry.Status.ACTIVE
    )
    MenteeEntry.objects.create(
        organization=school, year=year, person=vasiliev, category=MenteeEntry.Category.YOUNG
    )
    PersonFactory(
        organization=cast.other_school, last_name="Соловьева", first_name="Ольга", patronymic="Игоревна"
    )
    PersonFactory(
        organization=school,
        last_name="Петрова",
        first_name="Алина",
        patronymic="Руслановна",
        pedagogical_experience_years=None,
        total_experience_years=None,
    )
    return {"solovyova": solovyova, "vasiliev": vasiliev, "lebedeva": lebedeva, "mironova": mironova}


def test_curator_sees_the_whole_registry_of_the_school_only(client_for, people):
    response = client_for("curator").get(URL)
    assert response.status_code == 200
    assert names(response) == [
        "Васильев Артём Дмитриевич",
        "Лебедева Ольга Николаевна",
        "Миронова Анастасия Владимировна",
        "Петрова Алина Руслановна",
        "Седых Анна Викторовна",
        "Соловьёва Елена Петровна",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Соловьева", ["Соловьёва Елена Петровна"]),
        ("соловьёва", ["Соловьёва Елена Петровна"]),
        ("СОЛОВЬ", ["Соловьёва Елена Петровна"]),
        ("артем", ["Васильев Артём Дмитриевич"]),
        ("Петровна", ["Соловьёва Елена Петровна"]),
        ("петр", ["Петрова Алина Руслановна", "Соловьёва Елена Петровна"]),
        ("елена петр", ["Соловьёва Елена Петровна"]),
        ("  ольга   николаевна ", ["Лебедева Ольга Николаевна"]),
        ("100%_", []),
    ],
)
def test_search_by_any_part_of_the_name_with_yo_as_ye(client_for, people, query, expected):
    assert names(client_for("curator").get(URL, {"q": query})) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"position": "psychologist"}, ["Лебедева Ольга Николаевна"]),
        ({"subject": "История"}, ["Васильев Артём Дмитриевич"]),
        ({"category": "highest"}, ["Соловьёва Елена Петровна"]),
        ({"experience_min": "10", "experience_max": "20"}, ["Лебедева Ольга Николаевна"]),
        ({"experience_max": "5"}, ["Васильев Артём Дмитриевич"]),
        ({"education": "other"}, ["Лебедева Ольга Николаевна"]),
        ({"bank": "mentor"}, ["Соловьёва Елена Петровна"]),
        ({"bank": "mentee"}, ["Васильев Артём Дмитриевич"]),
        ({"bank": "any"}, ["Васильев Артём Дмитриевич", "Соловьёва Елена Петровна"]),
        ({"consent": "missing"}, ["Петрова Алина Руслановна"]),
        ({"consent": "withdrawn"}, ["Седых Анна Викторовна"]),
        ({"external": "yes"}, ["Миронова Анастасия Владимировна"]),
    ],
)
def test_filters(client_for, people, params, expected):
    params = dict(params)
    if params.get("position") == "psychologist":
        params["position"] = position("Педагог-психолог").pk
    if "subject" in params:
        params["subject"] = subject(params["subject"]).pk
    assert names(client_for("curator").get(URL, params)) == expected


def test_bank_none_lists_those_in_no_bank(client_for, people):
    result = names(client_for("curator").get(URL, {"bank": "none"}))
    assert "Соловьёва Елена Петровна" not in result and "Васильев Артём Дмитриевич" not in result
    assert "Лебедева Ольга Николаевна" in result


def test_a_bad_filter_value_is_shown_at_the_field_not_a_500(client_for, people):
    response = client_for("curator").get(URL, {"experience_min": "много"})
    assert response.status_code == 200
    assert "Введите число." in response.content.decode()


def test_sorting_by_experience(client_for, people):
    result = names(client_for("curator").get(URL, {"ordering": "-experience", "consent": "valid"}))
    assert result == [
        "Миронова Анастасия Владимировна",
        "Соловьёва Елена Петровна",
        "Лебедева Ольга Николаевна",
        "Васильев Артём Дмитриевич",
    ]


def test_council_and_psychologist_see_only_people_with_consent(client_for, people):
    result = names(client_for("council").get(URL))
    assert "Петрова Алина Руслановна" not in result
    assert "Седых Анна Викторовна" not in result
    assert "Соловьёва Елена Петровна" in result


def test_pagination_keeps_the_filters(client_for, cast):
    for number in range(30):
        PersonFactory(
            organization=cast.school, last_name=f"Иванова{chr(0x430 + number % 26)}", first_name="Анна"
        )
    response = client_for("curator").get(URL, {"q": "иванова", "page": 2})
    page = response.context["page_obj"]
    assert page.number == 2 and len(page.object_list) == 5
    assert "q=%D0%B8%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0&amp;page=1" in response.content.decode()


@pytest.mark.parametrize("rows", [3, 40])
def test_list_answers_in_a_fixed_number_of_queries(client_for, cast, django_assert_max_num_queries, rows):
    year = AcademicYear.objects.get(is_current=True)
    for number in range(rows):
        person = PersonFactory(organization=cast.school, subjects=[subject("Математика"), subject("Физика")])
        give_consent(person)
        if number % 2:
            MentorEntry.objects.create(organization=cast.school, year=year, person=person)
    client = client_for("curator")
    with django_assert_max_num_queries(14):
        response = client.get(URL, {"q": "а", "ordering": "-experience"})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 12])
def test_card_answers_in_a_fixed_number_of_queries(client_for, cast, django_assert_max_num_queries, rows):
    year = AcademicYear.objects.get(is_current=True)
    person = PersonFactory(organization=cast.school, user=cast.mentor)
    give_consent(person)
    for number in range(rows):
        past = AcademicYear.objects.get_or_create(start_year=2000 + number)[0]
        MentorEntry.objects.create(organization=cast.school, year=past, person=person)
        MenteeEntry.objects.create(organization=cast.school, year=past, person=person, category="young")
    MentorEntry.objects.create(organization=cast.school, year=year, person=person)
    client = client_for("curator")
    # 16 + the access journal's INSERT (apps.audit) + the change history (its events, their authors)
    with django_assert_max_num_queries(17 + 2):
        response = client.get(reverse("staff:person-detail", args=[person.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("учебный год") >= 2 * rows


def test_export_returns_the_filtered_rows_as_xlsx(client_for, people):
    pytest.importorskip("apps.staff.exports")
    openpyxl = pytest.importorskip("openpyxl")
    import io

    response = client_for("curator").get(URL, {"export": "xlsx", "q": "соловьева"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    cells = [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value]
    assert any("Соловьёва" in value for value in cells)
    assert not any("Васильев" in value for value in cells)
    assert not any("Соловьева Ольга" in value for value in cells)


@pytest.mark.parametrize("name", ["council", "psychologist"])
def test_export_is_for_the_curator_and_the_director_only(client_for, people, name):
    assert client_for(name).get(URL, {"export": "xlsx"}).status_code == 403


def test_empty_registry_shows_an_empty_state(client_for, cast):
    assert "В реестре пока никого нет" in client_for("curator").get(URL).content.decode()


def test_nothing_found_shows_a_hint(client_for, people):
    assert "Никого не нашли" in client_for("curator").get(URL, {"q": "Зуева"}).content.decode()


def test_people_of_another_organization_never_appear(client_for, people):
    assert Person.objects.filter(last_name="Соловьева").exists()
    assert "Соловьева Ольга" not in client_for("curator").get(URL).content.decode()
