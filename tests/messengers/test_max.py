"""The MAX transport against the fake MAX Bot API: what it sends, how it reads a person's messages and the
deep link's code, and which failures it gives up on."""

import pytest
import requests

from apps.notifications.messengers.base import DeliveryError, Incoming
from apps.notifications.messengers.max import MaxTransport
from tests.messengers.conftest import MAX_TOKEN, closed_port


def test_a_message_reaches_the_person_with_the_documented_request(max_bot, max_server):
    chat_id = max_server.person_starts(1001)

    mid = max_bot.send(str(chat_id), "Новое событие в программе наставничества", dedup_key="delivery-7")

    assert [(m["mid"], m["chat_id"], m["text"]) for m in max_server.sent] == [
        (mid, chat_id, "Новое событие в программе наставничества")
    ]
    assert mid.startswith("mid.")
    request = max_server.requests[-1]
    assert (request.method, request.path) == ("POST", "/messages")
    assert request.query == {"chat_id": [str(chat_id)]}  # no token in the address
    assert request.headers["authorization"] == MAX_TOKEN  # the bare token, no "Bearer"
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {"text": "Новое событие в программе наставничества", "notify": True}


def test_a_long_text_is_cut_to_the_documented_length(max_bot, max_server):
    chat_id = max_server.person_starts(1001)
    max_bot.send(str(chat_id), "я" * 4500)
    assert len(max_server.sent[0]["text"]) == 4000
    assert max_server.sent[0]["text"].endswith("…")


def test_the_token_as_a_query_parameter_is_refused_as_by_max(max_server):
    chat_id = max_server.person_starts(1001)
    answer = requests.post(
        f"{max_server.url}/messages",
        params={"chat_id": chat_id, "access_token": MAX_TOKEN},
        json={"text": "Текст"},
        timeout=5,
    )
    assert answer.status_code == 401
    assert answer.json() == {"code": "verify.token", "message": "Invalid access_token"}


def test_a_wrong_token_is_not_retried(max_server):
    chat_id = max_server.person_starts(1001)
    transport = MaxTransport(token="stolen", api_url=max_server.url, bot_address="")

    with pytest.raises(DeliveryError) as caught:
        transport.send(str(chat_id), "Текст")

    assert caught.value.retry is False
    assert "401" in str(caught.value) and "verify.token" in str(caught.value)


def test_a_person_who_stopped_the_bot_is_not_retried(max_bot, max_server):
    chat_id = max_server.person_starts(1001)
    max_server.block(chat_id)

    with pytest.raises(DeliveryError) as caught:
        max_bot.send(str(chat_id), "Текст")

    assert caught.value.retry is False
    assert "403" in str(caught.value)
    assert max_server.sent == []


def test_a_chat_that_does_not_exist_is_not_retried(max_bot, max_server):
    with pytest.raises(DeliveryError) as caught:
        max_bot.send("123456", "Текст")

    assert caught.value.retry is False
    assert "404" in str(caught.value)


@pytest.mark.parametrize(
    ("status", "retry"), [(429, True), (500, True), (503, True), (400, False), (403, False), (404, False)]
)
def test_an_http_error_is_given_up_on_only_when_asking_again_cannot_help(max_bot, max_server, status, retry):
    chat_id = max_server.person_starts(1001)
    max_server.fail_next("/messages", status)

    with pytest.raises(DeliveryError) as caught:
        max_bot.send(str(chat_id), "Текст")

    assert caught.value.retry is retry
    assert f"HTTP {status}" in str(caught.value)


def test_an_unreachable_service_is_retried():
    transport = MaxTransport(token=MAX_TOKEN, api_url=f"http://127.0.0.1:{closed_port()}", bot_address="")

    with pytest.raises(DeliveryError) as caught:
        transport.send("1", "Текст")

    assert caught.value.retry is True


def test_a_chat_id_that_is_not_a_number_is_not_retried(max_bot, max_server):
    with pytest.raises(DeliveryError) as caught:
        max_bot.send("@maria", "Текст")

    assert caught.value.retry is False
    assert max_server.requests == []


# --- incoming messages ---------------------------------------------------------------------------------


def test_messages_are_read_after_the_marker_and_the_marker_moves_on(max_bot, max_server):
    chat_id = max_server.person_says(1001, " 482913 ")
    other_chat = max_server.person_says(1002, "Здравствуйте")

    incoming, cursor = max_bot.updates("")

    assert incoming == [Incoming(str(chat_id), "482913"), Incoming(str(other_chat), "Здравствуйте")]
    assert cursor == "3"
    request = max_server.requests[-1]
    assert (request.method, request.path) == ("GET", "/updates")
    assert {k: v[0] for k, v in request.query.items()} == {
        "timeout": "0",
        "limit": "100",
        "types": "message_created,bot_started",
    }
    assert request.headers["authorization"] == MAX_TOKEN

    assert max_bot.updates(cursor) == ([], "3")
    assert max_server.requests[-1].query["marker"] == ["3"]

    max_server.person_says(1001, "ещё")
    assert max_bot.updates(cursor) == ([Incoming(str(chat_id), "ещё")], "4")


def test_updates_not_committed_are_given_again_until_the_marker_is_passed(max_bot, max_server):
    chat_id = max_server.person_says(1001, "482913")

    first, _lost_cursor = max_bot.updates("")
    # The cursor was lost (the caller failed before keeping it): without a marker MAX gives again every
    # update not committed, so the code is not lost either.
    again, cursor = max_bot.updates("")

    assert first == again == [Incoming(str(chat_id), "482913")]
    assert max_bot.updates(cursor) == ([], cursor)
    assert max_bot.updates("") == ([], cursor)  # passing the marker committed it


