"""The idle timeout without a database write on every request; the new password after a code sign-in.

A session ends ``SESSION_COOKIE_AGE`` seconds after its last save. Django's
``SESSION_SAVE_EVERY_REQUEST`` keeps it alive by saving on every request: three queries and a commit
(a WAL flush) per page, a tenth of the server's time under load (issue #8). This middleware saves the
session of a signed-in user at most once per ``SESSION_REFRESH_SECONDS`` instead, so the session ends
between ``SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS`` and ``SESSION_COOKIE_AGE`` after the last request.
"""

import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

REFRESHED_AT = "_refreshed_at"


def mark_refreshed_on_login(sender, request, user, **kwargs):
    """Signing in saves the session with a fresh expiry already: the next minute needs no save."""
    if getattr(request, "session", None) is not None:
        request.session[REFRESHED_AT] = int(time.time())


class SlidingSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session this request has read already (the signed-in user's): no extra query.
        if session is None or not session.accessed or session.is_empty():
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        now = int(time.time())
        if now - session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[REFRESHED_AT] = now  # modified: SessionMiddleware saves it with a new expiry
        return response


# Set when a person signed in with a one-time code; cleared when they set a new password.
PASSWORD_SET_REQUIRED = "password_set_required"


class PasswordSetRequiredMiddleware:
    """After a sign-in with a one-time code the person sets a new password before anything else: every
    other page of the portal redirects to the form (sign-out and static files excepted)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(PASSWORD_SET_REQUIRED) and request.user.is_authenticated:
            allowed = {reverse("accounts:password-set"), reverse("accounts:logout")}
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                return redirect("accounts:password-set")
        return self.get_response(request)
