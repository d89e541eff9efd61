"""MAX transport: the MAX Bot API (https://dev.max.ru/docs-api; schema: github.com/max-messenger/api-schema).

The token goes in the ``Authorization`` header (the platform no longer takes it as a query parameter).
Sending: ``POST /messages?chat_id=`` with a ``NewMessageBody``; the answer's ``message.body.mid`` is the id.
Receiving: ``GET /updates`` with ``marker``, whose answer's ``marker`` points at the next update; passing a
marker commits the updates before it. A person comes by the bot's deep link ``https://max.ru/<bot>?start=<code>``
and the bot gets a ``bot_started`` update with the code as ``payload``; a code typed as a message arrives as
``message_created``. Errors come as an HTTP status with ``{"code", "message"}``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import requests

from .base import DeliveryError, Incoming, Transport

MAX_TEXT = 4000  # NewMessageBody.text: maxLength 4000
MAX_START_PAYLOAD = 128  # longer deep-link payloads are dropped by MAX, not passed to the bot
UPDATE_TYPES = "message_created,bot_started"


class MaxTransport(Transport):
    name = "max"
    title = "MAX"

    def send(self, chat_id: str, text: str, *, dedup_key: str = "") -> str:
        # MAX has no idempotency key for sending: dedup_key cannot be passed on.
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 1] + "…"
        answer = self._request(
            "POST", "/messages", params={"chat_id": _integer(chat_id)}, json={"text": text, "notify": True}
        )
        try:
            mid = answer["message"]["body"]["mid"]
        except (KeyError, TypeError) as error:
            raise DeliveryError(f"MAX /messages: unexpected response {answer!r}", retry=False) from error
        if not isinstance(mid, str) or not mid:
            raise DeliveryError(f"MAX /messages: unexpected message id {mid!r}", retry=False)
        return mid

    def updates(self, cursor: str) -> tuple[list[Incoming], str]:
        params: dict[str, Any] = {"timeout": 0, "limit": 100, "types": UPDATE_TYPES}
        if cursor:
            params["marker"] = cursor
        answer = self._request("GET", "/updates", params=params)
        updates, marker = answer.get("updates"), answer.get("marker")
        if not isinstance(updates, list) or not (marker is None or isinstance(marker, int)):
            raise DeliveryError(f"MAX /updates: unexpected response {answer!r}", retry=True)
        incoming = [message for update in updates if (message := _incoming(update)) is not None]
        return incoming, cursor if marker is None else str(marker)

    def chat_url(self, code: str) -> str:
        if not code or len(code) > MAX_START_PAYLOAD:
            return self.bot_address
        return f"{self.bot_address}?start={quote(code, safe='')}"

    def _request(self, method: str, path: str, *, params: dict[str, Any], json: Any = None) -> dict[str, Any]:
        try:
            response = requests.request(
                method,
                f"{self.api_url}{path}",
                params=params,
                json=json,
                headers={"Authorization": self.token},
                timeout=self.timeout,
            )
        except requests.RequestException as error:
            raise DeliveryError(f"MAX is out of reach: {error}", retry=True) from error
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code != 200:
            error = answer if isinstance(answer, dict) else {}
            code, message = error.get("code", ""), error.get("message", "")
            # 429 (too many requests) and the server's own failures pass; 400 (a wrong request), 401 (the
            # token), 403 (the person stopped the bot, no access to the chat), 404 (no such chat) do not.
            raise DeliveryError(
                f"MAX {path}: HTTP {response.status_code} {code}: {message}",
                retry=response.status_code == 429 or response.status_code >= 500,
            )
        if not isinstance(answer, dict):
            raise DeliveryError(f"MAX {path}: the answer is not a JSON object", retry=True)
        return answer


def _integer(chat_id: str) -> int:
    try:
        return int(chat_id)
    except (TypeError, ValueError) as error:
        raise DeliveryError(f"MAX: chat id {chat_id!r} is not a number", retry=False) from error


def _incoming(update: Any) -> Incoming | None:
    """A person's text in their dialog with the bot, or the code of the deep link they came by."""
    if not isinstance(update, dict):
        return None
    kind = update.get("update_type")
    if kind == "bot_started":
        chat_id, payload = update.get("chat_id"), update.get("payload")
        if isinstance(chat_id, int) and isinstance(payload, str) and payload.strip():
            return Incoming(chat_id=str(chat_id), text=payload.strip())
        return None
    if kind != "message_created":
        return None
    message = update.get("message")
    if not isinstance(message, dict):
        return None
    recipient, body, sender = message.get("recipient"), message.get("body"), message.get("sender")
    if not isinstance(recipient, dict) or recipient.get("chat_type") != "dialog":
        return None
    if isinstance(sender, dict) and sender.get("is_bot"):
        return None
    chat_id = recipient.get("chat_id")
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(chat_id, int) or not isinstance(text, str) or not text.strip():
        return None
    return Incoming(chat_id=str(chat_id), text=text.strip())
