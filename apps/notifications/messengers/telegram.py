"""Telegram over the Bot API (https://core.telegram.org/bots/api): ``sendMessage`` for the notifications
and the replies, ``getUpdates`` (a short poll, no webhook) for the codes people send to the bot.

Every request is a POST with a JSON body to ``<api_url>/bot<token>/<method>``; every answer is
``{"ok": true, "result": …}`` or ``{"ok": false, "error_code": …, "description": …, "parameters": …}``.
The token is part of the address, so no error message of this module ever carries the address.
"""

from __future__ import annotations

import requests

from .base import DeliveryError, Incoming, Transport

# Answers after which sending the same message again cannot succeed: a bad request (the chat does not
# exist, the text is refused), the token refused, the person blocked the bot or deleted the account.
_FINAL = {400, 401, 403, 404}


class TelegramTransport(Transport):
    name = "telegram"
    title = "Telegram"

    def _call(self, method: str, payload: dict) -> object:
        try:
            response = requests.post(
                f"{self.api_url}/bot{self.token}/{method}", json=payload, timeout=self.timeout
            )
        except requests.RequestException as error:
            # The exception's text holds the address, hence the token: only its kind is kept.
            raise DeliveryError(f"Telegram не отвечает ({type(error).__name__})") from None
        try:
            answer = response.json()
        except ValueError:
            raise DeliveryError(f"Telegram: ответ не в JSON (HTTP {response.status_code})") from None
        if not isinstance(answer, dict):
            raise DeliveryError(f"Telegram: непонятный ответ (HTTP {response.status_code})")
        if answer.get("ok") is True and "result" in answer:
            return answer["result"]
        code = answer.get("error_code", response.status_code)
        description = str(answer.get("description", ""))[:300]
        retry_after = (answer.get("parameters") or {}).get("retry_after")
        if retry_after is not None:
            description += f" (повторить через {retry_after} с)"
        retry = not (isinstance(code, int) and code in _FINAL)
        raise DeliveryError(f"Telegram {code}: {description}", retry=retry)

    def send(self, chat_id: str, text: str, *, dedup_key: str = "") -> str:
        # Telegram has no idempotency key for sending: dedup_key cannot be passed on. The link stays
        # plain text (Telegram makes it clickable), without a preview: a preview would have Telegram's
        # servers fetch the portal's page.
        message = self._call(
            "sendMessage",
            {"chat_id": int(chat_id), "text": text[:4096], "link_preview_options": {"is_disabled": True}},
        )
        try:
            return str(message["message_id"])
        except (TypeError, KeyError):
            raise DeliveryError("Telegram: в ответе нет message_id") from None

    def updates(self, cursor: str) -> tuple[list[Incoming], str]:
        payload: dict = {"timeout": 0, "limit": 100, "allowed_updates": ["message"]}
        if cursor:
            # Telegram forgets the updates before ``offset``: each one is read once.
            payload["offset"] = int(cursor)
        result = self._call("getUpdates", payload)
        if not isinstance(result, list):
            raise DeliveryError("Telegram: getUpdates вернул не список")
        received, last = [], None
        for update in result:
            last = max(last or 0, int(update["update_id"]))
            message = update.get("message") or {}
            chat = message.get("chat") or {}
            # Only a private chat with the bot: a code typed in a group must not link the group.
            if chat.get("type") == "private" and isinstance(message.get("text"), str):
                received.append(Incoming(chat_id=str(chat["id"]), text=message["text"]))
        return received, (str(last + 1) if last is not None else cursor)

    def chat_url(self, code: str) -> str:
        # A deep link: the bot's chat opens with «Start», which sends «/start <code>» for the person.
        return f"{self.bot_address}?start={code}"
