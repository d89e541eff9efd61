"""Settings of the mentoring portal, read from environment variables only (see .env.example)."""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from mentoring_portal.scaleout import (
    REPLICA,
    REPLICA_MIDDLEWARE,
    REPLICA_ROUTER,
    caches_for,
    replica_for,
    s3_storage_for,
)

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

# pytest sets PYTEST_VERSION for the whole session; the test-only differences live in tests/conftest.py.
TESTING = "PYTEST_VERSION" in os.environ

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LOCAL_DATABASE_URL = "postgres://postgres@127.0.0.1:{}/mentoring_portal".format(
    env.int("PG_LOCAL_PORT", default=54329)
)
DATABASES = {"default": env.db_url("DATABASE_URL", default=LOCAL_DATABASE_URL)}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://…).")
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int("DB_CONNECT_TIMEOUT", default=5)
# No JIT compilation: the portal's queries are short, and PostgreSQL compiled the territory's list of every
# organisation (correlated counts, cost above jit_above_cost only at ten times the region) for 4.4 s of its
# 5.8 s (issue 18). Behind a pooler that refuses startup options: ALTER DATABASE … SET jit = off instead.
_db_options = DATABASES["default"]["OPTIONS"]
if "jit" not in _db_options.get("options", ""):
    _db_options["options"] = f"{_db_options.get('options', '')} -c jit=off".strip()
# Several app servers (docs/administration.md): the territory, monitoring and report pages read from a
# streaming replica, inside apps.core.db_router's replica scope only; everything else uses the primary.
_replica = replica_for(
    DATABASES["default"],
    env.db_url("DATABASE_REPLICA_URL") if env.str("DATABASE_REPLICA_URL", default="") else None,
    testing=TESTING,
)
if _replica is not None:
    DATABASES[REPLICA] = _replica
# The router only when a real replica is configured: in tests the mirror alias is routed by the tests.
DATABASE_ROUTERS = [REPLICA_ROUTER] if env.str("DATABASE_REPLICA_URL", default="") else []
# After a user's own write (a POST), her reads stay on the primary this many seconds (a cookie).
REPLICA_PRIMARY_AFTER_WRITE_SECONDS = env.int("REPLICA_PRIMARY_AFTER_WRITE_SECONDS", default=10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per process, or shared by every instance in Redis when REDIS_URL is set (mentoring_portal/scaleout.py).
# "aggregates": the figures of a whole territory, kept a few minutes (apps/core/cache.py).
AGGREGATES_CACHE_SECONDS = env.int("AGGREGATES_CACHE_SECONDS", default=300)
# The level-4 figures of each municipality and region are kept in a table (monitoring.TerritoryOutcomes)
# that `manage.py refresh_territory_figures` refreshes from cron; a page computes a row again itself only
# when it is older than this (the command did not run).
TERRITORY_FIGURES_MAX_AGE_SECONDS = env.int("TERRITORY_FIGURES_MAX_AGE_SECONDS", default=3600)
if TERRITORY_FIGURES_MAX_AGE_SECONDS < 1:
    raise ImproperlyConfigured("TERRITORY_FIGURES_MAX_AGE_SECONDS must be a positive number of seconds.")
CACHES = caches_for(
    redis_url=env.str("REDIS_URL", default=""),
    aggregates_seconds=AGGREGATES_CACHE_SECONDS,
    key_prefix=env.str("CACHE_KEY_PREFIX", default="mentoring"),
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "pgtrigger",
    "pghistory",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "apps.core",
    "apps.organizations",
    "apps.accounts",
    "apps.staff",
    "apps.partners",
    "apps.banks",
    "apps.pairs",
    "apps.orders",
    "apps.training",
    "apps.programs",
    "apps.monitoring",
    "apps.territory",
    "apps.allowances",
    "apps.risks",
    "apps.council",
    "apps.public",
    "apps.notifications",
    "apps.audit",
    "apps.seeding",  # last: demo and scale data, the steps of every app above in its order
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "apps.core.after_response.AfterResponseMiddleware",  # work after the answer (issue 18)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "apps.accounts.middleware.SlidingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.accounts.middleware.PasswordSetRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "axes.middleware.AxesMiddleware",
    "apps.audit.middleware.AccessAuditMiddleware",
]
if DATABASE_ROUTERS:
    MIDDLEWARE.append(REPLICA_MIDDLEWARE)

ROOT_URLCONF = "mentoring_portal.urls"
WSGI_APPLICATION = "mentoring_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.accounts.context_processors.roles",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "apps.accounts.backends.ModelBackend",  # Django's, with model permissions for staff only
]
# Argon2id first (apps/accounts/hashers.py); the older hashes still verify and are re-hashed at sign-in.
PASSWORD_HASHERS = [
    "apps.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60 * 24)
# Requests for a reset letter, counted in the default cache per window: beyond either limit the page
# answers as usual and sends nothing (apps.accounts.views.PasswordResetView).
PASSWORD_RESET_LIMIT_WINDOW = env.int("PASSWORD_RESET_LIMIT_WINDOW", default=60 * 60)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=5)
PASSWORD_RESET_LIMIT_PER_CLIENT = env.int("PASSWORD_RESET_LIMIT_PER_CLIENT", default=20)
# One-time sign-in codes issued by a school's curator or director (apps.accounts.services): valid for
# a day, spent by one sign-in, void after a few wrong codes; attempts per client are limited as well.
SIGN_IN_CODE_VALID_SECONDS = env.int("SIGN_IN_CODE_VALID_SECONDS", default=24 * 60 * 60)
SIGN_IN_CODE_MAX_ATTEMPTS = env.int("SIGN_IN_CODE_MAX_ATTEMPTS", default=5)
SIGN_IN_CODE_LIMIT_WINDOW = env.int("SIGN_IN_CODE_LIMIT_WINDOW", default=60 * 60)
SIGN_IN_CODE_LIMIT_PER_CLIENT = env.int("SIGN_IN_CODE_LIMIT_PER_CLIENT", default=20)

