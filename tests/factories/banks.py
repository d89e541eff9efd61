"""People with consents and bank entries for the banks' tests; statuses are reached through services."""

from datetime import date, timedelta

import factory

from apps.banks import services
from apps.banks.models import Area, Level, MenteeEntry, MentorEntry
from apps.staff.models import Person, PersonalDataConsent
from tests.factories.names import safe_name


class StaffPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    last_name = safe_name("last_name_female")
    first_name = safe_name("first_name_female")
    patronymic = safe_name("middle_name_female")
    sex = Person.Sex.FEMALE
    birth_date = factory.Sequence(lambda n: date(1975, 1, 1) + timedelta(days=n))
    total_experience_years = 12
    pedagogical_experience_years = 10

    @factory.post_generation
    def consent(self, create, extracted, **kwargs):
        """StaffPersonFactory(consent=False) → a person without a consent to personal-data processing."""
        if create and extracted is not False:
            give_consent(self)


def give_consent(person: Person) -> PersonalDataConsent:
    return PersonalDataConsent.objects.create(
        person=person,
        subject_address="628408, г. Сургут, ул. Гагарина, д. 1, кв. 1",
        subject_document="паспорт 6700 000000, выдан УМВД России по ХМАО — Югре 01.01.2020",
        operator_name=person.organization.full_name,
        operator_address=person.organization.address or "г. Сургут",
        purpose="организация наставничества педагогических работников",
        data_list="фамилия, имя, отчество; должность; стаж; квалификационная категория",
        actions="сбор, запись, систематизация, хранение, уточнение, использование, удаление",
        term="до отзыва согласия",
        withdrawal_procedure="письменное заявление оператору",
        text_version="2026-1",
        text_snapshot="Согласие на обработку персональных данных …",
        form=PersonalDataConsent.Form.PORTAL,
        signed_on=date(2026, 9, 1),
    )


def withdraw_consent(person: Person) -> None:
    PersonalDataConsent.objects.filter(person=person, withdrawn_on__isnull=True).update(
        withdrawn_on=date(2026, 10, 1)
    )


def mentee(
    organization,
    year,
    *,
    person: Person | None = None,
    status: str = MenteeEntry.Status.WAITING,
    category: str = MenteeEntry.Category.YOUNG,
    difficulties=((Area.METHODICAL, Level.HIGH), (Area.PSYCHOLOGICAL, Level.MEDIUM)),
    user=None,
    **fields,
) -> MenteeEntry:
    """A mentee entry in ``status``, reached the way the portal reaches it."""
    person = person or StaffPersonFactory(organization=organization)
    start = (
        MenteeEntry.Status.CANDIDATE if status in ("candidate", "rejected") else MenteeEntry.Status.WAITING
    )
    entry = services.mentee_entry_create(
        organization=organization,
        year=year,
        person=person,
        category=category,
        user=user,
        difficulties=[services.AreaMark(area, level, f"комментарий: {area}") for area, level in difficulties],
        status=start,
        **fields,
    )
    path = {
        "candidate": [],
        "waiting": [],
        "rejected": [],
        "in_pair": ["in_pair"],
        "finished": ["in_pair", "finished"],
        "left": ["left"],
    }[status]
    if status == "rejected":
        return services.mentee_entry_reject(entry=entry, user=user, comment="Нет оснований")
    for step in path:
        entry = services.mentee_entry_transition(entry=entry, to=step)
    return entry


def mentor(
    organization,
    year,
    *,
    person: Person | None = None,
    status: str = MentorEntry.Status.APPROVED,
    director=None,
    strengths=((Area.METHODICAL, Level.HIGH), (Area.ICT, Level.MEDIUM)),
    consent_signed_on: date | None = date(2026, 9, 1),
    max_mentees: int = 2,
    **fields,
) -> MentorEntry:
    """A mentor entry in ``status``; approval needs ``director`` (a user who is the director)."""
    person = person or StaffPersonFactory(organization=organization)
    entry = services.mentor_entry_create(
        organization=organization,
        year=year,
        person=person,
        user=None,
        max_mentees=max_mentees,
        consent_signed_on=consent_signed_on,
        strengths=[services.AreaMark(area, level, "может помочь") for area, level in strengths],
        **fields,
    )
    if status == "candidate":
        return entry
    if status == "rejected":
        return services.mentor_entry_reject(entry=entry, user=director, comment="Нет опыта")
    entry = services.mentor_entry_approve(entry=entry, director=director)
    if status == "active":
        entry = services.mentor_entry_transition(entry=entry, to=MentorEntry.Status.ACTIVE)
    elif status == "released":
        entry = services.mentor_entry_release(entry=entry, user=director)
    return entry
