"""Working days for the 3-working-days notice of Labour Code art. 351.8 (Russia's production calendar:
weekends, public holidays and the transferred days off)."""

from datetime import date

from apps.core.dates import add_working_days

NOTICE_WORKING_DAYS = 3

__all__ = ["NOTICE_WORKING_DAYS", "add_working_days", "notice_end"]


def notice_end(notice_given_on: date) -> date:
    return add_working_days(notice_given_on, NOTICE_WORKING_DAYS)
