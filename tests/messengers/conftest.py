import pytest

from tests.messengers.telegram_server import FakeTelegram

TOKEN = "123456:TEST-token"


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
