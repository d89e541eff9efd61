"""Registry entries and consents for the staff tests. Consents are given through the services."""

from datetime import date, timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.names import decline_full_name
from apps.staff import services
from apps.staff.models import Person, PersonalDataConsent, Position, Subject
from tests.factories.names import safe_name
from tests.factories.organizations import OrganizationFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def position(name: str = "Учитель") -> Position:
    """Positions come from the data migration (fixtures/positions.json)."""
    return Position.objects.get(name=name)


def subject(name: str) -> Subject:
    return Subject.objects.get(name=name)


def _declined(person, case: str) -> str:
    return decline_full_name(person.last_name, person.first_name, person.patronymic, case, person.sex)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory, address="628408, г. Сургут, ул. Гагарина, д. 12")
    last_name = safe_name("last_name_female")
    first_name = safe_name("first_name_female")
    patronymic = safe_name("middle_name_female")
    sex = Person.Sex.FEMALE
    birth_date = factory.Sequence(lambda n: date(1980, 1, 1) + timedelta(days=n))
    position = factory.LazyFunction(position)
    total_experience_years = 15
    pedagogical_experience_years = 12
    qualification_category = Person.Category.FIRST
    hire_date = date(2015, 8, 25)
    email = factory.Sequence(lambda n: f"teacher{n}@school.example.ru")
    name_genitive = factory.LazyAttribute(lambda p: _declined(p, "genitive"))
    name_dative = factory.LazyAttribute(lambda p: _declined(p, "dative"))
    name_accusative = factory.LazyAttribute(lambda p: _declined(p, "accusative"))

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create and extracted:
            self.subjects.set(extracted)


def scan_file(content: bytes = PDF_BYTES, name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def give_consent(person: Person, *, recorded_by=None, signed_on: date | None = None) -> PersonalDataConsent:
    """A paper consent recorded the way the curator records it."""
    return services.consent_record_paper(
        person=person,
        subject_address="628400, г. Сургут, ул. Ленина, д. 1, кв. 2",
        subject_document="паспорт 67 10 123456, выдан УМВД России по ХМАО — Югре 12.03.2015",
        signed_on=signed_on or date(2026, 9, 1),
        scan=scan_file(),
        recorded_by=recorded_by,
    )


def person_with_consent(**kwargs) -> Person:
    person = PersonFactory(**kwargs)
    give_consent(person)
    return person
