"""Working days for the 3-working-days notice of Labour Code art. 351.8 (Russia's production calendar:
weekends, public holidays and the transferred days off)."""

from datetime import date

from django.utils import timezone

from apps.core.dates import add_months, add_working_days

NOTICE_WORKING_DAYS = 3

__all__ = ["NOTICE_WORKING_DAYS", "add_working_days", "default_period", "notice_end"]


def notice_end(notice_given_on: date) -> date:
    return add_working_days(notice_given_on, NOTICE_WORKING_DAYS)


def default_period(year) -> tuple[date, date]:
    """The dates a new pair's form proposes: from the next working day (never before the academic year
    begins) to 31 May of the year — at least three months, the shortest program of the Regulation."""
    today = timezone.localdate()
    start = max(add_working_days(today, 1), year.starts_on)
    end = max(year.ends_on.replace(month=5, day=31), add_months(start, 3))
    return start, end
