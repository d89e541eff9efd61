"""Helpers of the optimistic-locking tests: a second editor, separate browsers, the form's token."""

import re

from django.test import Client

from apps.accounts.models import Role
from tests.factories.accounts import UserFactory

TOKEN_RE = re.compile(r'name="lock_token" value="([0-9a-f]+)"')


def browser(user) -> Client:
    """A separate signed-in client: two people with their own sessions, as in two browsers."""
    client = Client()
    client.force_login(user)
    return client


def second_curator(school):
    return UserFactory(
        username="curator_two",
        last_name="Орлова",
        first_name="Мария",
        patronymic="Ильинична",
        roles=[(Role.CURATOR, school)],
    )


def opened_token(client: Client, url: str) -> str:
    """Open the edit form and return the token of the state it shows."""
    response = client.get(url)
    assert response.status_code == 200
    match = TOKEN_RE.search(response.content.decode())
    assert match, "the edit form carries no lock token"
    return match.group(1)
