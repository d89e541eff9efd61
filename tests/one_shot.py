"""Helpers of the one-shot form tests: the token a page's form carries, a form sent twice."""

import re

from django.contrib.messages import get_messages
from django.test import Client

from apps.core.idempotency import REPEATED_MESSAGE, TOKEN_FIELD

TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


def tokens_on(html: str) -> list[str]:
    return TOKEN_RE.findall(html)


def form_token(client: Client, url: str) -> str:
    """The token of the (first) one-shot form on the page at ``url``, as a browser would send it."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    found = tokens_on(response.content.decode())
    assert found, f"no form token on {url}"
    return found[0]


def post_twice(client: Client, url: str, data: dict, token: str, **extra):
    """The same filled-in form sent twice (a double tap): both answers."""
    data = {**data, TOKEN_FIELD: token}
    first = client.post(url, data, **extra)
    second = client.post(url, data, **extra)
    return first, second


def told_repeated(response) -> bool:
    return REPEATED_MESSAGE in [str(m) for m in get_messages(response.wsgi_request)]
