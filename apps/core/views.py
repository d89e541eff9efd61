"""Error pages and small shared views."""

from django.shortcuts import redirect, render
from django.templatetags.static import static


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    return render(request, "errors/500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "errors/403_csrf.html", status=403)


def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)
