"""VK and MAX as channels of the portal, end to end against their local stand-ins: a person links the
community's dialog (the code typed as a message) or the MAX bot (the code in the deep link's ``start``),
chooses the messenger for a kind, and the notification arrives there with its text and link only; each
delivery keeps one ``dedup_key`` across its retries, so VK never shows a retried message twice."""

import pytest
from django.core.management import call_command

from apps.notifications import messaging, services
from apps.notifications.models import Channel, MessengerDelivery, MessengerLink, Notification
from tests.factories.accounts import UserFactory
from tests.messengers.conftest import MAX_TOKEN, VK_GROUP, VK_TOKEN

pytestmark = pytest.mark.django_db

PERSON = 1001
KIND = Notification.Kind.ROLE_CHANGE
BASE = "https://nastavnik.example.ru"


@pytest.fixture
def vk_portal(vk_server, settings):
    settings.VK_GROUP_TOKEN = VK_TOKEN
    settings.VK_GROUP_ID = str(VK_GROUP)
    settings.VK_API_URL = f"{vk_server.url}/method"
    settings.VK_BOT_ADDRESS = "https://vk.me/school_mentoring"
    settings.MESSENGERS_TIMEOUT = 5
    return vk_server


@pytest.fixture
def max_portal(max_server, settings):
    settings.MAX_BOT_TOKEN = MAX_TOKEN
    settings.MAX_API_URL = max_server.url
    settings.MAX_BOT_ADDRESS = "https://max.ru/school_bot"
    settings.MESSENGERS_TIMEOUT = 5
    return max_server


@pytest.fixture
def anna(db):
    return UserFactory(username="anna", first_name="Анна", last_name="Смирнова", email="anna@school.ru")


def _notify(user, key):
    services.notify(
        [user.pk], kind=KIND, text="Вам выдана роль «Наставник».", url="/accounts/profile/", key=key
    )


def test_vk_is_linked_by_the_code_sent_as_a_message_and_carries_the_notification(anna, vk_portal):
    assert Channel.VK not in messaging.channels_available(user=anna)  # offered only once linked
    call_command("poll_messengers")  # the bot's long poll session is open before the person writes
    code, _ = messaging.link_code_issue(user=anna, messenger="vk")
    vk_portal.person_says(PERSON, code)
    call_command("poll_messengers")
    link = MessengerLink.objects.get(user=anna, messenger="vk")
    assert link.chat_id == str(PERSON)
    assert Channel.VK in messaging.channels_available(user=anna)
    services.preferences_set(user=anna, channels={KIND: Channel.VK})

    _notify(anna, "k1")
    _notify(anna, "k2")  # the same text again: a new delivery, so VK must show it again
    call_command("send_notifications", base_url=BASE)
    deliveries = MessengerDelivery.objects.filter(user=anna, messenger="vk")
    assert [d.status for d in deliveries] == [MessengerDelivery.Status.SENT] * 2
    sent = [line["text"] for line in vk_portal.dialog(PERSON) if line["from"] == "bot"]
    expected = (
        f"Наставник.Школа: Выдача и снятие ролей\nВам выдана роль «Наставник».\n{BASE}/accounts/profile/"
    )
    assert sent[-2:] == [expected, expected]
    assert "Анна" not in sent[-1] and "anna@school.ru" not in sent[-1]


def test_a_delivery_keeps_its_dedup_key_across_retries(anna, vk_portal, monkeypatch):
    MessengerLink.objects.create(user=anna, messenger="vk", chat_id=str(PERSON))
    services.preferences_set(user=anna, channels={KIND: Channel.VK})
    keys = []
    real_send = type(messaging.messengers.transport("vk")).send

    def spy(self, chat_id, text, *, dedup_key=""):
        keys.append(dedup_key)
        return real_send(self, chat_id, text, dedup_key=dedup_key)

    monkeypatch.setattr(type(messaging.messengers.transport("vk")), "send", spy)
    vk_portal.fail_next_http("messages.send", 500)
    _notify(anna, "k1")
    call_command("send_notifications", base_url=BASE)
    delivery = MessengerDelivery.objects.get()
    assert delivery.status == MessengerDelivery.Status.RETRY
    call_command("send_notifications", base_url=BASE)
    delivery.refresh_from_db()
    assert delivery.status == MessengerDelivery.Status.SENT
    assert keys == [f"delivery-{delivery.pk}"] * 2


def test_max_is_linked_by_the_deep_link_and_carries_the_notification(anna, max_portal):
    code, _ = messaging.link_code_issue(user=anna, messenger="max")
    transport = messaging.messengers.transport("max")
    assert transport.chat_url(code) == f"https://max.ru/school_bot?start={code}"
    max_portal.person_starts(PERSON, payload=code)
    call_command("poll_messengers")
    link = MessengerLink.objects.get(user=anna, messenger="max")
    services.preferences_set(user=anna, channels={KIND: Channel.MAX})
    _notify(anna, "k1")
    call_command("send_notifications", base_url=BASE)
    assert MessengerDelivery.objects.get().status == MessengerDelivery.Status.SENT
    assert link.chat_id  # the dialog's chat, not the person's user id
    sent = [line["text"] for line in max_portal.dialog(PERSON) if line["from"] == "bot"]
    assert sent[-1].endswith(f"{BASE}/accounts/profile/")


def test_a_messenger_without_its_token_is_not_offered(anna, settings):
    settings.VK_GROUP_TOKEN = ""
    settings.MAX_BOT_TOKEN = ""
    MessengerLink.objects.create(user=anna, messenger="vk", chat_id=str(PERSON))
    assert Channel.VK not in messaging.channels_available(user=anna)
