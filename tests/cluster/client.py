"""A signed-in browser over real HTTP for the cluster test: a cookie jar, the login form with its CSRF
token, forms read from the page (hidden inputs, preset values) and multipart uploads. Standard library
only (urllib): the test runs against nginx and gunicorn, not Django's test client."""

from __future__ import annotations

import http.cookiejar
import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

TIMEOUT_S = 60  # a busy 2-core machine: generous


@dataclass
class Response:
    status: int
    url: str
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class _FormParser(HTMLParser):
    """The values a browser would send of the first form ``where`` accepts (by its attributes): hidden
    and text inputs, checked radios and checkboxes, selected options (or the first one), textareas."""

    def __init__(self, where: Callable[[dict], bool]):
        super().__init__()
        self.where = where
        self.inside = False
        self.done = False
        self.fields: dict[str, str] = {}
        self.select: str | None = None
        self.select_first: str | None = None
        self.select_chosen = False
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and self.where(a):
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.fields.setdefault(name, a.get("value", "on"))
            elif kind not in ("file", "submit", "button"):
                self.fields[name] = a.get("value") or ""
        elif tag == "select" and name:
            self.select, self.select_first, self.select_chosen = name, None, False
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.select_first is None:
                self.select_first = value
            if "selected" in a:
                self.fields[self.select] = value
                self.select_chosen = True
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self.select:
            if not self.select_chosen and self.select_first is not None:
                self.fields[self.select] = self.select_first
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.inside, self.done = False, True

    def handle_data(self, data):
        if self.inside and self.textarea:
            self.fields[self.textarea] += data


def form_fields(html: str, where: Callable[[dict], bool] = lambda attrs: True) -> dict[str, str]:
    parser = _FormParser(where)
    parser.feed(html)
    return parser.fields


class Browser:
    """One user's browser: cookies for 127.0.0.1 go to every port (as a browser's do), so a session
    made through one address is sent to the others."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def at(self, base_url: str) -> Browser:
        """The same browser (cookies) aimed at another address."""
        other = Browser(base_url)
        other.jar, other.opener = self.jar, self.opener
        return other

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None) -> Response:
        url = path if path.startswith("http") else self.base_url + path
        req = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=TIMEOUT_S) as answer:
                return Response(answer.status, answer.url, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, url, dict(error.headers), error.read())

    def get(self, path: str) -> Response:
        return self.request(path)

    def post(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, str, bytes]] | None = None):
        if files:
            boundary = "cluster" + secrets.token_hex(12)
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                )
            for name, (filename, content_type, content) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {content_type}\r\n\r\n".encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.request(path, data=body, headers={"Content-Type": content_type})

    def login(self, username: str, password: str) -> Response:
        page = self.get("/login/")
        assert page.status == 200, f"login page: {page.status}"
        fields = form_fields(page.text)
        fields.update(username=username, password=password)
        answer = self.post("/login/", fields)
        assert answer.status == 200 and not answer.url.endswith("/login/"), (
            f"{username} could not sign in: {answer.status} {answer.url}"
        )
        return answer
