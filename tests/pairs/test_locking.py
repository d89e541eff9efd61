"""No lost updates in pairs: two psychologists write the compatibility conclusion of one pair."""

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.core.locking import EditConflict
from apps.pairs import selectors, services
from tests.factories.accounts import UserFactory
from tests.locking import browser, opened_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_psychologist(cast):
    return UserFactory(
        username="psychologist_two",
        last_name="Зайцева",
        first_name="Нина",
        roles=[(Role.PSYCHOLOGIST, cast.school)],
    )


def test_second_conclusion_gets_both_versions_and_writes_nothing(cast, draft_pair, second_psychologist):
    detail = reverse("pairs:group-detail", args=[draft_pair.pk])
    url = reverse("pairs:compatibility", args=[draft_pair.pk])
    first, second = browser(cast.psychologist), browser(second_psychologist)
    token_first, token_second = opened_token(first, detail), opened_token(second, detail)

    data = {"compatibility": "compatible", "note": "Темпы работы совпадают", "lock_token": token_first}
    assert first.post(url, data).status_code == 302
    response = second.post(
        url, {"compatibility": "not_recommended", "note": "Разные стили общения", "lock_token": token_second}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Конфликт правок" in page and "Оценка совместимости" in page
    assert "Темпы работы совпадают" in page and "Разные стили общения" in page
    assert "совместимы" in page and "не рекомендуется" in page
    draft_pair.refresh_from_db()
    assert (draft_pair.compatibility, draft_pair.compatibility_note) == (
        "compatible",
        "Темпы работы совпадают",
    )
    assert draft_pair.compatibility_by == cast.psychologist


def test_saving_from_the_conflict_page_overwrites_deliberately(cast, draft_pair, second_psychologist):
    token = selectors.compatibility_lock_token(draft_pair)
    services.group_set_compatibility(
        group=draft_pair, user=cast.psychologist, compatibility="compatible", note="", lock_token=token
    )
    url = reverse("pairs:compatibility", args=[draft_pair.pk])
    client = browser(second_psychologist)
    conflict = client.post(url, {"compatibility": "reservations", "note": "", "lock_token": token})
    assert conflict.status_code == 409
    draft_pair.refresh_from_db()
    fresh = selectors.compatibility_lock_token(draft_pair)
    assert f'value="{fresh}"' in conflict.content.decode()
    assert (
        client.post(url, {"compatibility": "reservations", "note": "", "lock_token": fresh}).status_code
        == 302
    )
    draft_pair.refresh_from_db()
    assert draft_pair.compatibility == "reservations"


def test_the_service_refuses_a_stale_token(cast, draft_pair):
    token = selectors.compatibility_lock_token(draft_pair)
    services.group_set_compatibility(
        group=draft_pair, user=cast.psychologist, compatibility="compatible", note="Да", lock_token=token
    )
    with pytest.raises(EditConflict) as error:
        services.group_set_compatibility(
            group=draft_pair, user=cast.psychologist, compatibility="compatible", note="Нет", lock_token=token
        )
    assert error.value.diffs == [("Заключение", "Да", "Нет")]


def test_a_form_without_its_token_is_refused(cast, draft_pair):
    url = reverse("pairs:compatibility", args=[draft_pair.pk])
    response = browser(cast.psychologist).post(url, {"compatibility": "compatible"}, follow=True)
    assert "Форма устарела" in response.content.decode()
    draft_pair.refresh_from_db()
    assert draft_pair.compatibility == ""
