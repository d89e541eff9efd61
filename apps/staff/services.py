"""Writes on the staff registry."""

from apps.core.exceptions import DomainError

from .models import Person
from .selectors import has_valid_consent


def person_require_consent(*, person: Person) -> None:
    """The rule: a person without a valid consent to personal-data processing cannot enter a bank,
    a pair or an order. Every service that puts a person there calls this first."""
    if not has_valid_consent(person):
        raise DomainError(
            f"У {person.short_name} нет действующего согласия на обработку персональных данных: "
            "сначала оформите согласие в карточке педагога.",
            field="person",
        )
