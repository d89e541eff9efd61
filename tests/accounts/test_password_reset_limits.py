"""The reset letter is limited per address and per client; beyond a limit the page answers as usual
(revealing nothing) and sends nothing."""

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("accounts:password-reset")


@pytest.fixture
def limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 5
    return settings


def _ask(client, email, ip="10.0.0.1"):
    return client.post(URL, {"email": email}, REMOTE_ADDR=ip)


def test_letters_to_one_address_stop_at_the_limit_with_the_same_answer(client, cast, limits):
    answers = [_ask(client, cast.curator.email, ip=f"10.0.0.{i}") for i in range(5)]
    assert len(mail.outbox) == 3
    assert {(r.status_code, r["Location"]) for r in answers} == {
        (302, reverse("accounts:password-reset-done"))
    }


def test_the_address_limit_ignores_the_case_of_the_address(client, cast, limits):
    for i in range(4):
        _ask(client, cast.curator.email.upper() if i % 2 else cast.curator.email, ip=f"10.0.1.{i}")
    assert len(mail.outbox) == 3


def test_one_client_asking_for_many_addresses_stops_at_the_client_limit(client, cast, limits):
    people = [
        cast.curator,
        cast.director,
        cast.mentor,
        cast.mentee,
        cast.council,
        cast.psychologist,
        cast.nobody,
    ]
    answers = [_ask(client, p.email) for p in people]
    assert len(mail.outbox) == 5
    assert all(r.status_code == 302 for r in answers)
    # Another client is not affected.
    _ask(client, cast.regional.email, ip="10.9.9.9")
    assert len(mail.outbox) == 6


def test_unknown_addresses_count_too(client, cast, limits):
    for i in range(5):
        _ask(client, f"nobody{i}@nowhere.ru")
    _ask(client, cast.curator.email)
    assert mail.outbox == []


def test_the_limits_come_from_the_settings(settings):
    assert settings.PASSWORD_RESET_LIMIT_PER_ADDRESS == 5
    assert settings.PASSWORD_RESET_LIMIT_PER_CLIENT == 20
    assert settings.PASSWORD_RESET_LIMIT_WINDOW == 3600


def test_the_window_ends_and_letters_are_sent_again(client, cast, limits):
    from django.core.cache import cache

    for i in range(4):
        _ask(client, cast.curator.email, ip=f"10.0.2.{i}")
    assert len(mail.outbox) == 3
    cache.clear()  # what the end of the window does to the counters
    _ask(client, cast.curator.email)
    assert len(mail.outbox) == 4
