"""Rules of a registry entry, each refused at its field with a Russian message (form and service)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.staff import services
from apps.staff.forms import PersonForm
from apps.staff.models import Person
from tests.factories.staff import PersonFactory, position

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "last_name": "Морозова",
        "first_name": "Татьяна",
        "patronymic": "Сергеевна",
        "sex": "f",
        "birth_date": "1976-03-09",
        "position": position().pk,
        "subjects": [],
        "total_experience_years": "24",
        "pedagogical_experience_years": "22",
        "qualification_category": "highest",
        "category_date": "2022-12-21",
        "education_level": "higher",
        "education_pedagogical": "True",
        "education_institution": "Сургутский государственный педагогический университет",
        "education_year": "1998",
        "hire_date": "2002-08-29",
        "left_on": "",
        "email": "t.morozova@example.ru",
        "phone": "+7 912 345-67-89",
        "is_external": "",
        "external_organization": "",
    }
    data.update(overrides)
    return data


def errors_for(school, **overrides) -> dict:
    form = PersonForm(form_data(**overrides), instance=Person(organization=school))
    form.is_valid()
    return form.errors


def test_a_complete_entry_is_valid(school):
    assert errors_for(school) == {}


def test_birth_date_in_the_future_is_refused(school):
    errors = errors_for(school, birth_date=(timezone.localdate() + timedelta(days=1)).isoformat())
    assert errors["birth_date"] == ["Дата рождения не может быть в будущем."]


def test_person_younger_than_sixteen_is_refused(school):
    errors = errors_for(
        school, birth_date=(timezone.localdate() - timedelta(days=365 * 15)).isoformat(), hire_date=""
    )
    assert "меньше 16 лет" in errors["birth_date"][0]


def test_hire_date_in_the_future_is_refused(school):
    errors = errors_for(school, hire_date=(timezone.localdate() + timedelta(days=3)).isoformat())
    assert errors["hire_date"] == ["Дата приёма на работу не может быть в будущем."]


def test_hired_before_sixteen_is_refused(school):
    errors = errors_for(school, birth_date="1990-05-10", hire_date="2005-09-01")
    assert "На дату приёма педагогу было меньше 16 лет" in errors["hire_date"][0]


def test_pedagogical_experience_longer_than_total_is_refused(school):
    errors = errors_for(school, total_experience_years="10", pedagogical_experience_years="12")
    assert errors["pedagogical_experience_years"] == [
        "Педагогический стаж не может быть больше общего стажа."
    ]


def test_experience_longer_than_age_allows_is_refused(school):
    born = date(timezone.localdate().year - 30, 1, 1)
    errors = errors_for(
        school,
        birth_date=born.isoformat(),
        hire_date="",
        category_date="",
        education_year="",
        total_experience_years="20",
        pedagogical_experience_years="5",
    )
    assert errors["total_experience_years"] == [
        "Стаж не может быть больше, чем позволяет возраст: не более 16 лет."
    ]


def test_pedagogical_experience_alone_is_bounded_by_age(school):
    born = date(timezone.localdate().year - 25, 1, 1)
    errors = errors_for(
        school,
        birth_date=born.isoformat(),
        hire_date="",
        category_date="",
        education_year="",
        total_experience_years="",
        pedagogical_experience_years="15",
    )
    assert "не более 11 лет" in errors["pedagogical_experience_years"][0]


def test_category_date_without_a_category_is_refused(school):
    errors = errors_for(school, qualification_category="none", category_date="2020-01-01")
    assert errors["category_date"] == ["Дата указывается только вместе с квалификационной категорией."]


def test_category_date_in_the_future_is_refused(school):
    errors = errors_for(school, category_date=(timezone.localdate() + timedelta(days=1)).isoformat())
    assert errors["category_date"] == ["Дата присвоения категории не может быть в будущем."]


def test_graduation_year_in_the_future_is_refused(school):
    errors = errors_for(school, education_year=str(timezone.localdate().year + 1))
    assert errors["education_year"] == ["Год окончания не может быть в будущем."]


def test_dismissal_before_hire_is_refused(school):
    errors = errors_for(school, left_on="2001-01-01")
    assert errors["left_on"] == ["Дата увольнения не может быть раньше даты приёма на работу."]


def test_name_with_digits_is_refused(school):
    errors = errors_for(school, last_name="Морозова2")
    assert errors["last_name"] == ["Допустимы только буквы, дефис, апостроф и пробел."]


def test_hyphenated_surname_and_yo_are_accepted(school):
    assert errors_for(school, last_name="Кузьмина-Караваева", first_name="Алёна") == {}


def test_bad_phone_is_refused(school):
    errors = errors_for(school, phone="позвонить вечером")
    assert "телефон" in errors["phone"][0]


def test_external_participant_needs_their_organization(school):
    errors = errors_for(school, is_external="on", external_organization="  ")
    assert errors["external_organization"] == [
        "Для внешнего участника укажите организацию, в которой он работает."
    ]
    assert errors_for(school, is_external="on", external_organization="СурГПУ") == {}


def test_duplicate_person_in_the_organization_is_refused_at_the_surname(school):
    PersonFactory(
        organization=school,
        last_name="Соловьёва",
        first_name="Елена",
        patronymic="Петровна",
        birth_date=date(1978, 11, 2),
    )
    errors = errors_for(
        school, last_name="соловьева", first_name="Елена", patronymic="Петровна", birth_date="1978-11-02"
    )
    assert errors["last_name"] == [
        "Соловьёва Елена Петровна (02.11.1978 г. р.) уже есть в реестре этой организации."
    ]


def test_same_person_in_another_organization_is_not_a_duplicate(school, other_school):
    PersonFactory(
        organization=other_school,
        last_name="Морозова",
        first_name="Татьяна",
        patronymic="Сергеевна",
        birth_date=date(1976, 3, 9),
    )
    assert errors_for(school) == {}


def test_namesake_with_another_birth_date_is_not_a_duplicate(school):
    PersonFactory(
        organization=school,
        last_name="Морозова",
        first_name="Татьяна",
        patronymic="Сергеевна",
        birth_date=date(1980, 3, 9),
    )
    assert errors_for(school) == {}


def test_editing_a_person_does_not_find_themself_a_duplicate(school):
    person = PersonFactory(
        organization=school,
        last_name="Морозова",
        first_name="Татьяна",
        patronymic="Сергеевна",
        birth_date=date(1976, 3, 9),
    )
    form = PersonForm(form_data(), instance=person)
    assert form.is_valid(), form.errors


def test_service_refuses_a_bad_row_with_the_field(school):
    with pytest.raises(DomainError) as error:
        services.person_create(
            organization=school,
            data={
                "last_name": "Иванова",
                "first_name": "Анна",
                "total_experience_years": 3,
                "pedagogical_experience_years": 5,
            },
        )
    assert error.value.field == "pedagogical_experience_years"


def test_declined_names_are_filled_on_create(school):
    person = services.person_create(
        organization=school,
        data={"last_name": "Черных", "first_name": "Максим", "patronymic": "Олегович", "sex": "m"},
    )
    assert person.name_genitive == "Черных Максима Олеговича"
    assert person.name_dative == "Черных Максиму Олеговичу"
    assert person.name_accusative == "Черных Максима Олеговича"


def test_curator_correction_of_a_declined_form_is_kept(school):
    person = services.person_create(
        organization=school,
        data={"last_name": "Лев", "first_name": "Игорь", "patronymic": "Петрович", "sex": "m"},
    )
    person = services.person_update(person=person, data={"name_genitive": "Льва Игоря Петровича"})
    person.refresh_from_db()
    assert person.name_genitive == "Льва Игоря Петровича"
    person = services.person_update(person=person, data={"phone": "+7 912 000-00-00"})
    person.refresh_from_db()
    assert person.name_genitive == "Льва Игоря Петровича"


def test_changed_surname_declines_again_the_untouched_forms(school):
    person = services.person_create(
        organization=school,
        data={"last_name": "Иванова", "first_name": "Мария", "patronymic": "Петровна", "sex": "f"},
    )
    person = services.person_update(person=person, data={"last_name": "Морозова"})
    assert person.name_dative == "Морозовой Марии Петровне"


def test_update_without_changes_writes_no_history(school):
    person = services.person_create(organization=school, data={"last_name": "Иванова", "first_name": "Мария"})
    before = person.events.count()
    services.person_update(person=person, data={"last_name": "Иванова", "first_name": "Мария"})
    assert person.events.count() == before


def test_edit_form_shows_declined_forms_for_correction(client_for, cast):
    person = PersonFactory(
        organization=cast.school, last_name="Дюма", first_name="Софья", patronymic="Андреевна"
    )
    services.person_update(person=person, data={"name_dative": ""})
    response = client_for("curator").get(reverse("staff:person-edit", args=[person.pk]))
    assert response.status_code == 200
    assert "Дюма Софье Андреевне" in response.content.decode()


def test_create_page_refuses_a_future_birth_date_at_the_field(client_for, cast):
    url = reverse("staff:person-create")
    data = form_data(birth_date=(timezone.localdate() + timedelta(days=10)).isoformat())
    response = client_for("curator").post(url, data)
    assert response.status_code == 200
    assert "Дата рождения не может быть в будущем." in response.content.decode()
    assert not Person.objects.filter(last_name="Морозова").exists()


def test_create_page_saves_a_person_in_the_active_organization(client_for, cast):
    response = client_for("curator").post(reverse("staff:person-create"), form_data())
    person = Person.objects.get(last_name="Морозова")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:person-detail", args=[person.pk])
    assert person.organization == cast.school
    assert person.name_genitive == "Морозовой Татьяны Сергеевны"
