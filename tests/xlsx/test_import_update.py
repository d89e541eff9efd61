"""The update mode of the staff import: people already in the registry are matched by full name (case
and ё/е ignored) and date of birth, their changes shown field by field, and written all or nothing."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AccessEvent
from apps.core.exceptions import DomainError
from apps.staff.imports import (
    COLUMNS,
    RowCheck,
    applying,
    people_import,
    people_import_check,
    people_import_with_updates,
)
from apps.staff.models import Person

from .conftest import HEADERS, person_row
from .factories import PersonFactory

pytestmark = pytest.mark.django_db


def check_rows(organization, *rows, update=True, user_id=None):
    return people_import_check(
        organization=organization, rows=[tuple(HEADERS), *map(tuple, rows)], update=update, user_id=user_id
    )


def sparse_row(**values) -> list:
    """A row with only these cells filled (the name and date of birth of person_row by default)."""
    base = {c.key: "" for c in COLUMNS}
    base.update(last_name="Иванова", first_name="Мария", patronymic="Петровна", birth_date="14.03.1990")
    base.update(values)
    return [base[c.key] for c in COLUMNS]


def registered(organization, directory, **values) -> Person:
    """The person of ``person_row()`` as the registry holds them."""
    fields = {
        "organization": organization,
        "last_name": "Иванова",
        "first_name": "Мария",
        "patronymic": "Петровна",
        "sex": "f",
        "birth_date": date(1990, 3, 14),
        "position": directory["teacher"],
        "total_experience_years": 12,
        "pedagogical_experience_years": 10,
        "qualification_category": Person.Category.FIRST,
        "category_date": date(2023, 12, 20),
        "education_level": Person.EducationLevel.HIGHER,
        "education_pedagogical": True,
        "education_institution": "СурГПУ",
        "education_year": 2012,
        "hire_date": date(2014, 9, 1),
        "email": "ivanova@school7.ru",
        "phone": "+7 912 345-67-89",
    }
    fields.update(values)
    person = PersonFactory(**fields)
    person.subjects.set([directory["math"]])
    return person


def changes(row: RowCheck) -> dict[str, tuple[str, str]]:
    return {c["label"]: (c["was"], c["now"]) for c in row.changes}


# Matching ----------------------------------------------------------------------------------------


def test_a_person_already_in_the_registry_is_matched_ignoring_case_and_yo(school, directory):
    person = registered(school, directory, last_name="Соловьёва", first_name="Елена")
    row = sparse_row(last_name="СОЛОВЬЕВА", first_name="елена", phone="+7 900 000-00-00")
    check = check_rows(school, row)
    assert check.is_valid, check.rows[0].errors
    assert check.rows[0].status == RowCheck.UPDATE
    assert check.rows[0].person_id == person.pk
    assert changes(check.rows[0]) == {"Телефон": ("+7 912 345-67-89", "+7 900 000-00-00")}


def test_the_same_row_in_the_mode_without_update_is_refused_as_before(school, directory):
    registered(school, directory)
    check = check_rows(school, person_row(), update=False)
    assert check.rows[0].errors == [
        "Уже есть в реестре организации: Иванова Мария Петровна (14.03.1990 г. р.)."
    ]


def test_a_namesake_born_on_another_day_is_a_new_person_with_a_note(school, directory):
    registered(school, directory, birth_date=date(1985, 1, 2))
    check = check_rows(school, person_row())
    row = check.rows[0]
    assert check.is_valid and row.status == RowCheck.NEW
    assert row.notes == [
        "В реестре есть тёзка с другой датой рождения: Иванова Мария Петровна (02.01.1985 г. р.). Строка "
        "добавит нового педагога; если это тот же человек, исправьте дату рождения в файле."
    ]


def test_two_entries_with_the_same_name_and_birth_date_are_an_error(school, directory):
    registered(school, directory, last_name="Ёлкина")
    registered(school, directory, last_name="Елкина")
    check = check_rows(school, sparse_row(last_name="елкина", phone="+7 900 000-00-00"))
    assert not check.is_valid
    assert check.rows[0].errors == [
        "В реестре несколько педагогов с этими ФИО и датой рождения (Ёлкина Мария Петровна (14.03.1990 г. р.); "
        "Елкина Мария Петровна (14.03.1990 г. р.)): непонятно, чьи сведения обновить. Исправьте записи в "
        "реестре или уберите строку из файла."
    ]


def test_a_row_without_a_birth_date_is_not_matched_to_a_namesake_with_one(school, directory):
    registered(school, directory)
    check = check_rows(school, sparse_row(birth_date="", phone="+7 900 000-00-00"))
    assert check.rows[0].errors == [
        "Не указана дата рождения, а в реестре есть Иванова Мария Петровна (14.03.1990 г. р.). Укажите "
        "дату рождения: по ней находится педагог, чьи сведения нужно обновить."
    ]


def test_a_person_of_another_organisation_is_not_matched(school, other_school, directory):
    registered(other_school, directory)
    check = check_rows(school, person_row())
    assert check.is_valid and check.rows[0].status == RowCheck.NEW


def test_matching_takes_the_same_number_of_queries_for_5_rows_and_for_40(school, directory):
    def queries(n: int) -> int:
        rows = []
        for i in range(n):
            registered(school, directory, first_name=f"Мария{'а' * i}", birth_date=date(1980, 1, 1 + i % 28))
            rows.append(
                sparse_row(
                    first_name=f"Мария{'а' * i}",
                    birth_date=f"{1 + i % 28:02d}.01.1980",
                    phone="+7 900 000-00-00",
                )
            )
        with CaptureQueriesContext(connection) as captured:
            check = check_rows(school, *rows)
        assert check.count(RowCheck.UPDATE) == n, [r.errors for r in check.rows]
        Person.objects.all().delete()
        return len(captured.captured_queries)

    assert queries(5) == queries(40)


# The preview -------------------------------------------------------------------------------------


def test_the_changes_are_shown_field_by_field_with_the_models_labels(school, directory):
    registered(school, directory)
    row = person_row(
        qualification_category="высшая",
        position="Педагог-психолог",
        subjects="Математика; Информатика",
        education_pedagogical="нет",
    )
    check = check_rows(school, row)
    assert check.is_valid, check.rows[0].errors
    assert check.rows[0].status == RowCheck.UPDATE
    assert changes(check.rows[0]) == {
        "Должность": ("Учитель", "Педагог-психолог"),
        "Предметы и направления": ("Математика", "Информатика; Математика"),
        "Квалификационная категория": ("первая", "высшая"),
        "Педагогическое образование": ("да", "нет"),
    }


def test_a_row_with_the_same_values_is_unchanged(school, directory):
    registered(school, directory)
    check = check_rows(school, person_row())
    assert check.is_valid
    assert check.rows[0].status == RowCheck.SAME and check.rows[0].changes == []
    assert not check.has_work


def test_empty_cells_do_not_erase_what_the_registry_holds(school, directory):
    registered(school, directory)
    check = check_rows(school, sparse_row(education_year=2013))
    assert changes(check.rows[0]) == {"Год окончания": ("2012", "2013")}
    assert check.rows[0].data == {"education_year": 2013}


def test_a_filled_cell_may_fill_an_empty_field(school, directory):
    registered(school, directory, phone="")
    check = check_rows(school, sparse_row(phone="+7 900 000-00-00"))
    assert changes(check.rows[0]) == {"Телефон": ("", "+7 900 000-00-00")}


def test_the_rules_are_checked_on_the_entry_as_it_would_become(school, directory):
    registered(school, directory)  # total experience 12 years
    check = check_rows(school, sparse_row(pedagogical_experience_years=20))
    assert check.rows[0].errors == [
        "Педагогический стаж, лет: Педагогический стаж не может быть больше общего стажа."
    ]
    # the date of a category alone is fine when the registry holds the category
    assert check_rows(school, sparse_row(category_date="21.12.2023")).is_valid


def test_new_rows_and_updates_are_counted_apart(school, directory):
    registered(school, directory)
    check = check_rows(
        school,
        person_row(phone="+7 900 000-00-00"),
        person_row(first_name="Анна", email="anna@school7.ru"),
    )
    assert check.is_valid
    assert (check.count(RowCheck.UPDATE), check.count(RowCheck.NEW), check.count(RowCheck.SAME)) == (1, 1, 0)


# The import --------------------------------------------------------------------------------------


def test_the_import_writes_the_changes_and_adds_the_new_people(school, directory, cast):
    person = registered(school, directory)
    check = check_rows(
        school,
        sparse_row(qualification_category="высшая", subjects="Информатика"),
        person_row(first_name="Анна", email="anna@school7.ru"),
        user_id=cast.curator.pk,
    )
    result = people_import_with_updates(organization=school, check=check, user=cast.curator)
    assert [p.pk for p in result.updated] == [person.pk]
    assert [p.full_name for p in result.created] == ["Иванова Анна Петровна"]
    person.refresh_from_db()
    assert person.qualification_category == Person.Category.HIGHEST
    assert list(person.subjects.values_list("name", flat=True)) == ["Информатика"]
    assert person.email == "ivanova@school7.ru"  # empty in the file, kept


def test_the_update_is_in_the_history_and_the_access_journal(school, directory, cast):
    person = registered(school, directory)
    check = check_rows(school, sparse_row(phone="+7 900 000-00-00"), user_id=cast.curator.pk)
    people_import_with_updates(organization=school, check=check, user=cast.curator)
    event = person.events.order_by("-pgh_id").first()  # the pghistory event of the update
    assert event.pgh_label == "update"
    assert event.phone == "+7 900 000-00-00"
    assert event.pgh_context.metadata["action"] == "person_import_update"
    journal = AccessEvent.objects.get(object_type="staff.person", object_id=str(person.pk))
    assert journal.action == AccessEvent.Action.CHANGE and journal.user == cast.curator
    assert journal.organization == school and journal.url_name == "staff_import:confirm"


def test_a_failure_in_the_middle_of_the_import_saves_nothing(school, directory, cast, monkeypatch):
    person = registered(school, directory)

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(applying, "_create", broken)  # after the updates were written
    check = check_rows(
        school, sparse_row(phone="+7 900 000-00-00"), person_row(first_name="Анна"), user_id=cast.curator.pk
    )
    with pytest.raises(RuntimeError):
        people_import_with_updates(organization=school, check=check, user=cast.curator)
    person.refresh_from_db()
    assert person.phone == "+7 912 345-67-89"
    assert Person.objects.count() == 1
    assert not AccessEvent.objects.exists()
    assert person.events.filter(pgh_label="update").count() == 0


def test_an_entry_changed_after_the_preview_stops_the_whole_import(school, directory, cast):
    first = registered(school, directory)
    second = registered(school, directory, first_name="Анна")
    check = check_rows(
        school,
        sparse_row(phone="+7 900 000-00-00"),
        sparse_row(first_name="Анна", phone="+7 900 000-00-01"),
        user_id=cast.curator.pk,
    )
    Person.objects.filter(pk=second.pk).update(email="new@school7.ru")  # someone edited the card meanwhile
    with pytest.raises(DomainError, match="Пока файл ждал подтверждения, сведения в реестре изменились"):
        people_import_with_updates(organization=school, check=check, user=cast.curator)
    first.refresh_from_db()
    assert first.phone == "+7 912 345-67-89"
    assert check.rows[0].errors == [] and check.rows[1].errors == [applying.STALE_ROW]


def test_a_person_added_after_the_preview_stops_the_import(school, directory, cast):
    check = check_rows(school, person_row(), user_id=cast.curator.pk)
    assert check.rows[0].status == RowCheck.NEW
    registered(school, directory, last_name="ИВАНОВА")
    with pytest.raises(DomainError):
        people_import_with_updates(organization=school, check=check, user=cast.curator)
    assert Person.objects.count() == 1


def test_a_check_is_imported_only_by_its_user_into_its_organisation(school, other_school, directory, cast):
    registered(school, directory)
    check = check_rows(school, sparse_row(phone="+7 900 000-00-00"), user_id=cast.curator.pk)
    with pytest.raises(DomainError, match="Файл проверял другой пользователь"):
        people_import_with_updates(organization=school, check=check, user=cast.director)
    with pytest.raises(DomainError, match="Файл проверялся для другой организации"):
        people_import_with_updates(organization=other_school, check=check, user=cast.curator)
    assert Person.objects.get().phone == "+7 912 345-67-89"


def test_the_two_modes_are_not_mixed(school, directory, cast):
    with pytest.raises(DomainError, match="для обновления сведений"):
        people_import(organization=school, check=check_rows(school, person_row()))
    with pytest.raises(DomainError, match="только для добавления"):
        people_import_with_updates(organization=school, check=check_rows(school, person_row(), update=False))
