"""The row-by-row check of a staff import: every kind of error, in Russian, and nothing saved."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.staff.imports import COLUMNS, people_import, people_import_check
from apps.staff.models import Person

from .conftest import HEADERS, person_row
from .factories import PersonFactory

pytestmark = pytest.mark.django_db


def check_rows(organization, *rows, headers=HEADERS):
    return people_import_check(organization=organization, rows=[tuple(headers), *map(tuple, rows)])


def errors_of(organization, **values) -> list[str]:
    check = check_rows(organization, person_row(**values))
    assert len(check.rows) == 1
    return check.rows[0].errors


def test_a_complete_row_is_valid_and_read_into_the_persons_fields(school, directory):
    check = check_rows(school, person_row(subjects="Математика; информатика"))
    assert check.is_valid, check.rows[0].errors
    data = check.rows[0].data
    assert data["last_name"] == "Иванова"
    assert data["sex"] == "f"
    assert data["birth_date"] == "1990-03-14"
    assert data["position_id"] == directory["teacher"].pk
    assert data["subject_ids"] == sorted([directory["math"].pk, directory["cs"].pk])
    assert data["qualification_category"] == Person.Category.FIRST
    assert data["education_level"] == Person.EducationLevel.HIGHER
    assert data["education_pedagogical"] is True
    assert data["email"] == "ivanova@school7.ru"


def test_excel_dates_and_numbers_are_accepted_as_well_as_text(school, directory):
    row = person_row(
        birth_date=datetime(1990, 3, 14), hire_date=date(2014, 9, 1), total_experience_years=12.0
    )
    check = check_rows(school, row)
    assert check.is_valid, check.rows[0].errors
    assert check.rows[0].data["hire_date"] == "2014-09-01"


def test_only_surname_and_name_are_required(school, directory):
    row = person_row(**{c.key: None for c in COLUMNS if c.key not in ("last_name", "first_name")})
    check = check_rows(school, row)
    assert check.is_valid, check.rows[0].errors
    assert check.rows[0].data["qualification_category"] == Person.Category.NONE


def test_missing_surname_is_an_error(school, directory):
    assert errors_of(school, last_name="") == ["Не указано: фамилия."]


def test_missing_name_is_an_error(school, directory):
    assert errors_of(school, first_name=None) == ["Не указано: имя."]


def test_surname_with_digits_is_an_error(school, directory):
    errors = errors_of(school, last_name="Иванова2")
    assert any(e.startswith("Фамилия:") and "буквы" in e for e in errors)


@pytest.mark.parametrize("value", ["31.02.1990", "1990", "вчера", "14/13/1990"])
def test_bad_date_is_an_error(school, directory, value):
    errors = errors_of(school, birth_date=value)
    assert len(errors) == 1
    assert errors[0].startswith("Дата рождения:")
    assert "ДД.ММ.ГГГГ" in errors[0]


def test_two_digit_year_is_an_error(school, directory):
    assert "четырьмя цифрами" in errors_of(school, birth_date="14.03.90")[0]


def test_number_instead_of_date_is_an_error(school, directory):
    assert "число, а нужна дата" in errors_of(school, hire_date=41883)[0]


def test_birth_date_in_the_future_is_an_error(school, directory):
    tomorrow = timezone.localdate() + timedelta(days=1)
    errors = errors_of(
        school,
        birth_date=tomorrow.strftime("%d.%m.%Y"),
        hire_date=None,
        category_date=None,
        education_year=None,
    )
    assert any(e.startswith("Дата рождения:") and "в будущем" in e for e in errors)


def test_hire_date_in_the_future_is_an_error(school, directory):
    next_year = timezone.localdate() + timedelta(days=365)
    errors = errors_of(school, hire_date=next_year)
    assert any(e.startswith("Дата приёма на работу:") and "в будущем" in e for e in errors)


def test_unknown_position_suggests_the_closest_nomenclature_name(school, directory):
    errors = errors_of(school, position="Педагог-психолох")
    assert errors == [
        "Должность: «Педагог-психолох» нет в справочнике (должности). Возможно, «Педагог-психолог»."
    ]


def test_position_with_a_subject_suggests_the_nomenclature_name_and_where_the_subject_goes(school, directory):
    errors = errors_of(school, position="учитель математики")
    assert errors == [
        "Должность: «учитель математики» нет в справочнике (должности). Возможно, «Учитель» "
        "(предмет укажите в столбце «Предметы и направления»)."
    ]


def test_position_is_matched_ignoring_case_and_yo(school, directory):
    check = check_rows(school, person_row(position="  учитель "))
    assert check.rows[0].data["position_id"] == directory["teacher"].pk


def test_unknown_subject_is_an_error_with_a_suggestion(school, directory):
    errors = errors_of(school, subjects="Математика; Информатеka")
    assert len(errors) == 1
    assert errors[0].startswith("Предметы и направления: «Информатеka» нет в справочнике")


def test_unknown_category_is_an_error(school, directory):
    assert errors_of(school, qualification_category="вторая")[0].startswith(
        "Квалификационная категория: «вторая»"
    )


def test_unknown_sex_and_yes_no_values_are_errors(school, directory):
    errors = errors_of(school, sex="x", education_pedagogical="возможно")
    assert any(e.startswith("Пол:") for e in errors)
    assert any(e.startswith("Педагогическое образование:") and "«да» или «нет»" in e for e in errors)


def test_experience_that_is_not_a_whole_number_is_an_error(school, directory):
    assert "целое число" in errors_of(school, total_experience_years="десять")[0]
    assert "целое число" in errors_of(school, total_experience_years=10.5)[0]


def test_experience_longer_than_age_is_an_error(school, directory):
    born = timezone.localdate().replace(year=timezone.localdate().year - 25) - timedelta(days=10)
    errors = errors_of(
        school,
        birth_date=born,
        total_experience_years=30,
        pedagogical_experience_years=5,
        hire_date=None,
        category_date=None,
        education_year=None,
    )
    assert any(e.startswith("Общий стаж, лет:") for e in errors), errors


def test_pedagogical_experience_longer_than_total_is_an_error(school, directory):
    errors = errors_of(school, total_experience_years=5, pedagogical_experience_years=8)
    assert any(e.startswith("Педагогический стаж, лет:") and "больше общего" in e for e in errors)


def test_bad_email_is_an_error(school, directory):
    errors = errors_of(school, email="ivanova@school7")
    assert len(errors) == 1 and errors[0].startswith("Электронная почта:")


def test_bad_phone_is_an_error(school, directory):
    errors = errors_of(school, phone="позвонить секретарю")
    assert len(errors) == 1 and errors[0].startswith("Телефон:")


def test_external_participant_needs_a_workplace(school, directory):
    errors = errors_of(school, is_external="да", external_organization="")
    assert any(e.startswith("Место работы внешнего участника:") for e in errors)


def test_duplicate_within_the_file_is_an_error_on_the_second_row(school, directory):
    check = check_rows(
        school, person_row(), person_row(last_name="ИВАНОВА", patronymic="Петровна", email="x@y.ru")
    )
    assert check.rows[0].errors == []
    assert check.rows[1].errors == ["Повтор: этот педагог уже есть в строке 2 файла."]
    assert not check.is_valid


def test_same_name_with_another_birth_date_is_not_a_duplicate(school, directory):
    check = check_rows(school, person_row(), person_row(birth_date="15.03.1991"))
    assert check.is_valid


def test_duplicate_against_the_registry_ignores_case_and_yo(school, directory):
    PersonFactory(
        organization=school,
        last_name="Соловьёва",
        first_name="Елена",
        patronymic="Петровна",
        birth_date=date(1980, 5, 17),
    )
    check = check_rows(school, person_row(last_name="Соловьева", first_name="елена", birth_date="17.05.1980"))
    assert check.rows[0].errors == [
        "Уже есть в реестре организации: Соловьёва Елена Петровна (17.05.1980 г. р.)."
    ]
    assert check.rows[0].full_name == "Соловьева Елена Петровна"


def test_a_person_of_another_organisation_is_not_a_duplicate(school, other_school, directory):
    PersonFactory(
        organization=other_school,
        last_name="Иванова",
        first_name="Мария",
        patronymic="Петровна",
        birth_date=date(1990, 3, 14),
    )
    assert check_rows(school, person_row()).is_valid


def test_missing_required_column_is_a_file_error(school, directory):
    headers = [h for h in HEADERS if h != "Фамилия"]
    check = people_import_check(organization=school, rows=[tuple(headers), ("Мария",)])
    assert check.file_errors == [
        "В первой строке нет столбца «Фамилия». Скачайте шаблон и не меняйте заголовки."
    ]
    assert not check.is_valid


def test_names_typed_in_capitals_or_lower_case_are_capitalised(school, directory):
    check = check_rows(
        school, person_row(last_name="КУЗЬМИНА-КАРАВАЕВА", first_name="анна", patronymic="Мак-Грегор")
    )
    assert check.rows[0].data["last_name"] == "Кузьмина-Караваева"
    assert check.rows[0].data["first_name"] == "Анна"
    assert check.rows[0].data["patronymic"] == "Мак-Грегор"


def test_unknown_columns_are_reported_and_column_order_does_not_matter(school, directory):
    check = people_import_check(
        organization=school,
        rows=[
            ("Имя", "Примечание", "Фамилия*", "Дата рождения (ДД.ММ.ГГГГ)"),
            ("Мария", "—", "Иванова", "14.03.1990"),
        ],
    )
    assert check.is_valid, check.rows[0].errors
    assert check.notices == ["Столбец «Примечание» не из шаблона: он не загружается."]
    assert check.rows[0].data["birth_date"] == "1990-03-14"


def test_empty_rows_are_skipped_and_rows_keep_their_excel_numbers(school, directory):
    check = check_rows(
        school, person_row(), [None] * len(HEADERS), person_row(last_name="", birth_date="01.01.1991")
    )
    assert [r.number for r in check.rows] == [2, 4]
    assert check.rows[1].errors == ["Не указано: фамилия."]


def test_a_file_with_headers_only_cannot_be_imported(school, directory):
    check = check_rows(school)
    assert check.file_errors and not check.is_valid


def test_one_bad_row_means_nothing_is_saved(school, directory):
    check = check_rows(school, person_row(), person_row(first_name="Анна", birth_date="32.01.1990"))
    assert not check.is_valid
    with pytest.raises(DomainError, match="Ничего не сохранено"):
        people_import(organization=school, check=check)
    assert not Person.objects.filter(organization=school).exists()


def test_a_valid_file_is_saved_with_subjects_and_declined_names(school, directory):
    check = check_rows(
        school,
        person_row(subjects="Математика; Информатика"),
        person_row(
            last_name="Васильев",
            first_name="Артём",
            patronymic="Дмитриевич",
            sex="м",
            birth_date="02.02.1995",
            subjects="",
            email="",
        ),
    )
    people = people_import(organization=school, check=check)
    assert len(people) == 2
    ivanova = Person.objects.get(organization=school, last_name="Иванова")
    assert set(ivanova.subjects.values_list("name", flat=True)) == {"Математика", "Информатика"}
    assert ivanova.position == directory["teacher"]
    assert ivanova.name_genitive == "Ивановой Марии Петровны"
    assert ivanova.name_dative == "Ивановой Марии Петровне"
    vasiliev = Person.objects.get(organization=school, last_name="Васильев")
    assert vasiliev.name_accusative == "Васильева Артёма Дмитриевича"
    assert not vasiliev.subjects.exists()


def test_a_check_of_another_organisation_cannot_be_imported(school, other_school, directory):
    check = check_rows(school, person_row())
    with pytest.raises(DomainError, match="другой организации"):
        people_import(organization=other_school, check=check)


@pytest.mark.parametrize(
    ("last_name", "first_name", "patronymic", "sex"),
    [
        ("Иванова", "Мария", "Петровна", ""),
        ("Васильев", "Артём", "Дмитриевич", "m"),
        ("Черных", "Ирина", "Ивановна", ""),
        ("Кузьмина-Караваева", "Анна", "Ильинична", "f"),
        ("Ёлкин", "Пётр", "Фомич", ""),
        ("Дюма", "Александр", "", ""),
    ],
)
def test_names_declined_part_by_part_match_the_whole_name_declension(last_name, first_name, patronymic, sex):
    from apps.core.names import decline_full_name
    from apps.staff.imports.applying import _declined

    expected = tuple(
        decline_full_name(last_name, first_name, patronymic, case, sex)
        for case in ("genitive", "dative", "accusative")
    )
    assert _declined(last_name, first_name, patronymic, sex) == expected


@pytest.mark.parametrize(
    ("level", "pedagogical", "expected"),
    [
        ("педагогическое", "", ("", True)),
        ("непедагогическое", "", ("", False)),
        ("высшее педагогическое", "", (Person.EducationLevel.HIGHER, True)),
        (
            "среднее профессиональное, непедагогическое",
            "",
            (Person.EducationLevel.SECONDARY_VOCATIONAL, False),
        ),
        ("высшее", "непедагогическое", (Person.EducationLevel.HIGHER, False)),
        ("высшее", "нет", (Person.EducationLevel.HIGHER, False)),
        ("высшее", "", (Person.EducationLevel.HIGHER, True)),
    ],
)
def test_a_schools_education_column_of_pedagogical_or_not_is_accepted(
    school, directory, level, pedagogical, expected
):
    check = check_rows(school, person_row(education_level=level, education_pedagogical=pedagogical))
    assert check.is_valid, check.rows[0].errors
    data = check.rows[0].data
    assert (data.get("education_level", ""), data["education_pedagogical"]) == expected


def test_the_header_education_pedagogical_or_not_is_the_pedagogical_column(school, directory):
    headers = [
        "Образование: педагогическое / непедагогическое" if c.key == "education_pedagogical" else c.title
        for c in COLUMNS
    ]
    check = check_rows(school, person_row(education_pedagogical="непедагогическое"), headers=headers)
    assert check.is_valid, (check.file_errors, check.rows[0].errors)
    assert check.rows[0].data["education_pedagogical"] is False


def test_a_formula_without_its_value_is_reported_as_a_formula(school, directory):
    import openpyxl

    from apps.core.xlsx import read_xlsx_rows

    from .conftest import workbook_bytes

    data = workbook_bytes([person_row(last_name="=UPPER(B2)")])  # openpyxl stores no computed value
    rows = read_xlsx_rows(data)
    check = people_import_check(organization=school, rows=rows)
    errors = check.rows[0].errors
    assert not check.is_valid
    assert any(e.startswith("Фамилия: в ячейке формула «=UPPER(B2)»") for e in errors), errors
    assert "Не указано: фамилия." not in errors
    assert openpyxl  # the workbook above was written by openpyxl, which never computes formulas
