"""A fake MAX Bot API: ``POST /messages`` and ``GET /updates``, with the request checks and the answer shapes
of the official schema (github.com/max-messenger/api-schema, schema.yaml 0.0.33; https://dev.max.ru/docs-api).

The token is taken only from the ``Authorization`` header: the platform no longer accepts it as a query
parameter, so a request carrying ``access_token`` alone is refused with 401, as by MAX. Errors are an HTTP
status with ``{"code", "message"}``. ``/updates`` keeps MAX's marker semantics: an update's marker is its
sequence number; the answer's ``marker`` points at the next update; passing a marker commits every update
before it; without a marker one gets every update not yet committed.

Test hooks: ``person_says``, ``person_starts`` (the deep link's ``bot_started`` with ``payload``),
``add_update``, ``block``, ``fail_next`` (an HTTP status with its error code).

Standalone: ``python -m tests.messengers.max_server --port 8626 --token T``; ``/`` is the chat.
"""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

from tests.messengers.fake import FakeService, Request, Response, command_line

BOT = {"user_id": 900001, "first_name": "Школьный бот", "username": "school_bot", "is_bot": True}
INTEGER = re.compile(r"^-?\d+$")
DIALOG_BASE = 70_000_000  # the fake's dialog ids: DIALOG_BASE + the person's user id
ERROR_CODES = {
    400: "proto.payload",
    401: "verify.token",
    403: "chat.denied",
    404: "chat.not.found",
    405: "method.not.allowed",
    429: "too.many.requests",
    500: "internal",
    503: "service.unavailable",
}


