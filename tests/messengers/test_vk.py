"""The VK transport against the fake VK API: what it sends, how it reads a person's messages, and which
failures it gives up on."""

import json

import pytest
import requests

from apps.notifications.messengers.base import DeliveryError, Incoming
from apps.notifications.messengers.vk import VkTransport, random_id
from tests.messengers.conftest import VK_GROUP, VK_TOKEN, closed_port


def test_a_message_reaches_the_person_with_the_documented_parameters(vk, vk_server):
    message_id = vk.send("1001", "Новое событие в программе наставничества", dedup_key="delivery-7")

    assert vk_server.sent == [
        {
            "id": int(message_id),
            "peer_id": 1001,
            "text": "Новое событие в программе наставничества",
            "random_id": random_id(1001, "delivery-7"),
        }
    ]
    request = vk_server.requests[-1]
    assert (request.method, request.path) == ("POST", "/method/messages.send")
    assert request.form() == {
        "peer_id": "1001",
        "message": "Новое событие в программе наставничества",
        "random_id": str(random_id(1001, "delivery-7")),
        "dont_parse_links": "1",
        "access_token": VK_TOKEN,
        "v": "5.199",
    }
    assert "access_token" not in request.query  # the token travels in the body, not in a logged address


def test_the_api_version_comes_from_the_settings(vk_server):
    transport = VkTransport(
        token=VK_TOKEN, api_url=f"{vk_server.url}/method", bot_address="", api_version="5.131"
    )
    transport.send("1001", "Текст")
    assert vk_server.requests[-1].form()["v"] == "5.131"


def test_a_retry_with_the_same_key_does_not_send_twice(vk, vk_server):
    first = vk.send("1001", "Напоминание о встрече", dedup_key="delivery-7")
    again = vk.send("1001", "Напоминание о встрече", dedup_key="delivery-7")

    assert first == again
    assert len(vk_server.sent) == 1


def test_the_same_text_of_another_delivery_is_sent_again(vk, vk_server):
    vk.send("1001", "Напоминание о встрече", dedup_key="delivery-7")
    vk.send("1001", "Напоминание о встрече", dedup_key="delivery-8")
    vk.send("1001", "Напоминание о встрече")
    vk.send("1001", "Напоминание о встрече")

    assert len(vk_server.sent) == 4


def test_random_id_is_a_positive_int32_stable_for_a_delivery():
    values = {random_id(1001, f"delivery-{n}") for n in range(500)}
    assert all(0 < value < 2**31 for value in values)
    assert len(values) == 500
    assert random_id(1001, "delivery-1") == random_id(1001, "delivery-1")
    assert 0 < random_id(1001, "") < 2**31


def test_a_long_text_is_cut_to_the_documented_length(vk, vk_server):
    vk.send("1001", "я" * 9500)
    assert len(vk_server.sent[0]["text"]) == 9000
    assert vk_server.sent[0]["text"].endswith("…")


@pytest.mark.parametrize(
    ("code", "retry"),
    [
        (901, False),  # the person has not allowed the community's messages
        (902, False),  # privacy settings
        (7, False),  # no right to this action
        (15, False),  # access denied
        (5, False),  # the token is refused
        (100, False),  # a parameter is wrong
        (6, True),  # too many requests per second
        (9, True),  # flood control
        (10, True),  # internal server error
        (1, True),  # unknown error
        (29, True),  # the method's rate limit
    ],
)
def test_an_api_error_is_given_up_on_only_when_asking_again_cannot_help(vk, vk_server, code, retry):
    vk_server.fail_next("messages.send", code)

    with pytest.raises(DeliveryError) as caught:
        vk.send("1001", "Текст")

    assert caught.value.retry is retry
    assert f"error {code}" in str(caught.value)
    assert vk_server.sent == []


def test_a_person_who_did_not_allow_messages_is_not_retried(vk, vk_server):
    vk_server.block(1001)

    with pytest.raises(DeliveryError) as caught:
        vk.send("1001", "Текст")

    assert caught.value.retry is False
    assert "901" in str(caught.value)


