"""How old the figures of a page may be: «Сводные показатели обновляются раз в 5 минут; данные на 10:42».

A page of aggregated figures (``@reads_from_replica``, apps/core/db_router.py) tracks the time of the
data it shows: each kept aggregate carries the moment its data were read (apps/core/cache.py) — the
moment of computing, less the replica's lag if it was computed from the replica — and rows read
directly from the replica are as old as the replica's lag now. The page states the oldest of these.
A replica cut off from the primary (its WAL receiver not streaming) is as old as the last transaction it
replayed, and the page says that the figures may be older still: «…данные на 14:05 5 декабря».
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from .russian import day_month, plural_form

# Where the replica stands: in recovery at all; whether its WAL receiver streams from the primary (the
# view has a row only while a receiver runs; a role without pg_read_all_stats sees its pid but not its
# status, which then counts as streaming); when the receiver last heard from the primary (NULL for such a
# role); whether it has replayed all the WAL it received; the time of the last transaction it replayed.
REPLICA_STATE_SQL = """
SELECT pg_is_in_recovery(),
       EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE COALESCE(status, 'streaming') = 'streaming'),
       (SELECT last_msg_receipt_time FROM pg_stat_wal_receiver LIMIT 1),
       pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn(),
       pg_last_xact_replay_timestamp(),
       now()
"""
# A streaming receiver hears from the primary at least every wal_sender_timeout / 2 (30 s by default,
# keepalives of an idle primary included): silence longer than this is a connection that hangs.
SILENT_RECEIVER = timedelta(minutes=2)


@dataclass(frozen=True)
class ReplicaState:
    """``lag``: how far the data read from the database are behind the primary's; ``cut_off``: the
    replica does not receive the primary's changes now, so it may be behind by any amount since
    ``replayed_at`` (the time of the last transaction it replayed; None when it has replayed none since
    it started)."""

    lag: timedelta
    cut_off: bool = False
    replayed_at: datetime | None = None


def replica_state_from(
    *,
    in_recovery: bool,
    streaming: bool,
    last_heard: datetime | None,
    all_replayed: bool,
    replayed_at: datetime | None,
    now: datetime,
) -> ReplicaState:
    """The state from the answers of ``REPLICA_STATE_SQL``.

    A streaming replica that has replayed all it received is current: an idle primary writes no
    transactions, and the time of the last replayed one then says only when the last change was. But a
    replica cut off from the primary (no receiver streaming, or one that has heard nothing for
    ``SILENT_RECEIVER``) has also «replayed all it received», while the primary goes on: its data are as
    old as the last transaction it replayed, and the page must say they may be older still."""
    if not in_recovery:
        return ReplicaState(lag=timedelta(0))
    since_replay = max(now - replayed_at, timedelta(0)) if replayed_at else timedelta(0)
    silent = last_heard is not None and now - last_heard > SILENT_RECEIVER
    if not streaming or silent:
        return ReplicaState(lag=since_replay, cut_off=True, replayed_at=replayed_at)
    if all_replayed:
        return ReplicaState(lag=timedelta(0), replayed_at=replayed_at)
    return ReplicaState(lag=since_replay, replayed_at=replayed_at)


def replica_state(alias: str) -> ReplicaState:
    """Where the database behind ``alias`` stands against the primary (the primary itself: no lag)."""
    if alias == DEFAULT_DB_ALIAS:
        return ReplicaState(lag=timedelta(0))
    with connections[alias].cursor() as cursor:
        cursor.execute(REPLICA_STATE_SQL)
        in_recovery, streaming, last_heard, all_replayed, replayed_at, now = cursor.fetchone()
    return replica_state_from(
        in_recovery=bool(in_recovery),
        streaming=bool(streaming),
        last_heard=last_heard,
        all_replayed=bool(all_replayed),
        replayed_at=replayed_at,
        now=now,
    )


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
    return replica_state(alias).lag


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


def moment_text(data_time: datetime) -> str:
    """The moment of the data with its day, as a page states it for another day: «05.12.2026 10:42» (a
    downloaded file is read on other days, so it always gives the day)."""
    return f"{timezone.localtime(data_time):%d.%m.%Y %H:%M}"


def freshness_text(
    *, refresh_seconds: int | None, aggregates: bool, data_time: datetime, now: datetime
) -> str:
    """The sentence under a page of figures. ``refresh_seconds``: how long an aggregate is kept;
    ``aggregates``: whether the page shows kept aggregates; ``data_time``: the
    moment of the oldest data shown."""
    local, today = timezone.localtime(data_time), timezone.localtime(now).date()
    moment = f"{local:%H:%M}" if local.date() == today else moment_text(data_time)
    if not aggregates or not refresh_seconds or refresh_seconds < 0:
        return f"Данные на {moment}."
    return f"Сводные показатели обновляются {_every(refresh_seconds)}; данные на {moment}."


def cut_off_text(*, replayed_at: datetime | None, oldest: datetime | None) -> str:
    """The sentence under a page of figures read from a replica cut off from the primary: the figures
    may be older than usual, «данные на 14:05 5 декабря» (the last transaction the replica replayed, or
    an older kept aggregate)."""
    moments = [moment for moment in (replayed_at, oldest) if moment is not None]
    if not moments:
        return "Связь с основной базой данных прервана: показатели могут быть устаревшими."
    local = timezone.localtime(min(moments))
    return (
        "Связь с основной базой данных прервана: показатели могут быть устаревшими — "
        f"данные на {local:%H:%M} {day_month(local)}."
    )
