"""``add_months``: the one month arithmetic of the portal (program lengths, survey points, scale data)."""

from datetime import date

import pytest

from apps.core.dates import add_months
from apps.monitoring import services as monitoring_services
from apps.programs import dates as program_dates


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 10, 1), 3, date(2027, 1, 1)),
        (date(2026, 10, 1), 12, date(2027, 10, 1)),
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 20), 0, date(2026, 5, 20)),
    ],
)
def test_the_same_day_months_later_or_the_last_day_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


def test_programs_and_monitoring_count_months_with_the_one_function():
    assert program_dates.add_months is add_months
    assert monitoring_services.add_months is add_months
