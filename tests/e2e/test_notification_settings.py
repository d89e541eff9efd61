"""The notification settings with Telegram, VK and MAX linked (seven channels): on a 390×844 phone each kind is
a card listing its channels, nothing scrolls sideways and every control is at least 44 px; on a desktop the
same form is a table. The choice made on either screen is saved by the one form."""

import pytest
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.notifications.models import MessengerLink, Notification, NotificationPreference
from tests.e2e.conftest import PHONE, controls_below

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SETTINGS = "/notifications/settings/"


@pytest.fixture
def linked_mentor(demo, settings):
    settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_BOT_NAME = "123:test", "nastavnik_test_bot"
    settings.VK_GROUP_TOKEN, settings.VK_GROUP_ID = "test", "123456"
    settings.MAX_BOT_TOKEN, settings.MAX_BOT_ADDRESS = "test", "https://max.ru/nastavnik_test_bot"
    mentor = User.objects.get(username="mentor")
    for n, messenger in enumerate(("telegram", "vk", "max")):
        MessengerLink.objects.create(user=mentor, messenger=messenger, chat_id=str(5550001 + n))
    return mentor


def _channel(user, kind) -> str:
    return NotificationPreference.objects.get(user=user, kind=kind).channel


def test_notification_settings_fit_a_phone_and_a_desktop(portal, linked_mentor):
    phone = portal.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    portal.sign_in("mentor", page=phone)
    portal.open(SETTINGS, page=phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert controls_below(phone) == []
    # The column headings are a desktop's: on a phone every radio button shows its own full label.
    expect(phone.get_by_text("Вид уведомлений", exact=True)).to_be_hidden()
    event_due = phone.get_by_role("group", name="Срок мероприятия программы наставничества")
    expect(event_due.get_by_role("radio")).to_have_count(7)
    expect(event_due.get_by_text("В портале и в Telegram")).to_be_visible()
    event_due.get_by_text("В портале и в Telegram").tap()
    phone.get_by_role("button", name="Сохранить").tap()
    expect(phone.locator(".alert-success")).to_contain_text("Настройки уведомлений сохранены")
    assert _channel(linked_mentor, Notification.Kind.EVENT_DUE) == "telegram"
    expect(event_due.get_by_label("В портале и в Telegram")).to_be_checked()
    phone.evaluate("window.scrollTo(0, 0)")
    portal.screenshot("n-mentor-phone-notification-settings", page=phone)
    phone.context.close()

    desktop = portal.new_page(viewport={"width": 1280, "height": 800})
    portal.sign_in("mentor", page=desktop)
    portal.open(SETTINGS, page=desktop)
    assert desktop.evaluate("document.documentElement.scrollWidth") <= 1280
    expect(desktop.get_by_text("Вид уведомлений", exact=True)).to_be_visible()
    expect(desktop.get_by_text("Во ВКонтакте", exact=True)).to_be_visible()
    roles = desktop.get_by_role("group", name="Выдача и снятие ролей")
    # Seven radio buttons in one row, under the headings; their labels are read, not shown.
    tops = roles.get_by_role("radio").evaluate_all(
        "rs => rs.map((r) => Math.round(r.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, tops
    assert roles.get_by_text("В портале и в MAX").bounding_box()["width"] <= 1
    roles.get_by_label("В портале и в MAX").check()
    desktop.get_by_role("button", name="Сохранить").click()
    expect(desktop.locator(".alert-success")).to_be_visible()
    assert _channel(linked_mentor, Notification.Kind.ROLE_CHANGE) == "max"
    assert _channel(linked_mentor, Notification.Kind.EVENT_DUE) == "telegram"
    portal.screenshot("n-mentor-desktop-notification-settings", page=desktop)
    portal.assert_no_browser_errors()
    desktop.context.close()
