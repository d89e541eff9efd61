"""Reads of the staff registry. Consent gating lives here: without a valid consent to personal-data
processing a person cannot enter a bank, a pair or an order."""

from django.db.models import Exists, OuterRef, QuerySet

from .models import Person, PersonalDataConsent


def valid_consent_exists() -> Exists:
    """An SQL expression: the person (OuterRef "pk") has a consent that is neither withdrawn nor destroyed."""
    return Exists(
        PersonalDataConsent.objects.filter(
            person=OuterRef("pk"), withdrawn_on__isnull=True, destroyed_on__isnull=True
        )
    )


def people_with_valid_consent(queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    queryset = Person.objects.all() if queryset is None else queryset
    return queryset.filter(valid_consent_exists())


def has_valid_consent(person: Person) -> bool:
    return PersonalDataConsent.objects.filter(
        person=person, withdrawn_on__isnull=True, destroyed_on__isnull=True
    ).exists()
