"""What the fake messenger services share: an HTTP server on 127.0.0.1 in a thread, JSON in and out, and a
tiny page at ``/`` where a person chats with the bot in a browser (for ``make messengers-demo``).

A service subclasses ``FakeService`` and implements ``route`` (the API), ``person_says`` and ``dialog``
(the page). Its state lives on the instance, under ``self.lock``: two servers never share anything.
"""

from __future__ import annotations

import argparse
import html
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def form(self) -> dict[str, str]:
        """Query and url-encoded body parameters together (the VK API takes either), first value of each."""
        params = {key: values[0] for key, values in self.query.items()}
        if self.body and "x-www-form-urlencoded" in self.headers.get("content-type", ""):
            body = parse_qs(self.body.decode(), keep_blank_values=True)
            params.update({key: values[0] for key, values in body.items()})
        return params

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class Response:
    status: int = 200
    payload: Any = None
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> bytes:
        if isinstance(self.payload, str):
            return self.payload.encode()
        return json.dumps(self.payload, ensure_ascii=False).encode()


class FakeService:
    title = ""  # the messenger's name on the page

    def __init__(self, *, token: str, port: int = 0) -> None:
        self.token = token
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)  # notified on every new event (for long polls)
        self.requests: list[Request] = []  # every API request, as the service saw it
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeService:
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def serve_forever(self) -> None:
        try:
            self._httpd.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self._httpd.server_close()

    # --- to be implemented by a service --------------------------------------------------------------

    def route(self, request: Request) -> Response:
        raise NotImplementedError

    def person_says(self, person: int, text: str) -> None:
        """A person writes to the bot (a test hook, and the page's «Отправить»)."""
        raise NotImplementedError

    def dialog(self, person: int) -> list[dict[str, str]]:
        """The person's dialog with the bot, oldest first: ``{"from": "person" | "bot", "text": ...}``."""
        raise NotImplementedError

    starts_with_payload = False  # the service passes a deep link's ``?start=`` to the bot (MAX)

    def person_starts(self, person: int, payload: str | None = None) -> int:
        """The person opens the bot by its deep link (the page's address with ``?start=``)."""
        raise NotImplementedError

    # --- the demonstration page ----------------------------------------------------------------------

    def _demo(self, request: Request) -> Response | None:
        if request.method == "GET" and request.path == "/":
            return Response(
                payload=PAGE.replace("{title}", html.escape(self.title)),
                content_type="text/html; charset=utf-8",
            )
        if request.path == "/_demo/dialog" and request.method == "GET":
            person = _person(request.query.get("person", [""])[0])
            return Response(payload={"dialog": self.dialog(person)} if person else {"dialog": []})
        if request.path == "/_demo/say" and request.method == "POST":
            data = request.json() or {}
            person, text = _person(str(data.get("person", ""))), str(data.get("text", "")).strip()
            if not person or not text:
                return Response(400, {"error": "person and text are required"})
            self.person_says(person, text)
            return Response(payload={"ok": True})
        if request.path == "/_demo/start" and request.method == "POST" and self.starts_with_payload:
            data = request.json() or {}
            person, payload = _person(str(data.get("person", ""))), str(data.get("payload", ""))
            if not person or not payload:
                return Response(400, {"error": "person and payload are required"})
            self.person_starts(person, payload)
            return Response(payload={"ok": True})
        return None


def _person(value: str) -> int | None:
    return int(value) if value.isdigit() and 0 < int(value) < 2_000_000_000 else None


def _handler(service: FakeService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(
                method=self.command,
                path=parts.path,
                query=parse_qs(parts.query, keep_blank_values=True),
                headers={key.lower(): value for key, value in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            response = service._demo(request)
            if response is None:
                with service.lock:
                    service.requests.append(request)
                response = service.route(request)
            body = response.encoded()
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in response.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:  # quiet in tests
            pass

    return Handler


def command_line(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    return parser


PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: чат с ботом</title>
<style>
body{font:16px system-ui,sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem}
#log{border:1px solid #ccc;border-radius:.5rem;padding:.5rem;min-height:12rem;margin:.5rem 0}
.m{margin:.3rem 0;padding:.4rem .6rem;border-radius:.6rem;max-width:85%;white-space:pre-wrap}
.person{background:#dbeafe;margin-left:auto}.bot{background:#f1f5f9}
form{display:flex;gap:.5rem}input[name=text]{flex:1}
</style></head><body>
<h1>{title}: чат с ботом</h1>
<label>Ваш номер в мессенджере <input id="person" value="1001" size="10" inputmode="numeric"></label>
<div id="log" aria-live="polite"></div>
<form id="say"><input name="text" placeholder="Сообщение боту" autocomplete="off" required>
<button>Отправить</button></form>
<script>
const log=document.getElementById('log'),person=document.getElementById('person');
async function refresh(){
  const r=await fetch('/_demo/dialog?person='+encodeURIComponent(person.value));
  const d=(await r.json()).dialog;log.replaceChildren(...d.map(m=>{
    const p=document.createElement('p');p.className='m '+m.from;p.textContent=m.text;return p}));
  if(!d.length)log.textContent='Сообщений пока нет.';
}
document.getElementById('say').onsubmit=async e=>{e.preventDefault();const t=e.target.text;
  await fetch('/_demo/say',{method:'POST',headers:{'Content-Type':'application/json'},
    body:JSON.stringify({person:person.value,text:t.value})});t.value='';refresh()};
const start=new URLSearchParams(location.search).get('start');
async function begin(){if(start){await fetch('/_demo/start',{method:'POST',headers:{'Content-Type':'application/json'},
  body:JSON.stringify({person:person.value,payload:start})});history.replaceState(null,'','/')}refresh()}
person.onchange=refresh;begin();setInterval(refresh,2000);
</script></body></html>
"""
