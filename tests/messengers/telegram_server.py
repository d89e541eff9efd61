"""A stand-in for the Telegram Bot API on 127.0.0.1, for the tests and ``make messengers-demo``.

It implements the two methods the portal uses, ``sendMessage`` and ``getUpdates``
(https://core.telegram.org/bots/api), with the request and answer shapes of the documentation: the
parameters are checked for presence and type (a parameter the documentation does not list is refused
too, stricter than Telegram, so that a renamed field fails a test instead of being ignored), answers are
``{"ok": true, "result": …}`` with ``Message`` and ``Update`` objects, errors are
``{"ok": false, "error_code": …, "description": …}`` as Telegram writes them. A bot may write only to a
chat that wrote to it first (otherwise «chat not found»), as with the real service.

Tests inject what a person types (``user_says``) and make the next calls fail (``fail_next``); a browser
page at ``/`` plays the person's Telegram for the demonstration: it shows the conversation with the bot
and sends what is typed, and ``/?start=CODE`` does what the deep link ``t.me/<bot>?start=CODE`` does.

    python -m tests.messengers.telegram_server --port 8611 --token 123456:demo
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import re
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BOT = {"id": 7000000001, "is_bot": True, "first_name": "Наставник.Школа", "username": "nastavnik_demo_bot"}
DEMO_CHAT = 5550001
DEMO_PERSON = "Анна"

FAILURES = {
    "blocked": (
        403,
        {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"},
    ),
    "flood": (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 5",
            "parameters": {"retry_after": 5},
        },
    ),
    "server": (500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}),
    "garbage": (502, "<html><body>502 Bad Gateway</body></html>"),
}

# Parameter → (accepted JSON types, required) of each method, from the Bot API documentation.
SEND_MESSAGE = {
    "chat_id": ((int, str), True),
    "text": ((str,), True),
    "business_connection_id": ((str,), False),
    "message_thread_id": ((int,), False),
    "parse_mode": ((str,), False),
    "entities": ((list,), False),
    "link_preview_options": ((dict,), False),
    "disable_notification": ((bool,), False),
    "protect_content": ((bool,), False),
    "message_effect_id": ((str,), False),
    "reply_parameters": ((dict,), False),
    "reply_markup": ((dict,), False),
}
LINK_PREVIEW_OPTIONS = {
    "is_disabled": bool,
    "url": str,
    "prefer_small_media": bool,
    "prefer_large_media": bool,
    "show_above_text": bool,
}
GET_UPDATES = {
    "offset": ((int,), False),
    "limit": ((int,), False),
    "timeout": ((int,), False),
    "allowed_updates": ((list,), False),
}


class BadRequest(Exception):
    pass


def _check(params: dict, spec: dict) -> None:
    for name, value in params.items():
        if name not in spec:
            raise BadRequest(f"Bad Request: parameter {name} is not in the documentation of this method")
        types, _ = spec[name]
        # bool is an int in Python; Telegram's Integer is not a Boolean.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise BadRequest(
                f'Bad Request: field "{name}" must be of type {"/".join(t.__name__ for t in types)}'
            )
    for name, (_, required) in spec.items():
        if required and name not in params:
            raise BadRequest(
                f"Bad Request: {name} is empty" if name != "text" else "Bad Request: message text is empty"
            )


class FakeTelegram:
    """The bot's side of Telegram: the token it accepts, the chats that wrote to it, the updates not yet
    confirmed, the messages it sent; ``start()`` listens on a free port of 127.0.0.1 (or ``port``)."""

    def __init__(self, *, token: str = "123456:TEST-token", port: int = 0) -> None:
        self.token = token
        self.lock = threading.Lock()
        self.updates: list[dict] = []
        self.next_update_id = 100_000
        self.next_message_id = 1
        self.chats: dict[int, dict] = {}  # chat id → Chat object, for chats that wrote to the bot
        self.sent: list[dict] = []  # every accepted sendMessage request, as received
        self.conversation: list[tuple[int, str, str]] = []  # (chat id, "bot" | "person", text)
        self.requests: list[
            tuple[str, dict]
        ] = []  # (method, parameters) of every request with the right token
        self.failures: dict[str, deque] = {"sendMessage": deque(), "getUpdates": deque()}
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeTelegram:
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # What tests do -------------------------------------------------------------------------------

    def user_says(
        self, chat_id: int, text: str, *, first_name: str = DEMO_PERSON, chat_type: str = "private"
    ):
        """A person (or a group, ``chat_type="group"``) writes to the bot: an Update waits for getUpdates."""
        with self.lock:
            chat = {"id": chat_id, "type": chat_type}
            chat.update({"first_name": first_name} if chat_type == "private" else {"title": first_name})
            self.chats[chat_id] = chat
            message = {
                "message_id": self._message_id(),
                "from": {"id": chat_id, "is_bot": False, "first_name": first_name, "language_code": "ru"},
                "chat": chat,
                "date": int(time.time()),
                "text": text,
            }
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
            self.updates.append({"update_id": self.next_update_id, "message": message})
            self.next_update_id += 1
            self.conversation.append((chat_id, "person", text))

    def fail_next(self, kind: str, *, method: str = "sendMessage", times: int = 1) -> None:
        """The next ``times`` calls of ``method`` answer with the failure ``kind`` (see ``FAILURES``)."""
        with self.lock:
            self.failures[method].extend([kind] * times)

    def messages_to(self, chat_id: int) -> list[str]:
        return [m["text"] for m in self.sent if int(m["chat_id"]) == chat_id]

    # The methods --------------------------------------------------------------------------------

    def _message_id(self) -> int:
        self.next_message_id += 1
        return self.next_message_id

    def call(self, method: str, params: dict) -> tuple[int, object]:
        with self.lock:
            self.requests.append((method, params))
            if method not in self.failures:
                return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
            if self.failures[method]:
                return FAILURES[self.failures[method].popleft()]
            try:
                return 200, {"ok": True, "result": getattr(self, f"_{method}")(params)}
            except BadRequest as error:
                return 400, {"ok": False, "error_code": 400, "description": str(error)}

    def _sendMessage(self, params: dict) -> dict:
        _check(params, SEND_MESSAGE)
        if not 1 <= len(params["text"].strip()) <= 4096:
            raise BadRequest(
                "Bad Request: message text is empty"
                if not params["text"].strip()
                else "Bad Request: message is too long"
            )
        options = params.get("link_preview_options", {})
        for name, value in options.items():
            if name not in LINK_PREVIEW_OPTIONS or not isinstance(value, LINK_PREVIEW_OPTIONS[name]):
                raise BadRequest(f'Bad Request: can\'t parse link preview options: field "{name}"')
        try:
            chat = self.chats[int(params["chat_id"])]
        except (KeyError, ValueError):
            raise BadRequest("Bad Request: chat not found") from None
        self.sent.append(params)
        self.conversation.append((chat["id"], "bot", params["text"]))
        return {
            "message_id": self._message_id(),
            "from": BOT,
            "chat": chat,
            "date": int(time.time()),
            "text": params["text"],
        }

    def _getUpdates(self, params: dict) -> list[dict]:
        _check(params, GET_UPDATES)
        if not 1 <= params.get("limit", 100) <= 100:
            raise BadRequest("Bad Request: limit must be between 1 and 100")
        if not all(isinstance(u, str) for u in params.get("allowed_updates", [])):
            raise BadRequest("Bad Request: can't parse allowed updates")
        if "offset" in params:
            # Calling with an offset confirms every update before it: Telegram forgets them.
            self.updates = [u for u in self.updates if u["update_id"] >= params["offset"]]
        allowed = params.get("allowed_updates") or ["message"]
        wanted = [u for u in self.updates if any(k in u for k in allowed)]
        return wanted[: params.get("limit", 100)]

    # The person's side, in a browser (the demonstration) -----------------------------------------

    def page(self) -> str:
        with self.lock:
            lines = [
                f'<div class="{who}"><b>{"Вы" if who == "person" else BOT["first_name"]}:</b> '
                f"{_linkify(html.escape(text)).replace(chr(10), '<br>')}</div>"
                for chat, who, text in self.conversation
                if chat == DEMO_CHAT
            ]
        return PAGE.format(
            bot=html.escape(BOT["first_name"]),
            person=DEMO_PERSON,
            messages="\n".join(lines) or "<p class=hint>Сообщений пока нет.</p>",
        )


def _linkify(text: str) -> str:
    return re.sub(r"https?://[^\s<]+", lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', text)


PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Учебный Telegram</title>
<style>body{{font-family:sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}}
.bot,.person{{padding:.5rem .75rem;margin:.4rem 0;border-radius:.5rem}}.bot{{background:#eef3fb}}
.person{{background:#e7f6e7;margin-left:3rem}}.hint{{color:#666}}input{{width:70%;padding:.4rem}}</style></head>
<body><h1>Чат с ботом «{bot}»</h1><p class=hint>Учебная замена Telegram на этом компьютере: вы — {person},
сообщения уходят боту портала. Страница обновляется сама.</p>
{messages}
<form method="post" action="/say"><input name="text" placeholder="Код со страницы портала" autofocus>
<button>Отправить</button></form></body></html>"""


