"""Signed-in sessions for the load run: prints ``<session key> <path>`` lines, one per main page of
each role, for bench/load.lua to rotate through. Run with the same SECRET_KEY as the server
(the session carries a hash of the user's password keyed with it)."""

import os
import sys

from .pages import PAGES


def session_lines() -> list[tuple[str, str, str]]:
    """``(page name, session key, path)`` of every page of the mix, each with a new session of its role."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
    from django.contrib.sessions.backends.db import SessionStore

    from .pages import find_cast

    cast = find_cast()
    # The backend that loads the user of a session, as Django's force_login picks it.
    backend = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    keys = {}
    for role, user in cast.users.items():
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys[role] = session.session_key
    return [(page.name, keys[page.role], page.url(cast)) for page in PAGES]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings")
    import django

    django.setup()
    for _name, key, path in session_lines():
        sys.stdout.write(f"{key} {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
