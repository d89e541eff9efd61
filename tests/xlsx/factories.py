"""Small factories for the Excel tests: people with consents, bank entries, positions and subjects."""

from datetime import date, timedelta

import factory

from apps.banks.models import MenteeDifficulty, MenteeEntry, MentorEntry, MentorStrength
from apps.staff.models import Person, PersonalDataConsent, Position, Subject
from tests.factories.names import safe_name


class PositionFactory(factory.django.DjangoModelFactory):
    """Positions come from the nomenclature fixture; get_or_create keeps the tests independent of it."""

    class Meta:
        model = Position
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Должность {n}")


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Предмет {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    last_name = safe_name("last_name_female")
    first_name = safe_name("first_name_female")
    patronymic = safe_name("middle_name_female")
    sex = "f"
    birth_date = factory.Sequence(lambda n: date(1975, 1, 1) + timedelta(days=n))
    total_experience_years = 15
    pedagogical_experience_years = 12


def consent_for(person: Person, *, signed_on=date(2026, 9, 1), withdrawn_on=None) -> PersonalDataConsent:
    return PersonalDataConsent.objects.create(
        person=person,
        subject_address="г. Сургут, ул. Мира, д. 1",
        subject_document="паспорт 6700 123456",
        operator_name="МБОУ СОШ № 7",
        operator_address="г. Сургут",
        purpose="организация наставничества",
        data_list="ФИО, должность",
        actions="сбор, хранение",
        term="до отзыва",
        withdrawal_procedure="письменное заявление",
        text_version="1",
        text_snapshot="…",
        form=PersonalDataConsent.Form.PAPER,
        paper_location="личное дело педагога",
        signed_on=signed_on,
        withdrawn_on=withdrawn_on,
    )


def mentee_entry(organization, year, person, *, difficulties=(), **kwargs) -> MenteeEntry:
    entry = MenteeEntry.objects.create(
        organization=organization,
        year=year,
        person=person,
        category=kwargs.pop("category", MenteeEntry.Category.YOUNG),
        **kwargs,
    )
    for area, level, comment in difficulties:
        MenteeDifficulty.objects.create(entry=entry, area=area, level=level, comment=comment)
    return entry


def mentor_entry(organization, year, person, *, strengths=(), **kwargs) -> MentorEntry:
    entry = MentorEntry.objects.create(organization=organization, year=year, person=person, **kwargs)
    for area, level, comment in strengths:
        MentorStrength.objects.create(entry=entry, area=area, level=level, comment=comment)
    return entry
