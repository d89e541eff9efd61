"""Production-like settings for the in-process benchmark: DEBUG off (no query log, cached templates),
a throwaway SECRET_KEY, plain HTTP for Django's test client; the rest is the portal's settings."""

import os
import secrets

# Before the portal's settings read the environment: the benchmark measures production behaviour.
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
for _name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(_name, "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from mentoring_portal.settings import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
# No collectstatic needed in-process: plain static URLs (the manifest lookup is a dict read in production).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# The writes (bench/writes.py): the view's on_commit callbacks run where its commit would be.
MIDDLEWARE = [*MIDDLEWARE, "bench.writes.CommitAtViewEnd"]  # noqa: F405
