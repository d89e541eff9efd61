"""A fake VK API for community messages: ``messages.send``, ``groups.getLongPollServer`` and the Bots Long
Poll server, with the request checks and the answer shapes of https://dev.vk.com (method pages, the error
list, https://dev.vk.com/ru/api/bots-long-poll/getting-started).

API errors come, as from VK, with HTTP 200 and ``{"error": {"error_code", "error_msg", "request_params"}}``.
Test hooks: ``person_says``, ``add_event``, ``block``, ``fail_next`` (an API error code), ``fail_next_http`` (an HTTP status of the front end),
``fail_next_poll`` (``{"failed": 1|2|3}``), ``expire_key``.

Standalone: ``python -m tests.messengers.vk_server --port 8625 --token T --group-id 1``; ``/`` is the chat.
"""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

from tests.messengers.fake import FakeService, Request, Response, command_line

ERRORS = {
    5: "User authorization failed: invalid access_token (4).",
    6: "Too many requests per second",
    8: "Invalid request: v (version) is required",
    9: "Flood control",
    10: "Internal server error",
    15: "Access denied: no access to call this method",
    100: "One of the parameters specified was missing or invalid",
    901: "Can't send messages for users without permission",
    902: "Can't send messages to this user due to their privacy settings",
}
VERSION = re.compile(r"^5\.\d+$")
INTEGER = re.compile(r"^-?\d+$")
CHAT_PEER_BASE = 2_000_000_000


class ApiError(Exception):
    def __init__(self, code: int, detail: str = "") -> None:
        super().__init__(code)
        self.code, self.detail = code, detail