# Sessions end after this many seconds without a request (idle timeout).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
# The session is saved (its expiry moved) at most once a minute, not on every request:
# apps.accounts.middleware.SlidingSessionMiddleware.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes: lock a username *from one address* after repeated failures, so that wrong passwords
# typed elsewhere never shut the real user out from her own address (README «Security and data
# protection»). The address is the client's, read by django-ipware (apps/core/net.py, one function for
# axes and every other address check).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
# Failures of every username from one address within the cool-off before that address may not sign in at
# all (a password sprayer); high, as a whole school may sit behind one NAT address.
LOGIN_IP_FAILURE_LIMIT = env.int("LOGIN_IP_FAILURE_LIMIT", default=50)
# TRUSTED_PROXY_COUNT (env AXES_PROXY_COUNT): reverse proxies in front of gunicorn (nginx alone: 1; 0:
# gunicorn faces the clients). Each proxy appends the address it received the request from to
# X-Forwarded-For, and the nearest proxy's own address is REMOTE_ADDR, so the client is the entry
# TRUSTED_PROXY_COUNT places from the right; entries further left were written by the client and are never
# trusted. django-ipware counts the proxies *listed in the header* after the client: one less.
# (Not named AXES_PROXY_COUNT: axes 8 warns about that old setting name.)
TRUSTED_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("AXES_PROXY_COUNT must be 0 or the number of reverse proxies in front.")
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1 if TRUSTED_PROXY_COUNT else None
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",) if TRUSTED_PROXY_COUNT else ("REMOTE_ADDR",)
AXES_CLIENT_IP_CALLABLE = "apps.core.net.client_ip"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Uploads: MEDIA_ROOT, a directory every instance mounts (NFS…), or an S3-compatible bucket (private).
STORAGES = {
    "default": s3_storage_for(
        bucket=env.str("S3_BUCKET", default=""),
        endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
        access_key=env.str("S3_ACCESS_KEY_ID", default=""),
        secret_key=env.str("S3_SECRET_ACCESS_KEY", default=""),
        region=env.str("S3_REGION", default=""),
    )
    or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Наставничество <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background jobs (README «Background jobs»): e-mails of the notifications are tasks in PostgreSQL,
# run by `manage.py db_worker`; `manage.py send_notifications` (cron or a systemd timer) enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The portal's address for links in e-mails (the commands' --base-url overrides it).
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="").rstrip("/")
# The daily digest goes at the first run of send_notifications at or after this hour (local time).
NOTIFICATIONS_DIGEST_HOUR = env.int("NOTIFICATIONS_DIGEST_HOUR", default=0)
if not 0 <= NOTIFICATIONS_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured("NOTIFICATIONS_DIGEST_HOUR must be an hour from 0 to 23.")
# Notifications in messengers (README «Notifications in messengers», apps/notifications/messengers): a
# messenger whose token is empty is off and never offered. The tokens are the bots' secrets.
TELEGRAM_BOT_TOKEN = env.str("TELEGRAM_BOT_TOKEN", default="")
TELEGRAM_BOT_NAME = env.str("TELEGRAM_BOT_NAME", default="")  # the bot's username, without «@»
TELEGRAM_API_URL = env.str("TELEGRAM_API_URL", default="https://api.telegram.org").rstrip("/")
# Where a person opens the chat with the bot; default https://t.me/<TELEGRAM_BOT_NAME>.
TELEGRAM_BOT_ADDRESS = env.str("TELEGRAM_BOT_ADDRESS", default="").rstrip("/")
VK_GROUP_TOKEN = env.str("VK_GROUP_TOKEN", default="")
VK_GROUP_ID = env.str("VK_GROUP_ID", default="")
VK_API_URL = env.str("VK_API_URL", default="https://api.vk.com/method").rstrip("/")
VK_API_VERSION = env.str("VK_API_VERSION", default="5.199")
VK_BOT_ADDRESS = env.str("VK_BOT_ADDRESS", default="")
MAX_BOT_TOKEN = env.str("MAX_BOT_TOKEN", default="")
MAX_API_URL = env.str("MAX_API_URL", default="https://platform-api2.max.ru").rstrip("/")
MAX_BOT_ADDRESS = env.str("MAX_BOT_ADDRESS", default="")
MESSENGERS_TIMEOUT = env.int("MESSENGERS_TIMEOUT", default=10)  # seconds for each request to a bot API
if TELEGRAM_BOT_TOKEN and not (TELEGRAM_BOT_NAME or TELEGRAM_BOT_ADDRESS):
    raise ImproperlyConfigured("TELEGRAM_BOT_NAME must be set with TELEGRAM_BOT_TOKEN (the bot's username).")
