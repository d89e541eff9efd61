"""Linking a Telegram chat from the settings page with a one-time code, end to end against the local
Bot API: the code is shown once, the chat that sends it is linked to that account only, the page shows
it, unlinking is one click and the kinds sent there fall back to the digest."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.notifications import messaging
from apps.notifications.models import (
    Channel,
    MessengerLink,
    MessengerLinkCode,
    Notification,
    NotificationPreference,
)
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

SETTINGS = reverse("notifications:settings")
LINK = reverse("notifications:messenger-link", args=["telegram"])
UNLINK = reverse("notifications:messenger-unlink", args=["telegram"])
STATUS = reverse("notifications:messenger-status", args=["telegram"])
CHAT = 5550001


@pytest.fixture
def anna(db):
    return UserFactory(username="anna", first_name="Анна", last_name="Смирнова", email="anna@school.ru")


@pytest.fixture
def boris(db):
    return UserFactory(username="boris", first_name="Борис", last_name="Ковалёв")


def _code_on_page(client) -> str:
    page = client.get(SETTINGS).content.decode()
    start = page.index("user-select-all") + len('user-select-all">')
    return page[start : start + messaging.CODE_LENGTH]


def _link(client, user, fake, chat=CHAT) -> str:
    client.force_login(user)
    client.post(LINK)
    code = _code_on_page(client)
    fake.user_says(chat, f"/start {code}")
    call_command("poll_messengers")
    return code


def test_a_person_links_telegram_with_the_deep_link_and_sees_it_linked(client, anna, telegram):
    client.force_login(anna)
    page = client.get(SETTINGS).content.decode()
    assert "Telegram" in page and "Подключить" in page
    card = page[page.index('id="messenger-telegram"') :]
    assert 'name="csrfmiddlewaretoken"' in card[: card.index("</form>")]  # the button posts with the token

    assert client.post(LINK).status_code == 302
    page = client.get(SETTINGS).content.decode()
    code = _code_on_page(client)
    assert f"https://t.me/nastavnik_test_bot?start={code}" in page
    assert "подходит один раз" in page
    stored = MessengerLinkCode.objects.get(user=anna)
    assert code not in stored.code_hash and stored.expires_at > timezone.now()
    assert client.get(STATUS, HTTP_HX_REQUEST="true").status_code == 200  # still waiting

    telegram.user_says(CHAT, f"/start {code}")
    call_command("poll_messengers")

    link = MessengerLink.objects.get(user=anna, messenger="telegram")
    assert link.chat_id == str(CHAT)
    [reply] = telegram.messages_to(CHAT)
    assert "подключён" in reply
    assert "Анна" not in reply and "Смирнова" not in reply and "anna" not in reply
    refresh = client.get(STATUS, HTTP_HX_REQUEST="true")
    assert refresh.status_code == 204 and refresh["HX-Refresh"] == "true"
    page = client.get(SETTINGS).content.decode()
    assert "Подключено" in page and "Отключить" in page and "В Telegram" in page


def test_the_page_says_what_is_stored_what_a_message_carries_and_that_telegram_is_abroad(
    client, anna, telegram, settings
):
    client.force_login(anna)
    page = client.get(SETTINGS).content.decode()
    notice = page[page.index('id="messengers-data"') :]
    notice = notice[: notice.index("</p>")]
    assert "идентификатор вашего чата" in notice and "ссылка на портал" in notice
    assert "Серверы Telegram находятся за пределами Российской Федерации" in notice
    assert "Подключение добровольное" in page

    settings.TELEGRAM_BOT_TOKEN = ""
    settings.VK_GROUP_TOKEN, settings.VK_GROUP_ID = "vk-token", "1"
    page = client.get(SETTINGS).content.decode()
    assert 'id="messengers-data"' in page and "за пределами Российской Федерации" not in page


def test_a_code_typed_by_hand_with_spaces_and_lower_case_links_the_chat(client, anna, telegram):
    client.force_login(anna)
    client.post(LINK)
    code = _code_on_page(client)
    telegram.user_says(CHAT, f"  {code[:4].lower()} {code[4:]} ")
    call_command("poll_messengers")
    assert MessengerLink.objects.filter(user=anna, chat_id=str(CHAT)).exists()


def test_a_used_code_does_not_link_a_second_chat(client, anna, telegram):
    code = _link(client, anna, telegram)
    telegram.user_says(777, code)
    call_command("poll_messengers")
    assert list(MessengerLink.objects.values_list("chat_id", flat=True)) == [str(CHAT)]
    assert "Код не подошёл" in telegram.messages_to(777)[0]


def test_an_expired_code_is_refused(client, anna, telegram):
    client.force_login(anna)
    client.post(LINK)
    code = _code_on_page(client)
    MessengerLinkCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    telegram.user_says(CHAT, code)
    call_command("poll_messengers")
    assert not MessengerLink.objects.exists()
    assert "Код не подошёл" in telegram.messages_to(CHAT)[0]
    assert "Подключить" in client.get(SETTINGS).content.decode()  # the page no longer shows the code


def test_a_new_code_voids_the_previous_one(client, anna, telegram):
    client.force_login(anna)
    client.post(LINK)
    first = _code_on_page(client)
    client.post(LINK)
    assert _code_on_page(client) != first
    telegram.user_says(CHAT, first)
    call_command("poll_messengers")
    assert not MessengerLink.objects.exists()


def test_a_code_sent_in_a_group_links_nothing(client, anna, telegram):
    client.force_login(anna)
    client.post(LINK)
    telegram.user_says(-100200, _code_on_page(client), chat_type="group")
    call_command("poll_messengers")
    assert not MessengerLink.objects.exists()
    assert telegram.messages_to(-100200) == []


def test_a_chat_linked_to_one_account_is_not_taken_over_by_another_code(client, anna, boris, telegram):
    _link(client, anna, telegram)
    _link(client, boris, telegram)  # the same chat sends Boris's code
    assert list(MessengerLink.objects.values_list("user__username", flat=True)) == ["anna"]
    assert "уже подключён к другой учётной записи" in telegram.messages_to(CHAT)[-1]


def test_wrong_codes_lock_the_chat_out(client, anna, telegram):
    for _ in range(messaging.REFUSAL_LIMIT):
        telegram.user_says(CHAT, "AAAA2222")
    call_command("poll_messengers")
    replies = telegram.messages_to(CHAT)
    assert replies[-1] == messaging.REPLY_LOCKED and len(replies) == messaging.REFUSAL_LIMIT
    client.force_login(anna)
    client.post(LINK)
    telegram.user_says(CHAT, _code_on_page(client))  # even the right code is not checked now
    call_command("poll_messengers")
    assert not MessengerLink.objects.exists()
    assert len(telegram.messages_to(CHAT)) == messaging.REFUSAL_LIMIT  # and not answered


def test_a_greeting_gets_the_instructions_and_is_not_a_wrong_code(telegram):
    telegram.user_says(CHAT, "/start")
    telegram.user_says(CHAT, "Здравствуйте!")
    call_command("poll_messengers")
    assert all("нажмите «Подключить»" in r for r in telegram.messages_to(CHAT))
    assert not messaging.MessengerCodeRefusal.objects.exists()


def test_each_message_is_read_once(client, anna, telegram):
    _link(client, anna, telegram)
    call_command("poll_messengers")
    assert len(telegram.messages_to(CHAT)) == 1


def test_unlinking_is_one_click_and_the_kinds_fall_back_to_the_digest(client, anna, telegram):
    _link(client, anna, telegram)
    kind = Notification.Kind.ORDER_SIGNATURE
    answer = client.post(
        SETTINGS, {k: Channel.TELEGRAM if k == kind else Channel.PORTAL for k in Notification.Kind.values}
    )
    assert answer.status_code == 302
    assert NotificationPreference.objects.get(user=anna, kind=kind).channel == Channel.TELEGRAM

    assert client.post(UNLINK).status_code == 302
    assert not MessengerLink.objects.exists()
    assert NotificationPreference.objects.get(user=anna, kind=kind).channel == Channel.DIGEST
    assert NotificationPreference.objects.filter(user=anna, channel=Channel.PORTAL).count() == 7
    page = client.get(SETTINGS).content.decode()
    assert "Подключить" in page and "В Telegram" not in page


def test_unlinking_touches_only_ones_own_chat(client, anna, boris, telegram):
    _link(client, anna, telegram)
    client.force_login(boris)
    assert client.post(UNLINK).status_code == 302
    assert MessengerLink.objects.filter(user=anna).exists()
    assert "Подключено" not in client.get(SETTINGS).content.decode()  # Boris does not see Anna's chat


def test_the_form_refuses_a_messenger_the_person_did_not_link(client, anna, telegram):
    client.force_login(anna)
    kinds = Notification.Kind.values
    answer = client.post(SETTINGS, dict.fromkeys(kinds, Channel.TELEGRAM))
    assert answer.status_code == 200
    assert "мессенджер не подключён" in answer.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_service_refuses_a_messenger_the_person_did_not_link(anna, telegram):
    from apps.core.exceptions import DomainError
    from apps.notifications import services

    with pytest.raises(DomainError, match="не подключён"):
        services.preferences_set(user=anna, channels={Notification.Kind.ROLE_CHANGE: Channel.TELEGRAM})
    assert not NotificationPreference.objects.exists()


def test_a_messenger_without_a_token_is_not_offered_and_its_pages_do_not_exist(client, anna, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    client.force_login(anna)
    page = client.get(SETTINGS).content.decode()
    assert "Telegram" not in page and "Мессенджеры" not in page
    assert client.post(LINK).status_code == 404
    assert client.post(UNLINK).status_code == 404
    assert client.get(STATUS).status_code == 404


def test_an_unknown_messenger_is_404_and_the_pages_need_a_sign_in(client, anna, telegram):
    assert client.post(LINK).status_code == 302  # to the sign-in page
    assert client.get(STATUS).status_code == 302
    client.force_login(anna)
    assert client.post(reverse("notifications:messenger-link", args=["icq"])).status_code == 404
    assert client.get(LINK).status_code == 405
    assert client.get(UNLINK).status_code == 405


def test_the_poller_reports_an_unreachable_bot_and_keeps_its_place(telegram):
    from django.core.management.base import CommandError

    from apps.notifications.models import MessengerCursor

    telegram.fail_next("server", method="getUpdates")
    with pytest.raises(CommandError, match="сообщения не прочитаны"):
        call_command("poll_messengers")
    assert MessengerCursor.objects.get(messenger="telegram").cursor == ""
    telegram.user_says(CHAT, "/start")
    call_command("poll_messengers")
    assert MessengerCursor.objects.get(messenger="telegram").cursor != ""
