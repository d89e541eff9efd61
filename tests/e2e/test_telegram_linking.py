"""Linking Telegram from the notifications settings on a phone (README «Notifications in messengers»),
against the local stand-in of the Bot API (tests/messengers/telegram_server.py), whose page at ``/``
plays the person's Telegram: the mentor asks for a code, opens the chat with the bot (the deep link sends
the code), the poller links the chat, the settings page shows it by itself, she sends a kind of
notifications to Telegram, the hourly run sends one there, and «Отключить» is one tap."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from apps.notifications.models import (
    DEFAULT_CHANNEL,
    Channel,
    MessengerDelivery,
    MessengerLink,
    Notification,
    NotificationPreference,
)
from apps.programs.models import RoadmapEvent
from tests.e2e.conftest import PHONE, SCREENSHOTS, controls_below
from tests.messengers.telegram_server import DEMO_CHAT, FakeTelegram

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TOKEN = "123456:e2e-token"
KIND = Notification.Kind.EVENT_DUE
KIND_LABEL = "Срок мероприятия программы наставничества"
# Taps from the dashboard: the menu, «Уведомления», «Настройки», «Подключить», «Открыть чат с ботом»,
# the Telegram column of a kind, «Сохранить», «Отключить».
TAPS = 8


@pytest.fixture
def telegram(settings, live_server):
    """The stand-in on a free port of 127.0.0.1, and the live server configured to use it."""
    fake = FakeTelegram(token=TOKEN).start()
    settings.TELEGRAM_BOT_TOKEN = TOKEN
    settings.TELEGRAM_BOT_NAME = "nastavnik_demo_bot"
    settings.TELEGRAM_API_URL = fake.url
    settings.TELEGRAM_BOT_ADDRESS = f"{fake.url}/"
    settings.MESSENGERS_TIMEOUT = 5
    settings.PORTAL_BASE_URL = live_server.url
    yield fake
    fake.stop()


def test_mentor_links_telegram_on_a_phone_gets_a_notification_there_and_unlinks(portal, telegram):
    phone = portal.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    portal.sign_in("mentor", page=phone)
    mentor = portal.counter(phone)

    mentor.step("«Уведомления» → «Настройки» → «Подключить»")
    phone.get_by_role("button", name="Открыть меню разделов").tap()
    phone.get_by_role("navigation", name="Разделы").get_by_role("link", name="Уведомления").tap()
    phone.locator("main").get_by_role("link", name="Настройки").tap()
    card = phone.locator("#messenger-telegram")
    expect(card).to_contain_text("не подключён")
    assert controls_below(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    card.get_by_role("button", name="Подключить").tap()
    code = card.locator("code")
    expect(code).to_have_text(re.compile(r"^[A-HJ-NP-Z2-9]{8}$"))
    code_text = code.inner_text()
    assert controls_below(phone) == []
    portal.screenshot("g-telegram-code-phone", page=phone, full_page=False)

    mentor.step("«Открыть чат с ботом»: код уходит боту")
    with phone.context.expect_page() as chat_info:
        card.get_by_role("link", name="Открыть чат с ботом").tap()
    chat = chat_info.value
    chat.wait_for_load_state()
    expect(chat.locator("body")).to_contain_text(f"/start {code_text}")

    # The poller (cron's ``poll_messengers``) reads the bot's updates; the live server shares the database.
    call_command("poll_messengers")
    link = MessengerLink.objects.get(user__username="mentor", messenger="telegram")
    assert link.chat_id == str(DEMO_CHAT)
    expect(chat.locator("body")).to_contain_text("подключён")  # the bot's answer (the page reloads itself)

    mentor.step("«Подключено»; Telegram для вида уведомлений")
    phone.bring_to_front()  # back to the portal's tab: its poll of the card reloads the page
    expect(phone.locator("#messenger-telegram")).to_contain_text("Подключено")
    kind = phone.get_by_role("group", name=KIND_LABEL)  # a card per kind on a phone
    kind.get_by_label("В портале и в Telegram").tap()
    phone.get_by_role("button", name="Сохранить", exact=True).tap()
    expect(phone.locator(".alert-success")).to_contain_text("Настройки уведомлений сохранены")
    expect(kind.get_by_label("В портале и в Telegram")).to_be_checked()
    assert NotificationPreference.objects.get(user__username="mentor", kind=KIND).channel == Channel.TELEGRAM
    assert controls_below(phone) == []
    portal.screenshot("g-telegram-linked-phone", page=phone, full_page=False)

    # The hourly run makes the day's notifications (the mentor's overdue event of the demo program) and
    # sends their messages; the tasks run at once in the tests.
    call_command("send_notifications", base_url=portal.base_url)
    sent = MessengerDelivery.objects.filter(user__username="mentor", status=MessengerDelivery.Status.SENT)
    assert sent.exists(), list(MessengerDelivery.objects.values_list("status", "error"))
    notification = sent.first().notification
    assert notification.kind == KIND
    message = next(m for m in telegram.messages_to(DEMO_CHAT) if notification.text in m)
    assert message.startswith(f"Наставник.Школа: {KIND_LABEL}\n")
    assert message.endswith(f"{portal.base_url}{notification.url}")
    chat.bring_to_front()
    expect(chat.locator("body")).to_contain_text(notification.text)
    portal.screenshot("g-telegram-chat", page=chat, full_page=False)
    # The message's link leads to the portal's page of the event (Telegram's own taps are not counted).
    chat.get_by_role("link", name=f"{portal.base_url}{notification.url}").tap()
    chat.wait_for_url(f"{portal.base_url}{notification.url}")
    event = RoadmapEvent.objects.get(pk=int(notification.key.split("-")[2]))  # «program-event-<pk>-…»
    expect(chat.locator("main")).to_contain_text(event.title)

    mentor.step("«Отключить»")
    phone.bring_to_front()
    phone.locator("#messenger-telegram").get_by_role("button", name="Отключить").tap()
    expect(phone.locator(".alert-success")).to_contain_text("Telegram")
    expect(phone.locator("#messenger-telegram")).to_contain_text("не подключён")
    portal.screenshot("g-telegram-unlinked-phone", page=phone, full_page=False)
    assert not MessengerLink.objects.filter(user__username="mentor").exists()
    assert NotificationPreference.objects.get(user__username="mentor", kind=KIND).channel == DEFAULT_CHANNEL
    portal.assert_no_browser_errors()

    report = f"Наставник (телефон):\n{mentor.report()}\n"
    print(report)
    (SCREENSHOTS / "g-telegram-journey.txt").write_text(report, encoding="utf-8")
    assert mentor.clicks <= TAPS, report
    phone.context.close()
