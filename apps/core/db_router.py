"""Reads of aggregated figures from a streaming replica (DATABASE_REPLICA_URL), everything else from
the primary.

A read goes to the replica only inside an explicit replica scope — ``@reads_from_replica`` on a view
that shows a territory's figures, or ``with replica_reads():`` — and even there never:

- inside ``transaction.atomic`` (a read that decides a write must see the primary);
- for the models of sign-in, sessions, memberships, audit and the portal's own bookkeeping
  (``PRIMARY_ONLY_APPS``): who the user is and what she may do is always read from the primary;
- for a request that writes (not GET/HEAD/OPTIONS), nor for a few seconds after a user's own write
  (``PrimaryAfterWriteMiddleware`` leaves a cookie): she sees what she has just changed.

Writes always go to the primary, also from a view in the replica scope (the audit of a page view).
Without DATABASE_REPLICA_URL the router is not installed: nothing changes.
"""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from . import freshness

REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PRIMARY_ONLY_APPS = frozenset(
    {
        "sessions",
        "auth",
        "contenttypes",
        "admin",
        "axes",
        "accounts",
        "audit",
        "core",
        "django_tasks_database",
    }
)
# The cookie left by a write: until the time in it (Unix seconds) the user's reads stay on the primary.
PRIMARY_COOKIE = "primary_reads_until"

ROUTER_PATH = "apps.core.db_router.ReplicaRouter"

_replica_scope: ContextVar[bool] = ContextVar("replica_scope", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES and ROUTER_PATH in settings.DATABASE_ROUTERS


@contextmanager
def replica_reads(enabled: bool = True) -> Iterator[None]:
    """Within it, the reads ``ReplicaRouter`` allows go to the replica (``enabled=False``: they don't)."""
    token = _replica_scope.set(enabled)
    try:
        yield
    finally:
        _replica_scope.reset(token)


def _in_transaction() -> bool:
    """Inside ``transaction.atomic`` on the primary (the test case's own transaction does not count)."""
    blocks = connections[DEFAULT_DB_ALIAS].atomic_blocks
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


def read_alias() -> str:
    """Where a read of the figures made now goes: the replica in its scope, outside any transaction."""
    if _replica_scope.get() and replica_configured() and not _in_transaction():
        return REPLICA
    return DEFAULT_DB_ALIAS


def _wrote_recently(request) -> bool:
    try:
        return float(request.COOKIES.get(PRIMARY_COOKIE, 0)) > time.time()
    except ValueError:
        return False


def reads_from_replica(view: Callable) -> Callable:
    """A page of aggregated figures: read from the replica where the router allows it, and say how old
    the figures may be (``{% figures_freshness %}`` in the page layout, apps/core/freshness.py)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # Who the user is comes from the primary, before the scope opens (the router refuses it anyway).
        request.user.is_authenticated  # noqa: B018
        replica = request.method in SAFE_METHODS and not _wrote_recently(request)
        with replica_reads(replica), freshness.tracking():
            return view(request, *args, **kwargs)

    return wrapped


class ReplicaRouter:
    """``DATABASE_ROUTERS`` when DATABASE_REPLICA_URL is set (see the module's docstring)."""

    def db_for_read(self, model, **hints):
        if not _replica_scope.get() or REPLICA not in settings.DATABASES:
            # Also for an object loaded from the replica and used later: outside the scope, the primary.
            return DEFAULT_DB_ALIAS
        if model._meta.app_label in PRIMARY_ONLY_APPS or _in_transaction():
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # One database, two addresses: an object read from the replica may be linked to one of the primary.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA


class PrimaryAfterWriteMiddleware:
    """After a request that may have written, the user's next reads (for a few seconds) stay on the
    primary: a replica that lags would not yet show her own change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            seconds = settings.REPLICA_PRIMARY_AFTER_WRITE_SECONDS
            response.set_cookie(
                PRIMARY_COOKIE,
                str(int(time.time()) + seconds),
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
