"""No lost updates in draft orders: two curators edit one draft, the second save gets the conflict page."""

import pytest
from django.urls import reverse

from apps.core.locking import EditConflict
from apps.orders import selectors, services
from tests.factories.orders import make_draft, make_person
from tests.locking import browser, opened_token, second_curator

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(cast):
    return make_person(cast.school, "Морозова", "Татьяна", "Сергеевна", sex="f", user=cast.mentor)


@pytest.fixture
def draft(cast, teacher):
    return make_draft(cast.school, cast.curator, participants=[(teacher, "куратор")])


def _form(draft, token, teacher, **overrides):
    return {
        "lock_token": token,
        "title": draft.title,
        "preamble": draft.preamble,
        "items_text": "Назначить куратором наставничества.",
        "participants": [teacher.pk],
        "participant_role": "куратор",
        "control_text": draft.control_text,
        "preparer_name": draft.preparer_name,
        "preparer_phone": draft.preparer_phone,
        **overrides,
    }


def test_second_save_of_a_draft_gets_both_versions_and_writes_nothing(cast, draft, teacher):
    url = reverse("orders:order-edit", args=[draft.pk])
    first, second = browser(cast.curator), browser(second_curator(cast.school))
    token_first, token_second = opened_token(first, url), opened_token(second, url)

    saved = first.post(url, _form(draft, token_first, teacher, items_text="Пункт первого куратора"))
    assert saved.status_code == 302
    response = second.post(
        url, _form(draft, token_second, teacher, items_text="Пункт второго куратора\nЕщё пункт")
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Конфликт правок" in page and "Распорядительные пункты" in page
    assert "Пункт первого куратора" in page and "Пункт второго куратора" in page
    # Only the items moved, yet the page names who saved last (the first curator).
    assert "Последнее сохранение" in page and "Соловьёва Елена" in page
    assert list(draft.items.values_list("text", flat=True)) == ["Пункт первого куратора"]


def test_a_changed_list_of_participants_is_a_conflict(cast, draft, teacher):
    other = make_person(cast.school, "Ёлкина", "Дарья", "Андреевна", sex="f")
    url = reverse("orders:order-edit", args=[draft.pk])
    first, second = browser(cast.curator), browser(second_curator(cast.school))
    token = opened_token(first, url)
    assert (
        first.post(url, _form(draft, token, teacher, participants=[teacher.pk, other.pk])).status_code == 302
    )
    response = second.post(url, _form(draft, token, teacher, title="О назначении куратора программ"))
    page = response.content.decode()
    assert response.status_code == 409 and "Работники, которых нужно ознакомить" in page
    draft.refresh_from_db()
    assert draft.title == "О назначении куратора" and draft.participants.count() == 2


def test_a_single_save_goes_through_and_a_second_from_the_conflict_page_overwrites(cast, draft, teacher):
    url = reverse("orders:order-edit", args=[draft.pk])
    client = browser(cast.curator)
    token = opened_token(client, url)
    assert client.post(url, _form(draft, token, teacher, preamble="Новая преамбула")).status_code == 302
    draft.refresh_from_db()
    assert draft.preamble == "Новая преамбула"
    # A stale form: conflict; the conflict page carries the new token, the next save overwrites.
    conflict = client.post(url, _form(draft, token, teacher, preamble="Другая преамбула"))
    assert conflict.status_code == 409
    fresh = selectors.order_lock_token(draft)
    assert f'value="{fresh}"' in conflict.content.decode()
    assert client.post(url, _form(draft, fresh, teacher, preamble="Другая преамбула")).status_code == 302
    draft.refresh_from_db()
    assert draft.preamble == "Другая преамбула"


def test_the_service_checks_the_token_under_the_lock(cast, draft):
    token = selectors.order_lock_token(draft)
    services.order_update_draft(order=draft, user=cast.curator, title="Об изменении", lock_token=token)
    with pytest.raises(EditConflict) as error:
        services.order_update_draft(order=draft, user=cast.curator, title="О другом", lock_token=token)
    assert error.value.diffs == [("Заголовок", "Об изменении", "О другом")]
    # Saving what is already saved overwrites nothing: no conflict.
    services.order_update_draft(order=draft, user=cast.curator, title="Об изменении", lock_token=token)