class HttpError(Exception):
    def __init__(self, status: int, message: str, code: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code or ERROR_CODES.get(status, "error")


def now_ms() -> int:
    return int(time.time() * 1000)


class FakeMax(FakeService):
    title = "MAX"
    starts_with_payload = True

    def __init__(self, *, token: str, port: int = 0) -> None:
        super().__init__(token=token, port=port)
        self.dialogs: dict[int, int] = {}  # chat id -> the person's user id
        self.blocked: set[int] = set()  # chat ids whose person stopped the bot
        self.sent: list[dict[str, Any]] = []  # the bot's messages: mid, chat_id, text, body as received
        self.said: list[dict[str, Any]] = []  # the persons' messages: seq, chat_id, text
        self.updates: list[dict[str, Any]] = []  # update with marker n is updates[n - 1]
        self.committed = 0  # updates up to this marker are committed
        self.forced: dict[str, list[int]] = {}
        self._seq = 0

    # --- test hooks ----------------------------------------------------------------------------------

    def chat_of(self, person: int) -> int:
        with self.lock:
            chat_id = DIALOG_BASE + person
            self.dialogs[chat_id] = person
            return chat_id

    def person_starts(self, person: int, payload: str | None = None) -> int:
        """The person opens the bot (by its deep link with ``?start=payload``) and presses «Начать»."""
        chat_id = self.chat_of(person)
        update = {
            "update_type": "bot_started",
            "timestamp": now_ms(),
            "chat_id": chat_id,
            "user": _user(person),
            "user_locale": "ru",
        }
        if payload is not None:  # a payload over 128 characters is dropped, not passed to the bot
            update["payload"] = payload if len(payload) <= 128 else None
        with self.lock:
            self._seq += 1
            self.said.append({"seq": self._seq, "chat_id": chat_id, "text": "Начать"})  # the button pressed
            self.add_update(update)
        return chat_id

    def person_says(self, person: int, text: str, *, attachments: list[dict] | None = None) -> int:
        chat_id = self.chat_of(person)
        with self.lock:
            self._seq += 1
            self.said.append({"seq": self._seq, "chat_id": chat_id, "text": text})
            message = {
                "sender": _user(person),
                "recipient": {"chat_id": chat_id, "chat_type": "dialog", "user_id": BOT["user_id"]},
                "timestamp": now_ms(),
                "body": {
                    "mid": f"mid.{secrets.token_hex(12)}",
                    "seq": self._seq,
                    "text": text,
                    "attachments": attachments,
                    "markup": None,
                },
            }
            self.add_update(
                {
                    "update_type": "message_created",
                    "timestamp": now_ms(),
                    "message": message,
                    "user_locale": "ru",
                }
            )
        return chat_id

    def add_update(self, update: dict[str, Any]) -> None:
        with self.lock:
            self.updates.append(update)
            self.changed.notify_all()

    def block(self, chat_id: int) -> None:
        with self.lock:
            self.blocked.add(chat_id)

    def fail_next(self, path: str, status: int) -> None:
        with self.lock:
            self.forced.setdefault(path, []).append(status)

    def dialog(self, person: int) -> list[dict[str, str]]:
        chat_id = DIALOG_BASE + person
        with self.lock:
            said = [(m["seq"], "person", m["text"]) for m in self.said if m["chat_id"] == chat_id]
            sent = [(m["seq"], "bot", m["text"]) for m in self.sent if m["chat_id"] == chat_id]
        return [{"from": who, "text": text} for _, who, text in sorted(said + sent)]

    # --- the API -------------------------------------------------------------------------------------

    def route(self, request: Request) -> Response:
        routes = {("POST", "/messages"): self._send, ("GET", "/updates"): self._updates}
        try:
            handler = routes.get((request.method, request.path))
            if handler is None:
                raise HttpError(404, f"Path {request.path} is not recognized", "not.found")
            if request.headers.get("authorization") != self.token:
                raise HttpError(401, "Invalid access_token")
            with self.lock:
                forced = self.forced.get(request.path)
                status = forced.pop(0) if forced else None
            if status is not None:
                raise HttpError(status, "Forced failure of the fake service")
            return Response(payload=handler(request))
        except HttpError as error:
            return Response(error.status, {"code": error.code, "message": error.message})

    def _send(self, request: Request) -> dict[str, Any]:
        query = {key: values[0] for key, values in request.query.items()}
        user_id, chat_id = query.get("user_id"), query.get("chat_id")
        if user_id is None and chat_id is None:
            raise HttpError(400, "Either user_id or chat_id is required")
        for value in (user_id, chat_id):
            if value is not None and not INTEGER.match(value):
                raise HttpError(400, f"Invalid id: {value}")
        try:
            body = request.json()
        except ValueError as error:
            raise HttpError(400, "Request body is not valid JSON") from error
        if not isinstance(body, dict):
            raise HttpError(400, "NewMessageBody is expected")
        text = body.get("text")
        if text is not None and (not isinstance(text, str) or len(text) > 4000):
            raise HttpError(400, "text: must be a string of at most 4000 characters")
        if not text and not body.get("attachments"):
            raise HttpError(400, "Message is empty")
        if "notify" in body and not isinstance(body["notify"], bool):
            raise HttpError(400, "notify: must be boolean")
        if body.get("format") not in (None, "markdown", "html"):
            raise HttpError(400, "format: must be markdown or html")
        with self.lock:
            if chat_id is None:
                chat_id = str(DIALOG_BASE + int(user_id))
            chat = int(chat_id)
            if chat not in self.dialogs:
                raise HttpError(404, f"Chat {chat} not found")
            if chat in self.blocked:
                raise HttpError(403, "chat.denied: bot is blocked by the user", "chat.denied")
            self._seq += 1
            mid = f"mid.{secrets.token_hex(12)}"
            self.sent.append({"mid": mid, "seq": self._seq, "chat_id": chat, "text": text, "body": body})
            message = {
                "sender": BOT,
                "recipient": {"chat_id": chat, "chat_type": "dialog", "user_id": self.dialogs[chat]},
                "timestamp": now_ms(),
                "body": {"mid": mid, "seq": self._seq, "text": text, "attachments": None, "markup": None},
            }
        return {"message": message}

    def _updates(self, request: Request) -> dict[str, Any]:
        query = {key: values[0] for key, values in request.query.items()}
        limit = _bounded(query, "limit", 1, 1000, 100)
        timeout = _bounded(query, "timeout", 0, 90, 30)
        marker = query.get("marker")
        if marker is not None and not INTEGER.match(marker):
            raise HttpError(400, f"marker: invalid value {marker}")
        types = {t for t in query.get("types", "").split(",") if t} or None
        with self.lock:
            if marker is not None:
                self.committed = max(self.committed, min(int(marker) - 1, len(self.updates)))
            start = self.committed

            def wanted() -> list[tuple[int, dict]]:
                return [
                    (number, update)
                    for number, update in enumerate(self.updates[start:], start=start + 1)
                    if types is None or update["update_type"] in types
                ][:limit]

            found = wanted()
            if not found and timeout:
                self.changed.wait_for(lambda: bool(wanted()), timeout=timeout)
                found = wanted()
            next_marker = found[-1][0] + 1 if found else len(self.updates) + 1
            return {"updates": [update for _, update in found], "marker": next_marker}


def _user(person: int) -> dict[str, Any]:
    return {
        "user_id": person,
        "first_name": "Мария",
        "last_name": "Иванова",
        "username": None,
        "is_bot": False,
        "last_activity_time": now_ms(),
    }


def _bounded(query: dict[str, str], name: str, low: int, high: int, default: int) -> int:
    if name not in query:
        return default
    value = query[name]
    if not INTEGER.match(value) or not low <= int(value) <= high:
        raise HttpError(400, f"{name}: must be an integer from {low} to {high}")
    return int(value)


def main() -> None:
    parser = command_line("A fake MAX Bot API on 127.0.0.1.")
    args = parser.parse_args()
    service = FakeMax(token=args.token, port=args.port)
    print(f"Fake MAX Bot API at {service.url}, the chat at {service.url}/", flush=True)
    service.serve_forever()


if __name__ == "__main__":
    main()
