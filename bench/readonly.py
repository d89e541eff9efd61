"""Reading the pages of a database that must stay as it is (a region seeded for other runs, issue 18).

The connection is made read-only for good (``default_transaction_read_only``: PostgreSQL itself refuses any
write to a table of the database), and what the pages do write goes to temporary tables of the same names,
private to this connection, which PostgreSQL reads before the real ones (``pg_temp`` is searched first): the
sessions of ``force_login`` and their sliding refresh, the access journal, the kept territory figures,
consolidated forms and workbooks, the login journal of django-axes, a calendar's feed token. A table the
database has not got yet (its migration came after the seeding) is made from its model. Nothing is committed
to the database; and unlike one long transaction rolled back at the end, no row lock is held that would
block another run reading the same region (a login updates the user's row: that signal is turned off here).
"""

# The tables a GET writes to, shadowed by a temporary copy (columns, defaults, identity, indexes, checks).
SHADOWED = (
    "django_session",
    "axes_accesslog",
    "monitoring_territoryfigures",
    "monitoring_statformfigures",  # the kept consolidated forms of the municipalities
    "territory_keptworkbook",  # the territory's .xlsx of a whole region, kept on the first download
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
            cursor.execute("SELECT to_regclass(%s)", [f'public."{table}"'])
            if cursor.fetchone()[0] is not None:
                cursor.execute(f'CREATE TEMPORARY TABLE "{table}" (LIKE public."{table}" INCLUDING ALL)')
            else:  # a database seeded before the migration that made the table: the model's columns
                cursor.execute(temporary_table_sql(connection, table))
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    # Django reconnects after an error or past CONN_MAX_AGE: a new connection would be a writable one
    # without the shadows, so the run must not go on with it.
    connection.close_if_unusable_or_obsolete = lambda: None
    connection.close_at = None


def temporary_table_sql(connection, table: str) -> str:
    """``CREATE TEMPORARY TABLE`` for the model of ``table`` from its fields (type, NOT NULL, the
    primary key's identity): for a shadowed table the database has not got yet (its migration came after
    the seeding, and migrating would write to the database). Without its foreign keys (a temporary table
    cannot reference the database's tables) and unique constraints: a copy private to one connection."""
    from django.apps import apps

    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    columns = []
    for field in model._meta.local_concrete_fields:
        column = f"{connection.ops.quote_name(field.column)} {field.db_type(connection)}"
        if field.primary_key:
            column += f" PRIMARY KEY {field.db_type_suffix(connection) or ''}".rstrip()
        elif not field.null:
            column += " NOT NULL"
        columns.append(column)
    return f"CREATE TEMPORARY TABLE {connection.ops.quote_name(table)} ({', '.join(columns)})"


def check_read_only(connection) -> None:
    """Raise unless ``connection`` is the read-only one of :func:`read_only` (it was not reconnected)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW transaction_read_only")
        if cursor.fetchone()[0] != "on":
            raise RuntimeError("the connection is no longer read-only: stopping before any write")
