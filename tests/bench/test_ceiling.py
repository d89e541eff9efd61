"""The ceiling of `make load` (bench/ceiling/): one view, no app, no middleware, no database — and the
gunicorn settings both it and the portal run under (gunicorn.conf.py)."""

import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CALL = """
import io, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "mentoring_portal.settings"  # as bench/load.sh exports it
from bench.ceiling.wsgi import application
from django.conf import settings
seen = []
body = b"".join(application({
    "REQUEST_METHOD": "GET", "PATH_INFO": "/", "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
    "SERVER_PORT": "8112", "HTTP_HOST": "127.0.0.1:8112", "wsgi.input": io.BytesIO(),
    "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
}, lambda status, headers: seen.append(status)))
print(seen[0], body.decode(), settings.INSTALLED_APPS, settings.MIDDLEWARE, settings.DATABASES["default"]["ENGINE"])
"""


def test_the_ceiling_app_answers_with_one_view_and_nothing_else():
    result = subprocess.run(
        [sys.executable, "-c", CALL], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "200 OK ok [] [] django.db.backends.dummy"


def test_gunicorn_settings_give_workers_and_a_class():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["workers"] >= 1
    assert config["worker_class"] in {"sync", "gthread"}
    assert config.get("threads", 1) >= 1
