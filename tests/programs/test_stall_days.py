"""«Stalled» follows PROGRAM_STALL_DAYS (settings): the rule, the filter and the words on the pages."""

from datetime import date

import pytest
from django.urls import reverse

from apps.programs import selectors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "1 день"), (3, "3 дня"), (11, "11 дней"), (21, "21 день"), (30, "30 дней"), (112, "112 дней")],
)
def test_days_phrase(n, words):
    assert selectors.days_phrase(n) == words


def test_stall_days_from_settings_change_the_rule_and_the_words(client_for, approved, monkeypatch):
    monkeypatch.setattr(selectors, "STALL_DAYS", 21)
    assert selectors.is_stalled(approved, None, on=date(2026, 10, 22))
    assert not selectors.is_stalled(approved, None, on=date(2026, 10, 21))
    page = client_for("curator").get(reverse("programs:program-detail", args=[approved.pk])).content.decode()
    assert "Нет записей в журнале 21 день и больше" in page
    listing = client_for("curator").get(reverse("programs:program-list")).content.decode()
    assert "Только без активности 21 день" in listing and "нет активности 21 день" in listing
    assert "30 дней" not in listing
