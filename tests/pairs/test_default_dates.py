"""The dates a new pair's form proposes: the next working day by the production calendar, never in the past."""

from datetime import date
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.dates import add_working_days
from apps.pairs import dates

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (date(2026, 12, 4), date(2026, 12, 7)),  # Friday → Monday
        (date(2026, 12, 29), date(2026, 12, 30)),  # Tuesday → Wednesday
        (date(2026, 12, 30), date(2027, 1, 11)),  # 31.12 and the New Year holidays are days off
        (date(2026, 6, 20), date(2026, 9, 1)),  # in the summer: the academic year's first day
    ],
)
def test_the_proposed_start_is_the_next_working_day_within_the_year(today, start, year):
    with mock.patch.object(dates.timezone, "localdate", return_value=today):
        planned_start, planned_end = dates.default_period(year)
    assert planned_start == start
    assert planned_end == date(2027, 5, 31)


def test_late_in_the_year_the_proposed_end_leaves_three_months(year):
    with mock.patch.object(dates.timezone, "localdate", return_value=date(2027, 4, 14)):
        planned_start, planned_end = dates.default_period(year)
    assert (planned_start, planned_end) == (date(2027, 4, 15), date(2027, 7, 15))


def test_the_pair_form_proposes_them(client, cast, year):
    client.force_login(cast.curator)
    page = client.get(reverse("pairs:group-create")).content.decode()
    start = max(add_working_days(timezone.localdate(), 1), year.starts_on)
    assert f'name="planned_start" value="{start:%Y-%m-%d}"' in page or f'value="{start:%d.%m.%Y}"' in page