def test_the_deep_links_code_arrives_with_bot_started(max_bot, max_server):
    chat_id = max_server.person_starts(1001, payload="482913")
    max_server.person_starts(1002)  # opened the bot without a code

    incoming, _ = max_bot.updates("")

    assert incoming == [Incoming(str(chat_id), "482913")]


def test_other_updates_group_chats_bots_and_messages_without_text_are_left_out(max_bot, max_server):
    chat_id = max_server.chat_of(1001)
    max_server.add_update(
        {
            "update_type": "message_removed",
            "timestamp": 1,
            "message_id": "mid.1",
            "chat_id": chat_id,
            "user_id": 1001,
        }
    )
    max_server.add_update(
        {"update_type": "bot_stopped", "timestamp": 1, "chat_id": chat_id, "user": {"user_id": 1001}}
    )
    max_server.person_says(1001, "", attachments=[{"type": "sticker", "payload": {"url": "x", "code": "y"}}])
    max_server.person_says(1001, "   ")
    max_server.add_update(
        {
            "update_type": "message_created",
            "timestamp": 1,
            "message": {
                "sender": {"user_id": 1001, "first_name": "Мария", "is_bot": False},
                "recipient": {"chat_id": -5551, "chat_type": "chat"},
                "timestamp": 1,
                "body": {"mid": "mid.2", "seq": 1, "text": "482913"},
            },
        }
    )
    max_server.add_update(
        {
            "update_type": "message_created",
            "timestamp": 1,
            "message": {
                "sender": {"user_id": 77, "first_name": "Другой бот", "is_bot": True},
                "recipient": {"chat_id": chat_id, "chat_type": "dialog"},
                "timestamp": 1,
                "body": {"mid": "mid.3", "seq": 2, "text": "482913"},
            },
        }
    )
    max_server.person_says(1001, "482913")

    incoming, cursor = max_bot.updates("")

    assert incoming == [Incoming(str(chat_id), "482913")]
    # The transport asks only for the types it reads; the service skips the rest.
    assert max_server.requests[-1].query["types"] == ["message_created,bot_started"]
    assert cursor == str(len(max_server.updates) + 1)


def test_the_fake_filters_update_types_as_asked(max_server):
    max_server.person_starts(1001, payload="1")
    max_server.person_says(1001, "текст")
    answer = requests.get(
        f"{max_server.url}/updates",
        params={"timeout": 0, "types": "bot_started"},
        headers={"Authorization": MAX_TOKEN},
        timeout=5,
    ).json()
    assert [u["update_type"] for u in answer["updates"]] == ["bot_started"]
    assert answer["marker"] == 2


@pytest.mark.parametrize("status", [429, 500, 503])
def test_reading_fails_softly_and_the_next_call_catches_up(max_bot, max_server, status):
    chat_id = max_server.person_says(1001, "482913")
    max_server.fail_next("/updates", status)

    with pytest.raises(DeliveryError) as caught:
        max_bot.updates("")
    assert caught.value.retry is True

    assert max_bot.updates("")[0] == [Incoming(str(chat_id), "482913")]


def test_reading_with_a_refused_token_is_not_retried(max_server):
    transport = MaxTransport(token="stolen", api_url=max_server.url, bot_address="")
    with pytest.raises(DeliveryError) as caught:
        transport.updates("")
    assert caught.value.retry is False


def test_the_fake_checks_the_documented_bounds_of_updates(max_server):
    headers = {"Authorization": MAX_TOKEN}
    for params in ({"limit": 0}, {"limit": 1001}, {"timeout": 91}, {"marker": "x"}):
        answer = requests.get(f"{max_server.url}/updates", params=params, headers=headers, timeout=5)
        assert answer.status_code == 400, params
        assert set(answer.json()) == {"code", "message"}


def test_the_chat_address_carries_the_code_as_the_start_payload(max_bot):
    assert max_bot.chat_url("482913") == "https://max.ru/school_bot?start=482913"
    assert max_bot.chat_url("a b/c") == "https://max.ru/school_bot?start=a%20b%2Fc"
    assert max_bot.chat_url("x" * 129) == "https://max.ru/school_bot"  # MAX would drop it: type it instead
    assert (max_bot.name, max_bot.title) == ("max", "MAX")


def test_the_fake_service_serves_the_persons_chat_page(max_bot, max_server):
    page = requests.get(f"{max_server.url}/", timeout=5)
    assert page.status_code == 200
    assert "чат с ботом" in page.text

    requests.post(f"{max_server.url}/_demo/say", json={"person": "1001", "text": "Привет"}, timeout=5)
    incoming, _ = max_bot.updates("")
    max_bot.send(incoming[0].chat_id, "Ответ бота")
    dialog = requests.get(f"{max_server.url}/_demo/dialog", params={"person": "1001"}, timeout=5).json()
    assert dialog == {"dialog": [{"from": "person", "text": "Привет"}, {"from": "bot", "text": "Ответ бота"}]}


def test_the_chat_page_opened_by_the_deep_link_starts_the_bot_with_the_code(max_bot, max_server):
    answer = requests.post(
        f"{max_server.url}/_demo/start", json={"person": "1001", "payload": "482913"}, timeout=5
    )
    assert answer.status_code == 200

    incoming, _ = max_bot.updates("")

    assert incoming == [Incoming(str(max_server.chat_of(1001)), "482913")]
    assert "/_demo/start" in requests.get(f"{max_server.url}/", timeout=5).text
