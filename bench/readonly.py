"""Reading the pages of a database that must stay as it is (a region seeded for other runs, issue 18).

The connection is made read-only for good (``default_transaction_read_only``: PostgreSQL itself refuses any
write to a table of the database), and what the pages do write goes to temporary tables of the same names,
private to this connection, which PostgreSQL reads before the real ones (``pg_temp`` is searched first): the
sessions of ``force_login`` and their sliding refresh, the access journal, the kept territory figures and
consolidated forms, the login journal of django-axes, a calendar's feed token. Nothing is committed to the
database; and unlike one long transaction rolled back at the end, no row lock is held that would block another
run reading the same region (a login updates the user's row: that signal is turned off here).
"""

# The tables a GET writes to, shadowed by a temporary copy (columns, defaults, identity, indexes, checks).
SHADOWED = (
    "django_session",
    "axes_accesslog",
    "monitoring_territoryfigures",
    "monitoring_statformfigures",  # the kept consolidated forms of the municipalities
    "audit_accessevent",
    "programs_calendartoken",  # the calendar page makes the user's feed token on the first visit
)


def read_only(connection) -> None:
    """Make ``connection`` (Django's, connected now) refuse writes except to the shadowing tables, and
    signing in leave the user's row alone. Persistent connections (``CONN_MAX_AGE``) and Django's test
    client keep it for the whole run."""
    from django.contrib.auth import user_logged_in
    from django.contrib.auth.models import update_last_login

    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    shadow(connection)


def shadow(connection) -> None:
    """The database part of :func:`read_only`: the temporary tables, then the session made read-only."""
    connection.ensure_connection()
    with connection.cursor() as cursor:
        for table in SHADOWED:
            cursor.execute(f'CREATE TEMPORARY TABLE "{table}" (LIKE public."{table}" INCLUDING ALL)')
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    # Django reconnects after an error or past CONN_MAX_AGE: a new connection would be a writable one
    # without the shadows, so the run must not go on with it.
    connection.close_if_unusable_or_obsolete = lambda: None
    connection.close_at = None


def check_read_only(connection) -> None:
    """Raise unless ``connection`` is the read-only one of :func:`read_only` (it was not reconnected)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW transaction_read_only")
        if cursor.fetchone()[0] != "on":
            raise RuntimeError("the connection is no longer read-only: stopping before any write")
