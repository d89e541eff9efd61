"""Calendar arithmetic shared by the apps (a pair's planned end, a program's length, survey dates, the
working days of a notice)."""

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of a shorter month when it does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=1)
def _russian_calendar() -> holidays.HolidayBase:
    """Russia's production calendar: the public holidays of Labour Code art. 112 and the days off the
    government moves each year (a Saturday that becomes a working day included). The years are filled
    in lazily as they are asked for."""
    return holidays.country_holidays("RU", language="ru")


def is_working_day(day: date) -> bool:
    """A working day of the five-day week: not a weekend unless moved to a working day, not a holiday."""
    return _russian_calendar().is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The day on which ``days`` full working days after ``start`` have passed: notice given on Friday
    27.11.2026 ends on Wednesday 02.12 (Mon, Tue, Wed); given on 30.12.2026 it ends on 13.01.2027 (the New
    Year holidays and the transferred 31.12 are not working days)."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current