def _handler(fake: FakeTelegram):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet in tests
            pass

        def _answer(self, status: int, body, content_type="application/json") -> None:
            data = body.encode() if isinstance(body, str) else json.dumps(body, ensure_ascii=False).encode()
            if isinstance(body, str) and content_type == "application/json":
                content_type = "text/html"
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def do_GET(self):
            parts = urlsplit(self.path)
            if parts.path == "/":
                start = parse_qs(parts.query).get("start")
                if start:
                    fake.user_says(DEMO_CHAT, f"/start {start[0]}")
                    self.send_response(303)
                    self.send_header("Location", "/")
                    self.end_headers()
                    return
                return self._answer(200, fake.page(), "text/html")
            return self._api(parts.path, _from_form(parse_qs(parts.query)))

        def do_POST(self):
            parts = urlsplit(self.path)
            if parts.path == "/say":
                text = parse_qs(self._body().decode()).get("text", [""])[0].strip()
                if text:
                    fake.user_says(DEMO_CHAT, text)
                self.send_response(303)
                self.send_header("Location", "/")
                self.end_headers()
                return
            body = self._body()
            if (self.headers.get("Content-Type") or "").startswith("application/json"):
                try:
                    params = json.loads(body or b"{}")
                except ValueError:
                    return self._answer(
                        400, {"ok": False, "error_code": 400, "description": "Bad Request: can't parse JSON"}
                    )
                if not isinstance(params, dict):
                    return self._answer(
                        400, {"ok": False, "error_code": 400, "description": "Bad Request: can't parse JSON"}
                    )
            else:
                params = _from_form(parse_qs(body.decode()))
            self._api(parts.path, params)

        def _api(self, path: str, params: dict):
            prefix, _, method = path.lstrip("/").partition("/")
            if prefix != f"bot{fake.token}":
                return self._answer(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            self._answer(*fake.call(method, params))

    return Handler


def _from_form(fields: dict[str, list[str]]) -> dict:
    """A form or a query string carries strings: decoded as Telegram does (numbers, JSON arrays)."""
    params = {}
    for name, values in fields.items():
        value = values[-1]
        try:
            decoded = json.loads(value) if value[:1] in "[{" or value.lstrip("-").isdigit() else value
        except ValueError:
            decoded = value
        params[name] = decoded
    return params


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8611)
    parser.add_argument("--token", default="123456:demo")
    args = parser.parse_args()
    fake = FakeTelegram(token=args.token, port=args.port)
    print(f"Учебный Telegram: {fake.url}/  (API бота: {fake.url}/bot<токен>/…)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        fake.server.serve_forever()


if __name__ == "__main__":
    main()
