"""Error pages and small shared views."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    # Called inside the except block of the failed request. When the database is unreachable, answer
    # at once with a page that needs no database (no session, no user, no context processors).
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable()
    # Rendered without the request (no context processors): a broken session cannot break this page.
    return HttpResponse(render_to_string("errors/500.html"), status=500)


def database_unavailable():
    response = HttpResponse(render_to_string("errors/503.html"), status=503)
    response["Retry-After"] = "10"
    return response


def csrf_failure(request, reason=""):
    return render(request, "errors/403_csrf.html", status=403)


def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)