def test_a_wrong_token_is_refused_by_the_service_and_not_retried(vk_server):
    transport = VkTransport(token="stolen", api_url=f"{vk_server.url}/method", bot_address="")

    with pytest.raises(DeliveryError) as caught:
        transport.send("1001", "Текст")

    assert caught.value.retry is False
    assert "error 5" in str(caught.value)


def test_an_http_failure_of_the_front_end_is_retried(vk, vk_server):
    vk_server.fail_next_http("messages.send", 502)

    with pytest.raises(DeliveryError) as caught:
        vk.send("1001", "Текст")

    assert caught.value.retry is True


def test_an_unreachable_service_is_retried(vk_server):
    vk_server.stop()
    transport = VkTransport(token=VK_TOKEN, api_url=f"{vk_server.url}/method", bot_address="", timeout=2)

    with pytest.raises(DeliveryError) as caught:
        transport.send("1001", "Текст")

    assert caught.value.retry is True


def test_a_chat_id_that_is_not_a_number_is_not_retried(vk, vk_server):
    with pytest.raises(DeliveryError) as caught:
        vk.send("durov", "Текст")

    assert caught.value.retry is False
    assert vk_server.requests == []


# --- incoming messages ---------------------------------------------------------------------------------


def test_the_first_call_opens_a_session_and_the_next_ones_read_after_it(vk, vk_server):
    vk_server.person_says(1001, "сказано до начала опроса")

    first, cursor = vk.updates("")
    assert first == []
    session = json.loads(cursor)
    assert session == {"server": f"{vk_server.url}/lp/{VK_GROUP}", "key": vk_server.key, "ts": "1"}
    request = vk_server.requests[-1]
    assert request.path == "/method/groups.getLongPollServer"
    assert request.form()["group_id"] == str(VK_GROUP)

    vk_server.person_says(1001, " 482913 ")
    vk_server.person_says(1002, "Здравствуйте")
    incoming, cursor = vk.updates(cursor)

    assert incoming == [
        Incoming(chat_id="1001", text="482913"),
        Incoming(chat_id="1002", text="Здравствуйте"),
    ]
    assert json.loads(cursor)["ts"] == "3"
    poll = vk_server.requests[-1]
    assert poll.path == f"/lp/{VK_GROUP}"
    assert {k: v[0] for k, v in poll.query.items()} == {
        "act": "a_check",
        "key": vk_server.key,
        "ts": "1",
        "wait": "0",
    }

    again, cursor = vk.updates(cursor)
    assert again == []
    assert json.loads(cursor)["ts"] == "3"


def test_other_events_and_messages_without_text_are_left_out(vk, vk_server):
    _, cursor = vk.updates("")
    vk_server.add_event("group_join", {"user_id": 1001, "join_type": "join"})
    vk_server.add_event("message_typing_state", {"state": "typing", "from_id": 1001, "to_id": -VK_GROUP})
    vk_server.person_says(1001, "", attachments=[{"type": "sticker", "sticker": {"sticker_id": 9}}])
    vk_server.person_says(1001, "   ")
    vk_server.add_event(  # a message in a group conversation the community takes part in
        "message_new",
        {"message": {"peer_id": 2_000_000_001, "from_id": 1001, "text": "482913", "out": 0}},
    )
    vk_server.person_says(1001, "482913")

    incoming, cursor = vk.updates(cursor)

    assert incoming == [Incoming(chat_id="1001", text="482913")]
    assert json.loads(cursor)["ts"] == "6"


def test_an_expired_key_is_renewed_without_losing_messages(vk, vk_server):
    _, cursor = vk.updates("")
    vk_server.person_says(1001, "482913")
    vk_server.expire_key()

    incoming, cursor = vk.updates(cursor)

    assert incoming == [Incoming(chat_id="1001", text="482913")]
    assert json.loads(cursor)["key"] == vk_server.key
    paths = [request.path for request in vk_server.requests[-3:]]
    assert paths == [f"/lp/{VK_GROUP}", "/method/groups.getLongPollServer", f"/lp/{VK_GROUP}"]


