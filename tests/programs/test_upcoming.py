"""The dashboards' and calendar's lists of a participant's events: overdue ones, and those due within
the next days; one query for both (bench, issue #8)."""

from datetime import date, timedelta

import pytest

from apps.programs.models import RoadmapEvent
from apps.programs.selectors import upcoming_and_overdue

pytestmark = pytest.mark.django_db

ON = date(2026, 11, 16)


def add(program, title, start, end=None, status=RoadmapEvent.Status.PLANNED):
    return RoadmapEvent.objects.create(
        program=program,
        title=title,
        form="consultation",
        start=start,
        end=end,
        responsible="mentor",
        status=status,
    )


def test_overdue_and_upcoming_events_are_told_apart_in_one_query(approved, cast, django_assert_num_queries):
    add(approved, "Просрочено вчера", ON - timedelta(days=1))
    add(approved, "Период закончился", ON - timedelta(days=20), end=ON - timedelta(days=2))
    add(approved, "Период идёт", ON - timedelta(days=5), end=ON + timedelta(days=5))
    add(approved, "Через неделю", ON + timedelta(days=7))
    add(approved, "Через месяц", ON + timedelta(days=30))
    add(approved, "Выполнено", ON - timedelta(days=3), status=RoadmapEvent.Status.DONE)
    with django_assert_num_queries(1):
        upcoming, overdue = upcoming_and_overdue(user=cast.mentee, days=14, on=ON)
    assert [e.title for e in overdue] == ["Период закончился", "Просрочено вчера"]
    assert [e.title for e in upcoming] == ["Период идёт", "Через неделю"]
    assert upcoming_and_overdue(user=cast.other_teacher, days=14, on=ON) == ([], [])