# A running program without an entry in its activity log for this many days is «stalled».
PROGRAM_STALL_DAYS = env.int("PROGRAM_STALL_DAYS", default=30)
if PROGRAM_STALL_DAYS < 1:
    raise ImproperlyConfigured("PROGRAM_STALL_DAYS must be a positive number of days.")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# The first option of a list's filter select: a word, not django-filter's «---------».
FILTERS_EMPTY_CHOICE_LABEL = "все"
# Django's form templates, with <select> written out in Python (the same markup, much faster).
FORM_RENDERER = "apps.core.renderers.FormRenderer"

# Security: strict by default, relaxed only for local development over plain HTTP.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG and not TESTING)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG or TESTING else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

PORTAL_NAME = "Наставник.Школа"
CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure"

# --- Sign-in through a regional identity provider (OpenID Connect; README «Sign-in through a regional
# identity provider», apps/accounts/oidc.py). Off while OIDC_ISSUER is empty: the login page then shows
# no button and the provider's pages answer 404.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
OIDC_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_SCOPES = env.str("OIDC_SCOPES", default="openid email")
OIDC_EMAIL_CLAIM = env.str("OIDC_EMAIL_CLAIM", default="email")
OIDC_SNILS_CLAIM = env.str("OIDC_SNILS_CLAIM", default="")  # empty: the СНИЛС is not asked for
# The provider's name as it reads after «через»: «Войти через Госуслуги», «Привязать вход через Сферум».
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="региональную учётную запись")
# The callback registered at the provider; empty: PORTAL_BASE_URL (or the request's host) +
# /login/oidc/callback/.
OIDC_REDIRECT_URI = env.str("OIDC_REDIRECT_URI", default="")
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)  # seconds for each request to the provider
OIDC_METADATA_TTL = env.int("OIDC_METADATA_TTL", default=60 * 60)  # discovery document and keys, per process
OIDC_INVITATION_VALID_SECONDS = env.int("OIDC_INVITATION_VALID_SECONDS", default=7 * 24 * 60 * 60)
# The key of the СНИЛС hash (HMAC-SHA256); empty: derived from SECRET_KEY (then changing SECRET_KEY
# voids the open invitations that carry a СНИЛС).
SNILS_HASH_KEY = env.str("SNILS_HASH_KEY", default="")
if OIDC_ISSUER:
    if not (OIDC_CLIENT_ID and OIDC_CLIENT_SECRET):
        raise ImproperlyConfigured("OIDC_ISSUER is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too.")
    if "openid" not in OIDC_SCOPES.split():
        raise ImproperlyConfigured("OIDC_SCOPES must contain «openid».")
    if not OIDC_ISSUER.startswith("https://") and not (DEBUG or TESTING):
        raise ImproperlyConfigured("OIDC_ISSUER must be an https:// address when DEBUG is off.")
    # The link and sign-out forms post to the portal, which redirects to the provider: form-action covers
    # the redirect (browsers block it otherwise). OIDC_FORM_ACTION adds the provider's other origins.
    _oidc_origin = "/".join(OIDC_ISSUER.split("/")[:3])
    _oidc_extra = env.list("OIDC_FORM_ACTION", default=[])
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += [_oidc_origin, *_oidc_extra]
