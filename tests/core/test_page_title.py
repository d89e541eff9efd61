"""The browser tab names the page, then the portal, with a dash between («Вход — Наставник.Школа»)."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse


@pytest.mark.django_db
def test_the_sign_in_page_title_has_its_separator(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert re.search(r"<title>(.*?)</title>", html, re.S).group(1) == "Вход — Наставник.Школа"


def test_a_page_without_a_title_shows_the_portal_name_alone():
    rendered = Template(
        "{% load ru %}{% filter window_title %}{% block title %}{% endblock %}{% endfilter %}"
    ).render(Context())
    assert rendered == "Наставник.Школа"


def test_a_title_is_escaped_once_and_trimmed():
    rendered = Template("{% load ru %}{% filter window_title %}\n  {{ t }} \n{% endfilter %}").render(
        Context({"t": "Приказ «О наставничестве» & пары"})
    )
    assert rendered == "Приказ «О наставничестве» &amp; пары — Наставник.Школа"
