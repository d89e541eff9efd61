"""VK transport: community messages through the VK API and the Bots Long Poll API.

Sending: ``messages.send`` with the community's token (https://dev.vk.com/ru/method/messages.send).
Receiving: ``groups.getLongPollServer`` gives a session (server, key, ts); ``{server}?act=a_check`` then
returns the events after ``ts`` (https://dev.vk.com/ru/api/bots-long-poll/getting-started). The session
travels in the cursor as JSON, so the transport keeps no state. A session starts at the community's newest
event: the first call with an empty cursor only opens it, as VK's own long poll does.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

import requests

from .base import DeliveryError, Incoming, Transport

DEFAULT_API_VERSION = "5.199"
MAX_TEXT = 9000  # messages.send: "Max. length = 9000"
CHAT_PEER_BASE = 2_000_000_000  # peer ids of group conversations start here; a person's dialog is below

# VK API error codes (https://dev.vk.com/ru/reference/errors) after which sending again can succeed:
# 1 unknown error, 6 too many requests per second, 9 flood control, 10 internal server error,
# 29 the method's rate limit reached. Every other code (5 authorisation failed, 7 and 15 access denied,
# 100 a parameter is wrong, 901 the person has not allowed the community's messages, 902 privacy
# settings, ...) stays the same however often one asks.
RETRY_CODES = frozenset({1, 6, 9, 10, 29})


class VkTransport(Transport):
    name = "vk"
    title = "ВКонтакте"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.api_version = self.extra.get("api_version") or DEFAULT_API_VERSION
        self.group_id = str(self.extra.get("group_id", ""))

    # --- sending -------------------------------------------------------------------------------------

    def send(self, chat_id: str, text: str, *, dedup_key: str = "") -> str:
        peer_id = _integer(chat_id, "peer_id")
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 1] + "…"
        answer = self._call(
            "messages.send",
            {
                "peer_id": peer_id,
                "message": text,
                "random_id": random_id(peer_id, dedup_key),
                "dont_parse_links": 1,
            },
        )
        if isinstance(answer, bool) or not isinstance(answer, int):
            raise DeliveryError(f"VK messages.send: unexpected response {answer!r}", retry=False)
        return str(answer)

    # --- receiving -----------------------------------------------------------------------------------

    def updates(self, cursor: str) -> tuple[list[Incoming], str]:
        session = _session(cursor)
        if session is None:
            return [], json.dumps(self._new_session())
        # A failed answer is followed by one more request with the repaired session, so that a call does
        # not come back empty-handed for a routine key expiry; a second failure in a row is left to the next
        # call.
        for _attempt in range(2):
            answer = self._check(session)
            failed = answer.get("failed")
            if failed is None:
                break
            if failed == 1:  # the history is out of date or partly lost: go on from the ts given
                session["ts"] = str(answer.get("ts", session["ts"]))
            elif failed == 2:  # the key expired: a new key, the same position
                fresh = self._new_session()
                session = {**fresh, "ts": session["ts"]}
            elif failed == 3:  # the information is lost: a new key and a new position
                session = self._new_session()
            else:
                raise DeliveryError(f"VK long poll: unknown failure {answer!r}", retry=True)
        else:
            return [], json.dumps(session)
        try:
            session["ts"] = str(answer["ts"])
            events = answer["updates"]
        except (KeyError, TypeError) as error:
            raise DeliveryError(f"VK long poll: unexpected response {answer!r}", retry=True) from error
        incoming = [message for event in events if (message := _incoming(event)) is not None]
        return incoming, json.dumps(session)

    def chat_url(self, code: str) -> str:
        # vk.me opens the dialog with the community; VK carries no start parameter into the first message
        # that we could rely on, so the person sends the code as a message.
        return self.bot_address

    # --- the wire ------------------------------------------------------------------------------------

    def _new_session(self) -> dict[str, str]:
        answer = self._call("groups.getLongPollServer", {"group_id": _integer(self.group_id, "group_id")})
        try:
            return {"server": answer["server"], "key": answer["key"], "ts": str(answer["ts"])}
        except (KeyError, TypeError) as error:
            raise DeliveryError(
                f"VK groups.getLongPollServer: unexpected response {answer!r}", retry=True
            ) from error

    def _check(self, session: dict[str, str]) -> dict[str, Any]:
        params = {"act": "a_check", "key": session["key"], "ts": session["ts"], "wait": 0}
        return self._json(lambda: requests.get(session["server"], params=params, timeout=self.timeout))

    def _call(self, method: str, params: dict[str, Any]) -> Any:
        data = {**params, "access_token": self.token, "v": self.api_version}
        answer = self._json(
            lambda: requests.post(f"{self.api_url}/{method}", data=data, timeout=self.timeout)
        )
        if "error" in answer:
            error = answer["error"] if isinstance(answer["error"], dict) else {}
            code = error.get("error_code")
            raise DeliveryError(
                f"VK {method}: error {code}: {error.get('error_msg', '')}", retry=code in RETRY_CODES
            )
        if "response" not in answer:
            raise DeliveryError(f"VK {method}: unexpected response {answer!r}", retry=True)
        return answer["response"]

    @staticmethod
    def _json(request) -> dict[str, Any]:
        try:
            response = request()
        except requests.RequestException as error:
            raise DeliveryError(f"VK is out of reach: {error}", retry=True) from error
        if response.status_code >= 400:
            # The API answers errors with 200 and a JSON error; an HTTP error is the front end's trouble.
            raise DeliveryError(f"VK answered HTTP {response.status_code}", retry=True)
        try:
            answer = response.json()
        except ValueError as error:
            raise DeliveryError("VK answered with something that is not JSON", retry=True) from error
        if not isinstance(answer, dict):
            raise DeliveryError(f"VK: unexpected response {answer!r}", retry=True)
        return answer


def random_id(peer_id: int, dedup_key: str) -> int:
    """``random_id`` of messages.send: VK sends no second message with the same one to the same person.
    Made from the delivery's key (a positive int32, as the API's schema types it), so a retry repeats it;
    without a key, a random one (no protection, and none expected)."""
    if not dedup_key:
        return secrets.randbelow(2**31 - 1) + 1
    digest = hashlib.sha256(f"{peer_id}:{dedup_key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % (2**31 - 1) + 1


def _integer(value: str, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise DeliveryError(f"VK: {what} {value!r} is not a number", retry=False) from error


def _session(cursor: str) -> dict[str, str] | None:
    if not cursor:
        return None
    try:
        session = json.loads(cursor)
    except ValueError:
        return None
    fields = ("server", "key", "ts")
    if not isinstance(session, dict) or not all(isinstance(session.get(k), str) for k in fields):
        return None
    return {"server": session["server"], "key": session["key"], "ts": session["ts"]}


def _incoming(event: Any) -> Incoming | None:
    """A person's text in their dialog with the community; anything else (other event types, messages in
    group conversations, messages without text) is not for the portal."""
    if not isinstance(event, dict) or event.get("type") != "message_new":
        return None
    obj = event.get("object")
    message = obj.get("message") if isinstance(obj, dict) else None
    if not isinstance(message, dict):
        return None
    peer_id, text = message.get("peer_id"), message.get("text")
    if not isinstance(peer_id, int) or not 0 < peer_id < CHAT_PEER_BASE or message.get("out"):
        return None
    if not isinstance(text, str) or not text.strip():
        return None
    return Incoming(chat_id=str(peer_id), text=text.strip())
