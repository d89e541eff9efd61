"""Fixtures of the banks' tests: staff cards linked to the cast's users."""

import pytest

from tests.factories.banks import StaffPersonFactory


@pytest.fixture
def card_of(cast):
    """card_of("mentee") → the staff card (with consent) of that member of the cast, in their school."""

    def make(name: str, organization=None, **fields):
        user = getattr(cast, name)
        return StaffPersonFactory(
            organization=organization or cast.school,
            user=user,
            last_name=user.last_name or "Петрова",
            first_name=user.first_name or "Анна",
            patronymic=user.patronymic or "Ивановна",
            **fields,
        )

    return make
