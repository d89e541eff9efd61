"""The Telegram transport against the local stand-in of the Bot API (tests/messengers/telegram_server.py):
the requests have the documented shape, the answers and errors are read as documented."""

import pytest
import requests

from apps.notifications.messengers import DeliveryError, Incoming
from apps.notifications.messengers.telegram import TelegramTransport
from tests.messengers.conftest import TOKEN


@pytest.fixture
def bot(fake_telegram):
    return TelegramTransport(
        token=TOKEN, api_url=fake_telegram.url, bot_address="https://t.me/test_bot", timeout=5
    )


def test_send_posts_the_documented_parameters_and_returns_the_message_id(bot, fake_telegram):
    fake_telegram.user_says(42, "/start")
    message_id = bot.send("42", "Приказ ждёт подписи.\nhttps://nastavnik.example.ru/orders/1/")
    assert message_id.isdigit()
    method, params = fake_telegram.requests[-1]
    assert method == "sendMessage"
    assert params == {
        "chat_id": 42,
        "text": "Приказ ждёт подписи.\nhttps://nastavnik.example.ru/orders/1/",
        "link_preview_options": {"is_disabled": True},
    }
    assert fake_telegram.messages_to(42) == ["Приказ ждёт подписи.\nhttps://nastavnik.example.ru/orders/1/"]


def test_a_chat_that_never_wrote_to_the_bot_is_a_final_failure(bot):
    with pytest.raises(DeliveryError, match="chat not found") as error:
        bot.send("777", "текст")
    assert error.value.retry is False


@pytest.mark.parametrize(
    ("kind", "retry", "words"),
    [
        ("blocked", False, "bot was blocked by the user"),
        ("flood", True, "повторить через 5 с"),
        ("server", True, "Telegram 500"),
        ("garbage", True, "не в JSON"),
    ],
)
def test_failures_say_whether_sending_again_can_help(bot, fake_telegram, kind, retry, words):
    fake_telegram.user_says(42, "/start")
    fake_telegram.fail_next(kind)
    with pytest.raises(DeliveryError, match=words) as error:
        bot.send("42", "текст")
    assert error.value.retry is retry
    assert bot.send("42", "текст")  # the next call goes through


def test_a_refused_token_is_final_and_never_written_in_the_error(fake_telegram):
    bot = TelegramTransport(token="999:wrong-secret", api_url=fake_telegram.url, bot_address="https://t.me/b")
    with pytest.raises(DeliveryError) as error:
        bot.send("42", "текст")
    assert error.value.retry is False
    assert "Unauthorized" in str(error.value) and "wrong-secret" not in str(error.value)


def test_an_unreachable_api_is_retried_and_the_address_with_the_token_is_not_in_the_error(fake_telegram):
    url = fake_telegram.url
    fake_telegram.stop()
    bot = TelegramTransport(token=TOKEN, api_url=url, bot_address="https://t.me/b", timeout=2)
    with pytest.raises(DeliveryError) as error:
        bot.updates("")
    assert error.value.retry is True
    assert TOKEN not in str(error.value) and url not in str(error.value)


def test_updates_are_read_once_from_private_chats_only(bot, fake_telegram):
    fake_telegram.user_says(42, "/start K7M2QX9P")
    fake_telegram.user_says(-100500, "K7M2QX9P", chat_type="group")
    fake_telegram.user_says(43, "привет")
    received, cursor = bot.updates("")
    assert received == [Incoming("42", "/start K7M2QX9P"), Incoming("43", "привет")]
    method, params = fake_telegram.requests[-1]
    assert (method, params) == ("getUpdates", {"timeout": 0, "limit": 100, "allowed_updates": ["message"]})
    again, cursor_again = bot.updates(cursor)
    assert again == [] and cursor_again == cursor
    assert fake_telegram.requests[-1][1]["offset"] == int(cursor)
    fake_telegram.user_says(44, "ещё")
    assert bot.updates(cursor)[0] == [Incoming("44", "ещё")]


def test_the_chat_address_is_a_deep_link_with_the_code(bot):
    assert bot.chat_url("K7M2QX9P") == "https://t.me/test_bot?start=K7M2QX9P"


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"chat": 42, "text": "x"}, "parameter chat is not in the documentation"),
        ({"chat_id": 42}, "message text is empty"),
        ({"chat_id": 42, "text": 5}, 'field "text" must be of type str'),
        ({"chat_id": True, "text": "x"}, 'field "chat_id"'),
        ({"chat_id": 42, "text": "x", "link_preview_options": {"disabled": True}}, "link preview options"),
    ],
)
def test_the_stand_in_refuses_requests_the_documentation_does_not_allow(fake_telegram, params, description):
    fake_telegram.user_says(42, "/start")
    answer = requests.post(f"{fake_telegram.url}/bot{TOKEN}/sendMessage", json=params, timeout=5)
    assert answer.status_code == 400
    body = answer.json()
    assert body["ok"] is False and body["error_code"] == 400 and description in body["description"]


def test_the_stand_in_answers_an_unknown_token_as_telegram_does(fake_telegram):
    answer = requests.post(f"{fake_telegram.url}/bot1:nope/getUpdates", json={}, timeout=5)
    assert answer.status_code == 401
    assert answer.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