class FakeVk(FakeService):
    title = "ВКонтакте"

    def __init__(self, *, token: str, group_id: int = 1, port: int = 0) -> None:
        super().__init__(token=token, port=port)
        self.group_id = group_id
        self.sent: list[dict[str, Any]] = []  # the community's messages: id, peer_id, text, random_id
        self.said: list[dict[str, Any]] = []  # the persons' messages
        self.events: list[dict[str, Any]] = []  # the long poll's history; an event's number is its index + 1
        self.key = secrets.token_hex(16)
        self.blocked: set[int] = set()
        self.forced: dict[str, list[tuple[str, int]]] = {}  # method -> queued ("api" | "http", code)
        self.forced_poll: list[int] = []
        self._message_id = 0

    # --- test hooks ----------------------------------------------------------------------------------

    def person_says(self, person: int, text: str, *, attachments: list[dict] | None = None) -> None:
        with self.lock:
            self._message_id += 1
            message = {
                "date": int(time.time()),
                "from_id": person,
                "id": self._message_id,
                "out": 0,
                "version": self._message_id,
                "attachments": attachments or [],
                "conversation_message_id": self._message_id,
                "fwd_messages": [],
                "important": False,
                "is_hidden": False,
                "peer_id": person,
                "random_id": 0,
                "text": text,
            }
            self.said.append(message)
            self.add_event(
                "message_new",
                {
                    "message": message,
                    "client_info": {
                        "button_actions": ["text", "vkpay", "open_app", "location", "open_link", "callback"],
                        "keyboard": True,
                        "inline_keyboard": True,
                        "carousel": True,
                        "lang_id": 0,
                    },
                },
            )

    def add_event(self, kind: str, obj: dict[str, Any]) -> None:
        with self.lock:
            self.events.append(
                {
                    "group_id": self.group_id,
                    "type": kind,
                    "event_id": secrets.token_hex(20),
                    "v": "5.199",
                    "object": obj,
                }
            )
            self.changed.notify_all()

    def block(self, person: int) -> None:
        """The person has not allowed the community's messages (or forbade them)."""
        with self.lock:
            self.blocked.add(person)

    def fail_next(self, method: str, code: int) -> None:
        """The next call of ``method`` fails with the API error ``code``."""
        with self.lock:
            self.forced.setdefault(method, []).append(("api", code))

    def fail_next_http(self, method: str, status: int) -> None:
        """The next call of ``method`` gets an HTTP error page from the front end instead of the API."""
        with self.lock:
            self.forced.setdefault(method, []).append(("http", status))

    def fail_next_poll(self, failed: int) -> None:
        with self.lock:
            self.forced_poll.append(failed)

    def expire_key(self) -> None:
        with self.lock:
            self.key = secrets.token_hex(16)

    def dialog(self, person: int) -> list[dict[str, str]]:
        with self.lock:
            said = [(m["id"], "person", m["text"]) for m in self.said if m["peer_id"] == person]
            sent = [(m["id"], "bot", m["text"]) for m in self.sent if m["peer_id"] == person]
        return [{"from": who, "text": text} for _, who, text in sorted(said + sent)]

    # --- the API -------------------------------------------------------------------------------------

    def route(self, request: Request) -> Response:
        if request.path.startswith("/method/"):
            return self._method(request, request.path.removeprefix("/method/"))
        if request.path == f"/lp/{self.group_id}" and request.method == "GET":
            return self._poll(request)
        return Response(404, "Not Found", "text/plain")

    def _method(self, request: Request, method: str) -> Response:
        params = request.form()
        with self.lock:
            forced = self.forced.get(method)
            kind, failure = forced.pop(0) if forced else ("", None)
        if kind == "http":
            return Response(failure, "<html><body>Bad gateway</body></html>", "text/html")
        handler = {"messages.send": self._send, "groups.getLongPollServer": self._long_poll_server}.get(
            method
        )
        try:
            if handler is None:
                raise ApiError(3, "Unknown method passed")
            if params.get("access_token") != self.token:
                raise ApiError(5)
            if not VERSION.match(params.get("v", "")):
                raise ApiError(8)
            if failure is not None:
                raise ApiError(failure)
            return Response(payload={"response": handler(params)})
        except ApiError as error:
            return Response(payload={"error": self._error(error, method, params)})

    def _error(self, error: ApiError, method: str, params: dict[str, str]) -> dict[str, Any]:
        shown = [{"key": "method", "value": method}, {"key": "oauth", "value": "1"}]
        shown += [{"key": k, "value": v} for k, v in params.items() if k != "access_token"]
        message = ERRORS.get(error.code, error.detail or "Unknown error occurred")
        if error.code == 100 and error.detail:
            message = f"{ERRORS[100]}: {error.detail}"
        return {"error_code": error.code, "error_msg": message, "request_params": shown}

    def _send(self, params: dict[str, str]) -> int:
        peer = params.get("peer_id", "")
        if not INTEGER.match(peer):
            raise ApiError(100, "you should specify peer_id, user_id, domain, chat_id or user_ids param")
        if not INTEGER.match(params.get("random_id", "")):
            raise ApiError(100, "random_id is a required parameter")
        random_id = int(params["random_id"])
        if not -(2**31) <= random_id < 2**31:
            raise ApiError(100, "random_id not integer")
        text = params.get("message", "")
        if not text.strip() and not params.get("attachment"):
            raise ApiError(100, "message is empty or invalid")
        if len(text) > 9000:
            raise ApiError(914, "Message is too long")
        if params.get("dont_parse_links", "0") not in {"0", "1"}:
            raise ApiError(100, "dont_parse_links should be 0 or 1")
        peer_id = int(peer)
        with self.lock:
            if peer_id in self.blocked:
                raise ApiError(901)
            if random_id:  # the same random_id to the same person: no second message, the first one's id
                for message in self.sent:
                    if message["peer_id"] == peer_id and message["random_id"] == random_id:
                        return message["id"]
            self._message_id += 1
            self.sent.append(
                {"id": self._message_id, "peer_id": peer_id, "text": text, "random_id": random_id}
            )
            return self._message_id

    def _long_poll_server(self, params: dict[str, str]) -> dict[str, str]:
        group = params.get("group_id", "")
        if not INTEGER.match(group):
            raise ApiError(100, "group_id is undefined")
        if int(group) != self.group_id:
            raise ApiError(15, "Access denied: no access to this group")
        with self.lock:
            return {"key": self.key, "server": f"{self.url}/lp/{self.group_id}", "ts": str(len(self.events))}

    def _poll(self, request: Request) -> Response:
        query = {key: values[0] for key, values in request.query.items()}
        if query.get("act") != "a_check" or not INTEGER.match(query.get("ts", "")):
            return Response(payload={"failed": 3})  # what the server says to a malformed request: start over
        wait = min(int(query["wait"]), 90) if query.get("wait", "").isdigit() else 25
        ts = int(query["ts"])
        with self.lock:
            if self.forced_poll:
                failed = self.forced_poll.pop(0)
                return Response(
                    payload={"failed": failed, "ts": len(self.events)} if failed == 1 else {"failed": failed}
                )
            if query.get("key") != self.key:
                return Response(payload={"failed": 2})
            if ts > len(self.events) or ts < 0:
                return Response(payload={"failed": 1, "ts": len(self.events)})
            if ts == len(self.events) and wait:
                self.changed.wait_for(lambda: len(self.events) > ts, timeout=wait)
            return Response(payload={"ts": str(len(self.events)), "updates": self.events[ts:]})


def main() -> None:
    parser = command_line("A fake VK API (community messages and the Bots Long Poll API) on 127.0.0.1.")
    parser.add_argument("--group-id", type=int, default=1)
    args = parser.parse_args()
    service = FakeVk(token=args.token, group_id=args.group_id, port=args.port)
    print(f"Fake VK API at {service.url}/method, the chat at {service.url}/", flush=True)
    service.serve_forever()


if __name__ == "__main__":
    main()
