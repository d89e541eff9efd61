"""The ceiling of any Django response on the machine (issue 18): one view, no app, no middleware, no
template, no database. ``make load`` runs it under the same gunicorn and wrk settings as the portal, so the
portal's requests per second can be read as a share of it (that ratio holds from machine to machine)."""

SECRET_KEY = "ceiling-of-a-django-response-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.ceiling.urls"
WSGI_APPLICATION = "bench.ceiling.wsgi.application"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_TZ = True
LOGGING_CONFIG = None
