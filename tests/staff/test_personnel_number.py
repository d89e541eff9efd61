"""The personnel number (табельный номер): the employee's code in 1С:ЗУП, by which the mentors' allowance
is matched. Stored stripped, unique within the organisation when given, refused at its field in Russian,
shown to those who keep the registry and to the person, in the exports, erased with the data."""

import io
import zipfile
from datetime import date, timedelta

import openpyxl
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.audit.selectors import field_label, object_history
from apps.core.exceptions import DomainError
from apps.staff import services
from apps.staff.documents import WORKBOOK_NAME
from apps.staff.exports import people_xlsx
from apps.staff.forms import PersonForm
from apps.staff.models import Person
from apps.staff.subject_data import subject_data
from tests.factories.staff import PersonFactory, give_consent

from .test_person_rules import form_data

pytestmark = pytest.mark.django_db


def form_for(organization, instance=None, **overrides) -> PersonForm:
    form = PersonForm(form_data(**overrides), instance=instance or Person(organization=organization))
    form.is_valid()
    return form


def create(organization, **overrides) -> Person:
    form = form_for(organization, **overrides)
    assert form.is_valid(), form.errors
    return services.person_create(
        organization=organization, data=form.service_data(), subjects=form.cleaned_data["subjects"]
    )


# The form ------------------------------------------------------------------------------------------


def test_a_personnel_number_is_accepted_and_stored_stripped_with_its_leading_zeros(school):
    person = create(school, personnel_number="  0000-00012 ")
    person.refresh_from_db()
    assert person.personnel_number == "0000-00012"


def test_inner_spaces_are_collapsed_and_a_prefix_of_letters_is_kept(school):
    assert create(school, personnel_number="ЗП  000123").personnel_number == "ЗП 000123"


def test_the_field_is_optional_and_blank_twice_in_one_organisation_is_allowed(school):
    create(school, personnel_number="")
    second = create(school, last_name="Иванова", personnel_number="   ")
    assert second.personnel_number == ""
    assert Person.objects.filter(organization=school, personnel_number="").count() == 2


def test_the_form_says_what_the_number_is_for(school):
    field = PersonForm(instance=Person(organization=school)).fields["personnel_number"]
    assert field.label == "Табельный номер"
    assert field.help_text == "Как в 1С:Зарплата и кадры; нужен для выгрузки доплаты наставникам."
    assert field.max_length == 20 and not field.required


@pytest.mark.parametrize("value", ["12\x0034", "<script>", "=1+2", "000\u202e123", "-12", "12/", "№ 5"])
def test_a_number_with_characters_1c_does_not_use_is_refused_at_the_field(school, value):
    errors = form_for(school, personnel_number=value).errors
    assert list(errors) == ["personnel_number"]
    assert errors["personnel_number"][0].startswith(
        ("Табельный номер пишется как в 1С", "Данные содержат запрещённый символ")
    )


def test_a_number_longer_than_twenty_characters_is_refused_in_russian(school):
    errors = form_for(school, personnel_number="1" * 21).errors
    assert errors["personnel_number"] == [
        "Убедитесь, что это значение содержит не более 20 символов (сейчас 21)."
    ]


def test_the_same_number_in_the_same_organisation_is_refused_at_the_field(school):
    PersonFactory(
        organization=school, last_name="Морозова", first_name="Татьяна", patronymic="Сергеевна",
        birth_date=date(1976, 3, 9), personnel_number="000123",
    )  # fmt: skip
    form = form_for(school, last_name="Иванова", first_name="Мария", personnel_number="000123")
    assert form.errors == {
        "personnel_number": [
            "Табельный номер 000123 уже указан у Морозовой Т. С. в реестре этой организации."
        ]
    }


def test_the_same_number_in_another_organisation_is_allowed(school, other_school):
    PersonFactory(organization=other_school, personnel_number="000123")
    assert create(school, personnel_number="000123").personnel_number == "000123"


def test_a_number_differing_only_in_leading_zeros_is_another_number(school):
    PersonFactory(organization=school, personnel_number="000123")
    assert create(school, personnel_number="123").personnel_number == "123"


def test_editing_a_person_keeps_their_own_number(school):
    person = create(school, personnel_number="000123")
    form = form_for(school, instance=person, personnel_number="000123", phone="+7 912 000-00-00")
    assert form.is_valid(), form.errors
    services.person_update(person=person, data=form.service_data())
    person.refresh_from_db()
    assert (person.personnel_number, person.phone) == ("000123", "+7 912 000-00-00")


def test_the_database_refuses_a_duplicate_that_slips_past_the_form(school):
    PersonFactory(organization=school, personnel_number="000123")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(organization=school, personnel_number="000123")
    PersonFactory(organization=school, personnel_number="")
    PersonFactory(organization=school, personnel_number="")


