"""Months of the allowance: their bounds, their names («ноябрь 2026 г.») and the days of a pair in one."""

import calendar
from datetime import date

from apps.core.russian import month_name


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and the last day of the month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_label(year: int, month: int, case: str = "nominative") -> str:
    """«ноябрь 2026 г.» (also «за ноябрь 2026 г.»); case="prepositional" → «ноябре 2026 г.»."""
    return f"{month_name(month, case)} {year}\u00a0г."


def active_span(year: int, month: int, started: date | None, ended: date | None) -> tuple[date, date] | None:
    """The days of the month in which a pair started on ``started`` and ended on ``ended`` (None: goes on)
    was active, both ends included; None when it was not active in the month at all. A pair is active
    from the day of its start to the day of its end."""
    first, last = month_bounds(year, month)
    if started is None or started > last or (ended is not None and ended < first):
        return None
    return max(started, first), min(ended or last, last)
