"""Settings of the stand-in identity provider: SQLite in a work directory, an RSA key made at start, one
confidential client with PKCE, the end-session endpoint on. Everything comes from OIDC_PROVIDER_* variables
that ``serve.py`` sets."""

import json
import os
from pathlib import Path

WORKDIR = Path(os.environ["OIDC_PROVIDER_WORKDIR"])
ISSUER = os.environ["OIDC_PROVIDER_ISSUER"]

SECRET_KEY = os.environ.get("OIDC_PROVIDER_SECRET", "stand-in-provider-not-a-secret")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.oidc_provider.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ]
        },
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": WORKDIR / "provider.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # a test stand-in: fast start
LOGIN_URL = "/login/"
USE_TZ = True
# The portal and the provider both run on 127.0.0.1: cookies are per host, not per port, so the
# provider's cookies get their own names.
SESSION_COOKIE_NAME = "provider_sessionid"
CSRF_COOKIE_NAME = "provider_csrftoken"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Extra claims of each user, by username (e.g. the СНИЛС a gateway of ЕСИА would give).
EXTRA_CLAIMS = json.loads((WORKDIR / "claims.json").read_text()) if (WORKDIR / "claims.json").exists() else {}

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_ISS_ENDPOINT": ISSUER,
    "OIDC_RSA_PRIVATE_KEY": (WORKDIR / "rsa.pem").read_text(),
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "OAUTH2_VALIDATOR_CLASS": "tests.oidc_provider.validator.Validator",
    "PKCE_REQUIRED": True,
    "SCOPES": {"openid": "Вход", "email": "Электронная почта", "profile": "Имя", "snils": "СНИЛС"},
    "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"],
}