def test_an_outdated_history_goes_on_from_the_ts_given(vk, vk_server):
    _, cursor = vk.updates("")
    vk_server.person_says(1001, "раньше")
    vk_server.fail_next_poll(1)
    vk_server.person_says(1001, "позже")

    incoming, cursor = vk.updates(cursor)

    assert incoming == []  # the history was lost: the service says to go on from its newest event
    assert json.loads(cursor)["ts"] == "2"
    vk_server.person_says(1001, "ещё позже")
    assert vk.updates(cursor)[0] == [Incoming(chat_id="1001", text="ещё позже")]


def test_lost_information_starts_a_new_session(vk, vk_server):
    _, cursor = vk.updates("")
    vk_server.fail_next_poll(3)

    incoming, cursor = vk.updates(cursor)

    assert incoming == []
    assert vk_server.requests[-2].path == "/method/groups.getLongPollServer"
    vk_server.person_says(1001, "482913")
    assert vk.updates(cursor)[0] == [Incoming(chat_id="1001", text="482913")]


def test_two_failures_in_a_row_are_left_to_the_next_call(vk, vk_server):
    _, cursor = vk.updates("")
    vk_server.person_says(1001, "482913")
    vk_server.fail_next_poll(2)
    vk_server.fail_next_poll(2)

    incoming, cursor = vk.updates(cursor)
    assert incoming == []

    assert vk.updates(cursor)[0] == [Incoming(chat_id="1001", text="482913")]


def test_a_broken_cursor_opens_a_new_session(vk, vk_server):
    for cursor in ("not json", "[]", json.dumps({"server": "x"})):
        incoming, fresh = vk.updates(cursor)
        assert incoming == []
        assert set(json.loads(fresh)) == {"server", "key", "ts"}


def test_reading_with_a_refused_token_is_not_retried(vk_server):
    transport = VkTransport(
        token="stolen", api_url=f"{vk_server.url}/method", bot_address="", group_id=str(VK_GROUP)
    )
    with pytest.raises(DeliveryError) as caught:
        transport.updates("")
    assert caught.value.retry is False


def test_reading_another_community_is_refused(vk_server):
    transport = VkTransport(token=VK_TOKEN, api_url=f"{vk_server.url}/method", bot_address="", group_id="1")
    with pytest.raises(DeliveryError) as caught:
        transport.updates("")
    assert caught.value.retry is False
    assert "error 15" in str(caught.value)


def test_a_long_poll_server_out_of_reach_is_retried(vk, vk_server):
    cursor = json.dumps({"server": f"http://127.0.0.1:{closed_port()}/lp", "key": "k", "ts": "1"})
    with pytest.raises(DeliveryError) as caught:
        vk.updates(cursor)
    assert caught.value.retry is True


def test_the_chat_is_the_communitys_address(vk):
    assert vk.chat_url("482913") == "https://vk.me/school_mentoring"
    assert (vk.name, vk.title) == ("vk", "ВКонтакте")


def test_the_fake_service_serves_the_persons_chat_page(vk, vk_server):
    page = requests.get(f"{vk_server.url}/", timeout=5)
    assert page.status_code == 200
    assert "чат с ботом" in page.text and 'lang="ru"' in page.text

    said = requests.post(f"{vk_server.url}/_demo/say", json={"person": "1001", "text": "Привет"}, timeout=5)
    assert said.status_code == 200
    vk.send("1001", "Ответ бота")
    dialog = requests.get(f"{vk_server.url}/_demo/dialog", params={"person": "1001"}, timeout=5).json()
    assert dialog == {"dialog": [{"from": "person", "text": "Привет"}, {"from": "bot", "text": "Ответ бота"}]}


def test_the_vk_chat_page_has_no_deep_link_start(vk_server):
    answer = requests.post(f"{vk_server.url}/_demo/start", json={"person": "1001", "payload": "1"}, timeout=5)
    assert answer.status_code == 404
