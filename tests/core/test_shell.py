"""The shell: Russian error pages, local assets only, a strict content security policy."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from apps.core.views import error_500

pytestmark = pytest.mark.django_db


def test_500_page_is_russian_and_needs_no_database():
    response = error_500(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Что-то пошло не так" in response.content.decode()


def test_403_page_is_russian(client_for, cast):
    response = client_for("curator").get(reverse("organizations:organization-edit", args=[cast.school.pk]))
    assert response.status_code == 403
    assert "Доступ запрещён" in response.content.decode()


def test_pages_load_assets_from_the_portal_only(client_for):
    body = client_for("curator").get(reverse("accounts:dashboard")).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert sources
    assert not [s for s in sources if s.startswith(("http://", "https://", "//"))]
    assert "/static/vendor/bootstrap/bootstrap.min.css" in body


def test_content_security_policy_forbids_inline_code(client_for):
    response = client_for("curator").get(reverse("accounts:dashboard"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()


def test_favicon_redirects_to_the_static_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("img/favicon.svg")
