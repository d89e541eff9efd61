"""The column «Табельный номер» of the staff import: read as text, once in the file, held by no other
person of the organisation, written in both modes; the template keeps its leading zeros."""

from datetime import date

import pytest

from apps.core.exceptions import DomainError
from apps.staff.imports import COLUMNS, people_import, people_import_check, people_import_with_updates
from apps.staff.imports.template import template_xlsx
from apps.staff.models import Person

from .conftest import HEADERS, person_row, read_response
from .factories import PersonFactory
from .test_import_update import registered, sparse_row

pytestmark = pytest.mark.django_db


def check_rows(organization, *rows, update=False, headers=HEADERS):
    return people_import_check(
        organization=organization, rows=[tuple(headers), *map(tuple, rows)], update=update
    )


def test_the_template_has_the_column_formatted_as_text_with_an_explanation(db):
    workbook = read_response(template_xlsx())
    header = list(next(workbook.worksheets[0].iter_rows(values_only=True)))
    index = header.index("Табельный номер")
    letter = workbook.worksheets[0].cell(row=1, column=index + 1).column_letter
    assert workbook.worksheets[0].column_dimensions[letter].number_format == "@"
    explanations = {row[0]: row for row in workbook["Пояснения"].iter_rows(values_only=True) if row}
    assert "1С:Зарплата и кадры" in explanations["Табельный номер"][2]
    assert explanations["Табельный номер"][3] == "0000-00012"


def test_the_number_is_imported_as_text_with_its_leading_zeros(school, directory):
    check = check_rows(school, person_row(personnel_number=" 000123 "))
    assert check.is_valid, check.rows[0].errors
    assert check.rows[0].data["personnel_number"] == "000123"
    assert not check.notices
    (person,) = people_import(organization=school, check=check)
    person.refresh_from_db()
    assert person.personnel_number == "000123"


def test_the_column_is_optional(school, directory):
    headers = [c.title for c in COLUMNS if c.key != "personnel_number"]
    row = [v for c, v in zip(COLUMNS, person_row(), strict=True) if c.key != "personnel_number"]
    check = check_rows(school, row, headers=headers)
    assert check.is_valid, check.rows[0].errors
    assert check.rows[0].data["personnel_number"] == ""


def test_a_header_as_1c_writes_it_is_recognised(school, directory):
    headers = ["Таб. №" if c.key == "personnel_number" else c.title for c in COLUMNS]
    check = check_rows(school, person_row(personnel_number="0000-00012"), headers=headers)
    assert check.rows[0].data["personnel_number"] == "0000-00012"


def test_a_number_cell_is_read_as_its_digits_and_the_lost_zeros_are_mentioned_once(school, directory):
    check = check_rows(
        school,
        person_row(personnel_number=123),
        person_row(last_name="Петрова", personnel_number=124.0),
    )
    assert check.is_valid, [r.errors for r in check.rows]
    assert [r.data["personnel_number"] for r in check.rows] == ["123", "124"]
    assert len([n for n in check.notices if "Табельный номер" in n]) == 1
    assert "нули в начале" in check.notices[0]


def test_a_bad_number_is_an_error_of_its_column(school, directory):
    (row,) = check_rows(school, person_row(personnel_number="<script>")).rows
    assert row.errors == [
        "Табельный номер: Табельный номер пишется как в 1С: буквы, цифры, дефис, точка, косая черта, "
        "например 0000-00012."
    ]
    (row,) = check_rows(school, person_row(personnel_number="1" * 21)).rows
    assert row.errors == [
        "Табельный номер: Убедитесь, что это значение содержит не более 20 символов (сейчас 21)."
    ]


def test_the_same_number_twice_in_the_file_is_an_error_of_the_second_row(school, directory):
    check = check_rows(
        school,
        person_row(personnel_number="000123"),
        person_row(last_name="Петрова", personnel_number="000123"),
        person_row(last_name="Сидорова", personnel_number=""),
        person_row(last_name="Козлова", personnel_number=""),
    )
    assert [r.errors for r in check.rows] == [
        [],
        ["Табельный номер: 000123 уже указан в строке 2 файла."],
        [],
        [],
    ]


def test_a_number_held_in_the_registry_is_an_error(school, other_school, directory):
    PersonFactory(organization=school, last_name="Морозова", first_name="Татьяна", patronymic="Сергеевна",
                  personnel_number="000123")  # fmt: skip
    PersonFactory(organization=other_school, personnel_number="000124")
    check = check_rows(
        school,
        person_row(personnel_number="000123"),
        person_row(last_name="Петрова", personnel_number="000124"),
    )
    assert [r.errors for r in check.rows] == [
        ["Табельный номер: 000123 уже указан у Морозовой Т. С. в реестре организации."],
        [],
    ]


def test_a_number_taken_while_the_file_waited_refuses_the_whole_import(school, directory):
    check = check_rows(school, person_row(personnel_number="000123"), person_row(last_name="Петрова"))
    assert check.is_valid
    PersonFactory(organization=school, personnel_number="000123")
    with pytest.raises(DomainError, match="табельные номера"):
        people_import(organization=school, check=check)
    assert "уже указан у" in check.rows[0].errors[0]
    assert not Person.objects.filter(last_name__in=["Иванова", "Петрова"]).exists()


# The update mode ------------------------------------------------------------------------------------


def test_the_update_mode_writes_the_number_of_a_person_in_the_registry(school, directory):
    person = registered(school, directory)
    check = check_rows(school, sparse_row(personnel_number="000123"), update=True)
    assert check.is_valid, check.rows[0].errors
    assert [(c["label"], c["now"]) for c in check.rows[0].changes] == [("Табельный номер", "000123")]
    people_import_with_updates(organization=school, check=check)
    person.refresh_from_db()
    assert person.personnel_number == "000123"


def test_the_update_mode_keeps_the_number_for_an_empty_cell_and_accepts_the_persons_own(school, directory):
    registered(school, directory, personnel_number="000123")
    assert check_rows(school, sparse_row(), update=True).rows[0].status == "same"
    row = check_rows(school, sparse_row(personnel_number="000123"), update=True).rows[0]
    assert (row.errors, row.status) == ([], "same")


def test_the_update_mode_refuses_a_number_of_another_person(school, directory):
    registered(school, directory)
    PersonFactory(organization=school, last_name="Морозова", first_name="Татьяна", patronymic="Сергеевна",
                  birth_date=date(1976, 3, 9), personnel_number="000123")  # fmt: skip
    row = check_rows(school, sparse_row(personnel_number="000123"), update=True).rows[0]
    assert row.errors == ["Табельный номер: 000123 уже указан у Морозовой Т. С. в реестре организации."]


def test_the_update_mode_refuses_a_number_taken_while_the_file_waited(school, directory):
    person = registered(school, directory)
    check = check_rows(school, sparse_row(personnel_number="000123"), update=True)
    assert check.is_valid
    PersonFactory(organization=school, personnel_number="000123")
    with pytest.raises(DomainError):
        people_import_with_updates(organization=school, check=check)
    assert "уже указан у" in check.rows[0].errors[0]
    person.refresh_from_db()
    assert person.personnel_number == ""
