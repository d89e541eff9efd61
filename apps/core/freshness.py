"""How old the figures of a page may be: «Сводные показатели обновляются раз в 5 минут; данные на 10:42».

A page of aggregated figures (``@reads_from_replica``, apps/core/db_router.py) tracks the time of the
data it shows: each kept aggregate carries the moment its data were read (apps/core/cache.py) — the
moment of computing, less the replica's lag if it was computed from the replica — and rows read
directly from the replica are as old as the replica's lag now. The page states the oldest of these.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from .russian import plural_form

# How far the replica is behind: nothing when it has replayed all the WAL it received (an idle
# primary writes none, and pg_last_xact_replay_timestamp() then only says when the last change was);
# otherwise since the last transaction it replayed. NULL on a primary (not in recovery): no lag.
REPLICA_LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(GREATEST(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0), 0)
END
"""


@dataclass
class _Tracked:
    oldest: datetime | None = None
    aggregates: bool = False


_tracked: ContextVar[_Tracked | None] = ContextVar("figures_freshness", default=None)


@contextmanager
def tracking() -> Iterator[None]:
    """A page of figures: the times of the aggregates it uses are noted for ``{% figures_freshness %}``."""
    token = _tracked.set(_Tracked())
    try:
        yield
    finally:
        _tracked.reset(token)


def tracked() -> _Tracked | None:
    return _tracked.get()


def note(data_time: datetime) -> None:
    """An aggregate read at ``data_time`` is shown on the page being built."""
    state = _tracked.get()
    if state is not None:
        state.aggregates = True
        state.oldest = data_time if state.oldest is None else min(state.oldest, data_time)


def replica_lag(alias: str) -> timedelta:
    """How far the database behind ``alias`` is behind the primary (zero for the primary itself)."""
    if alias == DEFAULT_DB_ALIAS:
        return timedelta(0)
    with connections[alias].cursor() as cursor:
        cursor.execute(REPLICA_LAG_SQL)
        seconds = cursor.fetchone()[0]
    return timedelta(seconds=float(seconds or 0))


def data_time(alias: str) -> datetime:
    """The moment of the primary's data that a read from ``alias`` sees now."""
    return timezone.now() - replica_lag(alias)


_UNITS = (
    (3600, ("час", "часа", "часов")),
    (60, ("минуту", "минуты", "минут")),
    (1, ("секунду", "секунды", "секунд")),
)


def _every(seconds: int) -> str:
    """«раз в 5 минут», «раз в минуту», «раз в 30 секунд», «раз в 2 часа»."""
    unit, forms = next((unit, forms) for unit, forms in _UNITS if seconds % unit == 0)
    n = seconds // unit
    word = plural_form(n, *forms)
    return f"раз в {word}" if n == 1 else f"раз в {n} {word}"


def freshness_text(
    *, refresh_seconds: int | None, aggregates: bool, data_time: datetime, now: datetime
) -> str:
    """The sentence under a page of figures. ``refresh_seconds``: how long an aggregate is kept;
    ``aggregates``: whether the page shows kept aggregates; ``data_time``: the
    moment of the oldest data shown."""
    local, today = timezone.localtime(data_time), timezone.localtime(now).date()
    moment = f"{local:%H:%M}" if local.date() == today else f"{local:%d.%m.%Y %H:%M}"
    if not aggregates or not refresh_seconds or refresh_seconds < 0:
        return f"Данные на {moment}."
    return f"Сводные показатели обновляются {_every(refresh_seconds)}; данные на {moment}."
