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


def _entered_days(start: date, end: date) -> dict[date, bool]:
    """The administrator's days (``CalendarDay``) between two dates: day → is it a working day."""
    from apps.core.models import CalendarDay

    rows = CalendarDay.objects.filter(day__range=(start, end)).values_list("day", "kind")
    return {day: kind == CalendarDay.Kind.WORKING for day, kind in rows}


def is_working_day(day: date, entered: dict[date, bool] | None = None) -> bool:
    """A working day of the five-day week: not a weekend unless moved to a working day, not a holiday;
    a day the administrator entered wins over the library."""
    entered = _entered_days(day, day) if entered is None else entered
    if day in entered:
        return entered[day]
    return _russian_calendar().is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The day on which ``days`` full working days after ``start`` have passed: notice given on Friday
    27.11.2026 ends on Wednesday 02.12 (Mon, Tue, Wed); given on 30.12.2026 it ends on 13.01.2027 (the New
    Year holidays and the transferred 31.12 are not working days)."""
    # The longest run of days off in Russia is the New Year's ten: a month is room enough for a week's notice.
    entered = _entered_days(start, start + timedelta(days=31 + 2 * days))
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if is_working_day(current, entered):
            left -= 1
    return current
