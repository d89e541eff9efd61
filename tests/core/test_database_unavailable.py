"""The database unreachable: a quick 503 with a Russian page that itself needs no database.

The full run (gunicorn, PostgreSQL stopped and started again) is ``make fault``
(scripts/fault_pg_restart.py); these tests keep the answer itself true in ``make test``.
"""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_errors(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    return client


def _unreachable(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_unreachable_database_gives_503_with_russian_page(production_errors, client_for, monkeypatch):
    client = client_for("curator")
    # The first thing a request does with the database is loading the session; the error page
    # must not try again (it would raise inside the error handler and end in a bare 500).
    monkeypatch.setattr(SessionStore, "load", _unreachable)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    body = response.content.decode()
    assert "Портал временно недоступен" in body
    assert '<html lang="ru">' in body


def test_other_errors_still_give_the_500_page(production_errors, client_for, monkeypatch):
    client = client_for("curator")

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(SessionStore, "load", broken)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 500
    assert "Что-то пошло не так" in response.content.decode()
