"""Security settings: CSP without inline code, secure cookies and HSTS in production, idle timeout."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
# JSON data blocks (<script type="application/json">) are not executed, so CSP allows them.
INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(rb"<[a-z][^>]*\sstyle=", re.IGNORECASE)
INLINE_HANDLER = re.compile(rb"<[a-z][^>]*\son[a-z]+=", re.IGNORECASE)


def _main_pages(world):
    o = world.own
    return [
        ("curator", reverse("accounts:dashboard")),
        ("curator", reverse("staff:person-list")),
        ("curator", reverse("staff:person-detail", args=[o.person.pk])),
        ("curator", reverse("banks:mentee-list")),
        ("curator", reverse("banks:mentor-detail", args=[o.mentor_entry.pk])),
        ("curator", reverse("pairs:group-list")),
        ("curator", reverse("pairs:group-detail", args=[o.group.pk])),
        ("curator", reverse("orders:order-list")),
        ("curator", reverse("orders:order-detail", args=[o.order.pk])),
        ("curator", reverse("orders:order-edit", args=[o.order.pk])),
        ("curator", reverse("programs:program-list")),
        ("curator", reverse("programs:program-detail", args=[o.program.pk])),
        ("curator", reverse("programs:program-calendar", args=[o.program.pk])),
        ("curator", reverse("monitoring:dashboard")),
        ("curator", reverse("monitoring:template-builder", args=[o.template.pk])),
        ("mentor", reverse("programs:activity-add", args=[o.program.pk])),
        ("director", reverse("audit:event-list")),
        ("anonymous", reverse("accounts:login")),
    ]


@pytest.mark.django_db
def test_main_pages_have_a_strict_csp_and_no_inline_script_style_or_handlers(world, client, settings):
    settings.MEDIA_ROOT = world.media
    problems = []
    for role, url in _main_pages(world):
        client.logout()
        if role != "anonymous":
            client.force_login(getattr(world.cast, role))
        with transaction.atomic():
            response = client.get(url)
            transaction.set_rollback(True)
        assert response.status_code == 200, url
        csp = response.get("Content-Security-Policy", "")
        if "unsafe-inline" in csp or "unsafe-eval" in csp or "script-src 'self'" not in csp:
            problems.append(f"{url}: CSP {csp!r}")
        for name, pattern in (
            ("inline <script>", INLINE_SCRIPT),
            ("style=", INLINE_STYLE),
            ("on…=", INLINE_HANDLER),
        ):
            found = pattern.search(response.content)
            if found:
                problems.append(f"{url} ({role}): {name} {found.group(0)[:80]!r}")
    assert not problems, "\n".join(problems)


def _production_settings() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DEBUG", "SECRET_KEY"}}
    env.update(
        DEBUG="false",
        SECRET_KEY="x7#kq!2vL9$wR4pZ8mN1bT6cY3hJ0fD5sG2aQ9eU7iO4lK1zX8vB3nM6",
        ALLOWED_HOSTS="nastavnik.example.ru",
        DJANGO_SETTINGS_MODULE="mentoring_portal.settings",
    )
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ('SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
        "'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_AGE', 'SESSION_REFRESH_SECONDS', 'MIDDLEWARE', "
        "'X_FRAME_OPTIONS', 'AXES_FAILURE_LIMIT')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_hsts_is_a_year_and_sessions_expire_when_idle():
    s = _production_settings()
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["SECURE_SSL_REDIRECT"]
    assert s["SESSION_COOKIE_HTTPONLY"] and s["X_FRAME_OPTIONS"] == "DENY"
    assert s["SECURE_HSTS_SECONDS"] >= 31_536_000 and s["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert s["SESSION_COOKIE_AGE"] <= 60 * 60 and 0 < s["SESSION_REFRESH_SECONDS"] <= 5 * 60
    assert "apps.accounts.middleware.SlidingSessionMiddleware" in s["MIDDLEWARE"]
    assert 0 < s["AXES_FAILURE_LIMIT"] <= 10
