"""No lost updates in the banks: two curators edit one entry, the second save gets the conflict page."""

import pytest
from django.urls import reverse

from apps.banks import selectors, services
from apps.banks.models import MenteeEntry, MentorEntry
from apps.banks.services import AreaMark
from apps.core.locking import EditConflict
from tests.factories.banks import mentee, mentor
from tests.locking import browser, opened_token, second_curator

pytestmark = pytest.mark.django_db


def _mentee_form(entry, token, **overrides):
    return {
        "lock_token": token,
        "category": entry.category,
        "request": entry.request,
        "source": entry.source,
        "level_methodical": "2",
        **overrides,
    }


def _mentor_form(entry, token, **overrides):
    return {
        "lock_token": token,
        "max_mentees": str(entry.max_mentees),
        "mentoring_experience": entry.mentoring_experience,
        "confirmed_results": entry.confirmed_results,
        "motivation": entry.motivation,
        "level_subject": "3",
        **overrides,
    }


def test_second_save_of_a_mentee_entry_gets_both_versions_and_writes_nothing(cast, year):
    entry = mentee(cast.school, year, request="Хочу научиться строить урок")
    url = reverse("banks:mentee-edit", args=[entry.pk])
    first, second = browser(cast.curator), browser(second_curator(cast.school))
    token_first, token_second = opened_token(first, url), opened_token(second, url)
    assert token_first == token_second

    saved = first.post(url, _mentee_form(entry, token_first, request="Запрос от первого куратора"))
    assert saved.status_code == 302

    response = second.post(url, _mentee_form(entry, token_second, request="Запрос от второго куратора"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Конфликт правок" in page and "Запрос наставляемого" in page
    assert "Запрос от первого куратора" in page and "Запрос от второго куратора" in page
    assert "Соловьёва" in page  # who saved last
    entry.refresh_from_db()
    assert entry.request == "Запрос от первого куратора"


def test_saving_again_from_the_conflict_page_overwrites_deliberately(cast, year):
    entry = mentee(cast.school, year, request="Первоначальный запрос")
    url = reverse("banks:mentee-edit", args=[entry.pk])
    first, second = browser(cast.curator), browser(second_curator(cast.school))
    token = opened_token(first, url)
    opened_token(second, url)
    first.post(url, _mentee_form(entry, token, request="Правка первого"))
    conflict = second.post(url, _mentee_form(entry, token, request="Правка второго"))
    # The conflict page carries the saved state's token: the second person has now seen it.
    new_token = opened_token(second, url)
    assert f'value="{new_token}"' in conflict.content.decode()
    assert second.post(url, _mentee_form(entry, new_token, request="Правка второго")).status_code == 302
    entry.refresh_from_db()
    assert entry.request == "Правка второго"


def test_a_change_of_the_difficulties_alone_is_a_conflict_too(cast, year):
    entry = mentee(cast.school, year)
    url = reverse("banks:mentee-edit", args=[entry.pk])
    first, second = browser(cast.curator), browser(second_curator(cast.school))
    token = opened_token(first, url)
    assert first.post(url, _mentee_form(entry, token, level_methodical="3")).status_code == 302
    response = second.post(url, _mentee_form(entry, token, level_methodical="1"))
    assert response.status_code == 409
    assert "Затруднение: Методическая" in response.content.decode()
    assert list(entry.difficulties.values_list("level", flat=True)) == [3]


def test_a_single_save_and_a_save_after_a_status_change_go_through(cast, year):
    entry = mentee(cast.school, year, status=MenteeEntry.Status.CANDIDATE)
    url = reverse("banks:mentee-edit", args=[entry.pk])
    client = browser(cast.curator)
    token = opened_token(client, url)
    # Accepting the request changes the status, which the form does not edit: no conflict.
    services.mentee_entry_accept(entry=entry, user=cast.curator, comment="")
    assert client.post(url, _mentee_form(entry, token, request="Уточнённый запрос")).status_code == 302
    entry.refresh_from_db()
    assert entry.request == "Уточнённый запрос"


def test_second_save_of_a_mentor_entry_gets_the_conflict_and_writes_nothing(cast, year):
    entry = mentor(cast.school, year, status="candidate")
    url = reverse("banks:mentor-edit", args=[entry.pk])
    first, second = browser(cast.curator), browser(second_curator(cast.school))
    token_first, token_second = opened_token(first, url), opened_token(second, url)
    assert first.post(url, _mentor_form(entry, token_first, max_mentees="3")).status_code == 302
    response = second.post(url, _mentor_form(entry, token_second, max_mentees="1", motivation="Хочу"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Наибольшее число наставляемых" in page and "Мотивация" in page
    entry.refresh_from_db()
    assert entry.max_mentees == 3 and entry.motivation == ""


def test_the_service_refuses_a_stale_token_and_accepts_equal_values(cast, year):
    entry = mentor(cast.school, year, status="candidate", max_mentees=2)
    token = selectors.entry_lock_token(entry)
    kwargs = {"entry": entry, "user": cast.curator, "strengths": [AreaMark("ict", 3, "")]}
    services.mentor_entry_update(**kwargs, max_mentees=4, lock_token=token)
    with pytest.raises(EditConflict) as error:
        services.mentor_entry_update(**kwargs, max_mentees=5, lock_token=token)
    assert ("Наибольшее число наставляемых", "4", "5") in error.value.diffs
    # The same values as saved overwrite nothing of the other person's: no conflict.
    services.mentor_entry_update(**kwargs, max_mentees=4, lock_token=token)
    assert MentorEntry.objects.get(pk=entry.pk).max_mentees == 4


def test_an_edit_form_without_its_token_is_refused(cast, year):
    entry = mentee(cast.school, year, request="Было")
    url = reverse("banks:mentee-edit", args=[entry.pk])
    form = _mentee_form(entry, "", request="Стало")
    response = browser(cast.curator).post(url, form)
    assert response.status_code == 200 and "Форма устарела" in response.content.decode()
    entry.refresh_from_db()
    assert entry.request == "Было"