def test_a_number_taken_at_the_same_moment_becomes_a_message_at_the_field(school, monkeypatch):
    """Two curators saving the same number at once: the second save meets the constraint."""
    PersonFactory(organization=school, personnel_number="000123")
    monkeypatch.setattr(Person, "personnel_number_holder", lambda self: None)
    with pytest.raises(DomainError) as error:
        services.person_create(organization=school, data={**_plain(school), "personnel_number": "000123"})
    assert error.value.field == "personnel_number"
    assert "только что указали у другого педагога" in error.value.message
    assert not Person.objects.filter(last_name="Иванова").exists()


def _plain(school) -> dict:
    return {"last_name": "Иванова", "first_name": "Мария", "patronymic": "Петровна", "sex": "f"}


# Pages ---------------------------------------------------------------------------------------------


def test_a_duplicate_posted_by_the_curator_is_shown_at_the_field_and_nothing_is_saved(client_for, cast):
    PersonFactory(organization=cast.school, last_name="Гусев", first_name="Лев", patronymic="Аркадьевич",
                  sex="m", personnel_number="000123")  # fmt: skip
    data = form_data(last_name="Иванова", first_name="Мария", personnel_number="000123")
    response = client_for("curator").post(reverse("staff:person-create"), data)
    assert response.status_code == 200
    assert "Табельный номер 000123 уже указан у Гусева Л. А. в реестре этой организации." in (
        response.content.decode()
    )
    assert not Person.objects.filter(last_name="Иванова").exists()


def test_the_curator_sets_the_number_in_the_edit_form(client_for, cast):
    person = PersonFactory(organization=cast.school, last_name="Морозова", first_name="Татьяна",
                           patronymic="Сергеевна", birth_date=date(1976, 3, 9))  # fmt: skip
    page = client_for("curator").get(reverse("staff:person-edit", args=[person.pk])).content.decode()
    assert 'name="personnel_number"' in page and "нужен для выгрузки доплаты наставникам" in page


SEES_THE_NUMBER = {
    "curator": True,
    "director": True,
    "mentee": True,  # the person themself
    "council": False,
    "psychologist": False,
}


@pytest.mark.parametrize(("name", "sees"), SEES_THE_NUMBER.items())
def test_the_card_shows_the_number_to_the_registry_keepers_and_the_person_only(client_for, cast, name, sees):
    person = PersonFactory(organization=cast.school, user=cast.mentee, personnel_number="0000-00077")
    give_consent(person)  # the council and the psychologist see the card's other data
    page = client_for(name).get(reverse("staff:person-detail", args=[person.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert ("0000-00077" in content) is sees
    assert ("Табельный номер" in content) is sees
    assert person.phone in content or not person.phone


# Exports, the subject's data, erasure, history ---------------------------------------------------------


def test_the_registry_export_has_the_number_as_text_with_its_zeros(school):
    PersonFactory(organization=school, personnel_number="000123")
    response = people_xlsx(Person.objects.filter(organization=school))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    column = rows[0].index("Табельный номер")
    assert rows[1][column] == "000123"


def test_the_subjects_data_lists_the_number(school):
    person = PersonFactory(organization=school, personnel_number="000123")
    card = subject_data(person=person).section("Карточка")
    assert ["Табельный номер", "000123"] in [list(row) for row in card.rows]


def test_the_subjects_data_archive_has_the_number(client_for, cast):
    person = PersonFactory(organization=cast.school, user=cast.mentee, personnel_number="000123")
    response = client_for("mentee").get(reverse("staff:person-data-export", args=[person.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content) if response.streaming
                                          else response.content))  # fmt: skip
    card = openpyxl.load_workbook(io.BytesIO(archive.read(WORKBOOK_NAME)))["Карточка"]
    assert ("Табельный номер", "000123") in list(card.iter_rows(values_only=True))


def test_destruction_of_the_data_clears_the_number(cast):
    person = PersonFactory(organization=cast.school, personnel_number="000123")
    consent = give_consent(person, signed_on=timezone.localdate() - timedelta(days=100))
    consent = services.consent_withdraw(
        consent=consent, withdrawn_by=None, withdrawn_on=timezone.localdate() - timedelta(days=40)
    )
    act = services.personal_data_destroy(consent=consent)
    person.refresh_from_db()
    assert person.personnel_number == ""
    assert "табельный номер" in act.data_list
    # The number is free again for another employee.
    assert create(cast.school, personnel_number="000123").personnel_number == "000123"


def test_the_history_names_the_field_in_russian(school):
    person = create(school)
    services.person_update(person=person, data={"personnel_number": "000123"})
    assert field_label(Person._meta.get_field("personnel_number")) == "табельный номер"
    changes = [(c.field, c.new) for entry in object_history(person) for c in entry.changes]
    assert ("табельный номер", "000123") in changes
