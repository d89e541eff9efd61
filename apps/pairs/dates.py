"""Working days for the 3-working-days notice of Labour Code art. 351.8 (weekends skipped; the
official holiday calendar is not modelled yet)."""

from datetime import date, timedelta

NOTICE_WORKING_DAYS = 3


def add_working_days(start: date, days: int) -> date:
    """The day on which ``days`` full working days after ``start`` have passed: notice given on
    Friday 27.11 ends on Wednesday 02.12 (Mon, Tue, Wed)."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def notice_end(notice_given_on: date) -> date:
    return add_working_days(notice_given_on, NOTICE_WORKING_DAYS)
