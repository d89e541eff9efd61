"""Factories for pairs and groups, and the small people/bank factories their tests need."""

from datetime import date, timedelta

import factory

from apps.banks.models import MenteeDifficulty, MenteeEntry, MentorEntry, MentorStrength
from apps.pairs.models import Direction, Form, MentoringType
from apps.staff.models import Person, PersonalDataConsent
from tests.factories.names import safe_name


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    last_name = safe_name("last_name_male")
    first_name = safe_name("first_name_male")
    patronymic = safe_name("middle_name_male")
    sex = "m"
    birth_date = factory.Sequence(lambda n: date(1970, 1, 1) + timedelta(days=n))
    pedagogical_experience_years = 5
    total_experience_years = 10


def consent_for(person: Person) -> PersonalDataConsent:
    return PersonalDataConsent.objects.create(
        person=person,
        subject_address="г. Сургут",
        subject_document="паспорт",
        operator_name="МБОУ СОШ № 7",
        operator_address="г. Сургут",
        purpose="наставничество",
        data_list="ФИО",
        actions="сбор, хранение",
        term="5 лет",
        withdrawal_procedure="письменное заявление",
        text_version="1",
        text_snapshot="…",
        form=PersonalDataConsent.Form.PORTAL,
        signed_on=date(2026, 9, 1),
    )


def person(organization, *, consent=True, **kwargs) -> Person:
    p = PersonFactory(organization=organization, **kwargs)
    if consent:
        consent_for(p)
    return p


def mentor_entry(
    organization,
    year,
    *,
    person_obj=None,
    strengths=(),
    status=MentorEntry.Status.APPROVED,
    consent_signed_on=date(2026, 9, 1),
    max_mentees=2,
    **person_kwargs,
) -> MentorEntry:
    p = person_obj or person(organization, **person_kwargs)
    entry = MentorEntry.objects.create(
        organization=organization,
        year=year,
        person=p,
        status=status,
        consent_signed_on=consent_signed_on,
        max_mentees=max_mentees,
    )
    for area, level in strengths:
        MentorStrength.objects.create(entry=entry, area=area, level=level)
    return entry


def mentee_entry(
    organization,
    year,
    *,
    person_obj=None,
    difficulties=(),
    status=MenteeEntry.Status.WAITING,
    **person_kwargs,
) -> MenteeEntry:
    p = person_obj or person(organization, **person_kwargs)
    entry = MenteeEntry.objects.create(
        organization=organization, year=year, person=p, status=status, category=MenteeEntry.Category.YOUNG
    )
    for area, level in difficulties:
        MenteeDifficulty.objects.create(entry=entry, area=area, level=level)
    return entry


def group_kwargs(organization, year, mentor, mentees, **overrides) -> dict:
    data = {
        "organization": organization,
        "year": year,
        "mentor": mentor,
        "mentees": list(mentees),
        "form": Form.TEACHER_GROUP if len(mentees) > 1 else Form.TEACHER_TEACHER,
        "types": [MentoringType.TRADITIONAL],
        "direction": Direction.METHODS,
        "planned_start": date(2026, 10, 1),
        "planned_end": date(2027, 5, 31),
    }
    data.update(overrides)
    return data
