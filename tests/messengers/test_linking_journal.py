"""Linking and unlinking a messenger chat is journaled like the provider's sign-in link: who, which
messenger, when, the link's row id and never the chat's identifier; the person's card shows both in its
history."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.audit.models import AccessEvent
from apps.audit.services import audit_record
from apps.notifications.models import MessengerLink
from tests.factories.accounts import UserFactory
from tests.factories.staff import PersonFactory
from tests.messengers.test_linking import CHAT, LINK, UNLINK, _link

pytestmark = pytest.mark.django_db

MESSENGER_ACTIONS = [AccessEvent.Action.MESSENGER_LINK, AccessEvent.Action.MESSENGER_UNLINK]


@pytest.fixture
def anna(db):
    return UserFactory(username="anna", first_name="Анна", last_name="Смирнова", email="anna@school.ru")


def _events():
    return AccessEvent.objects.filter(action__in=MESSENGER_ACTIONS).order_by("pk")


def _holds_the_chat(event) -> bool:
    values = [str(getattr(event, f.attname)) for f in AccessEvent._meta.concrete_fields]
    return any(str(CHAT) in value for value in values)


def test_a_linked_chat_is_journaled_with_the_messenger_and_without_the_chat(client, anna, telegram):
    _link(client, anna, telegram)
    link = MessengerLink.objects.get(user=anna)
    [event] = _events()
    assert event.action == AccessEvent.Action.MESSENGER_LINK
    assert (event.user, event.target_user, event.detail) == (anna, anna, "Telegram")
    assert (event.object_type, event.object_id) == ("notifications.messengerlink", str(link.pk))
    assert event.organization is None  # her account's own setting, as the provider's sign-in link
    assert not _holds_the_chat(event)
    assert event.get_action_display() == "подключение мессенджера"


def test_an_unlinked_chat_is_journaled_once(client, anna, telegram):
    _link(client, anna, telegram)
    link_pk = MessengerLink.objects.get(user=anna).pk
    client.post(UNLINK)
    client.post(UNLINK)  # nothing linked any more: nothing to journal
    linked, unlink = _events()
    assert linked.object_id == unlink.object_id  # the same link: its row id pairs them
    assert unlink.action == AccessEvent.Action.MESSENGER_UNLINK
    assert (unlink.user, unlink.target_user, unlink.detail) == (anna, anna, "Telegram")
    assert unlink.object_id == str(link_pk)
    assert not _holds_the_chat(unlink)


def test_a_refused_code_journals_nothing(client, anna, telegram):
    client.force_login(anna)
    client.post(LINK)
    telegram.user_says(CHAT, "AAAA2222")
    call_command("poll_messengers")
    assert not _events().exists()


def test_a_chat_of_another_account_journals_nothing_for_the_second(client, anna, telegram):
    _link(client, anna, telegram)
    boris = UserFactory(username="boris")
    _link(client, boris, telegram)
    assert [e.target_user for e in _events()] == [anna]


def test_the_persons_card_shows_the_link_and_the_unlink_in_its_history(
    client, client_for, cast, anna, telegram
):
    person = PersonFactory(organization=cast.school, user=anna)
    _link(client, anna, telegram)
    client.post(UNLINK)
    page = client_for("curator").get(reverse("staff:person-detail", args=[person.pk])).content.decode()
    history = page[page.index('id="history-title"') :]
    assert "Подключение мессенджера" in history and "Отключение мессенджера" in history
    assert "<del>Telegram</del>" in history  # unlinked: the messenger struck out
    assert "Мессенджер:</span> Telegram" in history
    assert "Смирнова Анна" in history  # who did it
    assert str(CHAT) not in page
    # Latest first: the unlink above the link.
    assert history.index("Отключение мессенджера") < history.index("Подключение мессенджера")


def test_a_mentor_does_not_read_the_persons_history(client, client_for, cast, anna, telegram):
    person = PersonFactory(organization=cast.school, user=anna)
    _link(client, anna, telegram)
    response = client_for("mentor").get(reverse("staff:person-detail", args=[person.pk]))
    assert "Подключение мессенджера" not in response.content.decode()


def test_the_journal_page_and_its_export_name_the_messenger(client_for, cast):
    # An entry of the school's journal that carries a messenger (linking itself is of no organisation).
    audit_record(
        request_or_user=cast.mentor,
        action=AccessEvent.Action.MESSENGER_LINK,
        object_type="notifications.messengerlink",
        object_id="7",
        organization=cast.school,
        target_user=cast.mentor,
        detail="ВКонтакте",
    )
    page = client_for("director").get(reverse("audit:event-list")).content.decode()
    assert "подключённый мессенджер № 7: ВКонтакте" in page
    xlsx = client_for("director").get(reverse("audit:event-list") + "?export=xlsx")
    header, row = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
    assert row[header.index("Уточнение")] == "ВКонтакте"
    assert row[header.index("Действие")] == "подключение мессенджера"
