"""Each test gets its own fake service on a free port of 127.0.0.1, and a transport pointed at it."""

import socket

import pytest

from apps.notifications.messengers.max import MaxTransport
from apps.notifications.messengers.vk import VkTransport
from tests.messengers.max_server import FakeMax
from tests.messengers.telegram_server import FakeTelegram
from tests.messengers.vk_server import FakeVk

VK_TOKEN = "vk1.a.community-token"
VK_GROUP = 218_000_001
MAX_TOKEN = "max-bot-token-f00d"
TOKEN = "123456:TEST-token"


@pytest.fixture
def vk_server():
    service = FakeVk(token=VK_TOKEN, group_id=VK_GROUP).start()
    yield service
    service.stop()


@pytest.fixture
def vk(vk_server):
    return VkTransport(
        token=VK_TOKEN,
        api_url=f"{vk_server.url}/method",
        bot_address="https://vk.me/school_mentoring",
        timeout=5,
        group_id=str(VK_GROUP),
    )


@pytest.fixture
def max_server():
    service = FakeMax(token=MAX_TOKEN).start()
    yield service
    service.stop()


@pytest.fixture
def max_bot(max_server):
    return MaxTransport(
        token=MAX_TOKEN, api_url=max_server.url, bot_address="https://max.ru/school_bot", timeout=5
    )


def closed_port() -> int:
    """A port of 127.0.0.1 where nothing listens (just freed by the system)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def fake_telegram():
    fake = FakeTelegram(token=TOKEN).start()
    yield fake
    fake.stop()


@pytest.fixture
def telegram(fake_telegram, settings):
    """The portal configured with a Telegram bot whose API is the local stand-in."""
    settings.TELEGRAM_BOT_TOKEN = TOKEN
    settings.TELEGRAM_BOT_NAME = "nastavnik_test_bot"
    settings.TELEGRAM_BOT_ADDRESS = ""
    settings.TELEGRAM_API_URL = fake_telegram.url
    settings.MESSENGERS_TIMEOUT = 5
    settings.PORTAL_BASE_URL = "https://nastavnik.example.ru"
    return fake_telegram
