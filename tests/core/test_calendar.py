"""The production calendar of the 3-working-day notice: the library's holidays and transfers, and the days
the portal administrator enters for a year the library does not know yet."""

from datetime import date

import pytest
from django.urls import reverse

from apps.accounts.admin_group import ensure_portal_admin_group
from apps.core.dates import add_working_days, is_working_day
from apps.core.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_holidays_and_transferred_days_off_are_not_working_days():
    assert not is_working_day(date(2027, 1, 5))  # New Year holidays
    assert not is_working_day(date(2026, 12, 31))  # transferred from 04.01.2026
    assert is_working_day(date(2027, 2, 20))  # a Saturday made a working day
    assert not is_working_day(date(2027, 2, 22))  # and the Monday it was moved to


def test_a_day_the_administrator_enters_wins_over_the_library():
    # A made-up transfer for 2028: Friday 10.03.2028 off, Saturday 11.03.2028 worked.
    assert add_working_days(date(2028, 3, 8), 3) == date(2028, 3, 13)  # Thu 09, Fri 10, Mon 13
    CalendarDay.objects.create(day=date(2028, 3, 10), kind=CalendarDay.Kind.DAY_OFF, reason="постановление")
    CalendarDay.objects.create(day=date(2028, 3, 11), kind=CalendarDay.Kind.WORKING, reason="постановление")
    assert not is_working_day(date(2028, 3, 10))
    assert is_working_day(date(2028, 3, 11))
    assert add_working_days(date(2028, 3, 8), 3) == date(2028, 3, 13)  # Thu 09, Sat 11, Mon 13
    assert add_working_days(date(2028, 3, 9), 2) == date(2028, 3, 13)  # Sat 11, Mon 13 (Fri 10 is off)


def test_the_portal_administrator_enters_a_day_in_the_admin(client, cast):
    cast.admin.is_staff = True
    cast.admin.save(update_fields=["is_staff"])
    cast.admin.groups.add(ensure_portal_admin_group())
    client.force_login(cast.admin)
    response = client.post(
        reverse("admin:core_calendarday_add"),
        {"day": "10.03.2028", "kind": "day_off", "reason": "постановление Правительства РФ"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarDay.objects.get(day=date(2028, 3, 10)).kind == CalendarDay.Kind.DAY_OFF


def test_a_school_director_cannot_reach_the_calendar_in_the_admin(client, cast):
    client.force_login(cast.director)
    response = client.post(reverse("admin:core_calendarday_add"), {"day": "10.03.2028", "kind": "day_off"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not CalendarDay.objects.exists()
