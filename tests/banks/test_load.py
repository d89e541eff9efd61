"""The mentor's current load, shown as «1 из 2»: counted by the pairs app (above the banks), which
registers its count in the banks' hook ``mentor_load_counters``."""

from datetime import date

import pytest
from django.db.models import IntegerField, Value
from django.urls import reverse

from apps.banks import selectors
from apps.banks.models import MentorEntry
from apps.core.hooks import Hook
from apps.pairs.models import GroupMember, MentoringGroup
from apps.pairs.selectors import mentor_distance_work, mentor_load_count
from tests.factories.banks import mentee, mentor

pytestmark = pytest.mark.django_db


def _group(mentor_entry, mentees, *, group_status="active", member_status="active"):
    group = MentoringGroup.objects.create(
        organization=mentor_entry.organization,
        year=mentor_entry.year,
        mentor=mentor_entry,
        form="teacher_teacher",
        direction="methods",
        planned_start=date(2026, 10, 1),
        planned_end=date(2027, 5, 31),
        status=group_status,
    )
    for m in mentees:
        GroupMember.objects.create(
            group=group,
            mentee=m,
            mentee_person=m.person,
            mentor_person=mentor_entry.person,
            direction="methods",
            status=member_status,
        )
    return group


def test_the_pairs_app_plugs_its_count_and_distance_work_into_the_banks():
    assert list(selectors.mentor_load_counters) == [mentor_load_count]
    assert list(selectors.mentor_distance_work) == [mentor_distance_work]


def test_load_is_zero_and_no_distance_work_while_no_app_counts_them(monkeypatch, cast, year):
    monkeypatch.setattr(selectors, "mentor_load_counters", Hook("test.mentor_load_counters"))
    monkeypatch.setattr(selectors, "mentor_distance_work", Hook("test.mentor_distance_work"))
    expression = selectors.mentor_load_annotation()
    assert isinstance(expression, Value) and expression.value == 0
    assert isinstance(expression.output_field, IntegerField)
    assert selectors.distance_work(mentor(cast.school, year, director=cast.director)) == []


def test_the_load_is_the_sum_of_what_every_registered_app_counts(cast, year):
    entry = mentor(cast.school, year, director=cast.director, max_mentees=4)
    _group(entry, [mentee(cast.school, year)])

    def one_more():
        return Value(1, output_field=IntegerField())

    selectors.mentor_load_counters.register(one_more)
    try:
        assert selectors.mentor_load(MentorEntry.objects.get(pk=entry.pk)) == 2
    finally:
        selectors.mentor_load_counters.unregister(one_more)
    assert selectors.mentor_load(MentorEntry.objects.get(pk=entry.pk)) == 1


def test_load_counts_mentees_in_active_and_ordered_pairs_only(cast, year):
    entry = mentor(cast.school, year, director=cast.director, max_mentees=4)
    _group(entry, [mentee(cast.school, year)], group_status="active")
    _group(entry, [mentee(cast.school, year)], group_status="awaiting_order", member_status="planned")
    _group(entry, [mentee(cast.school, year)], group_status="draft", member_status="planned")
    _group(entry, [mentee(cast.school, year)], group_status="active", member_status="ended")
    other = mentor(cast.school, year, director=cast.director)
    loads = dict(
        MentorEntry.objects.annotate(load=selectors.mentor_load_annotation()).values_list("pk", "load")
    )
    assert loads == {entry.pk: 2, other.pk: 0}


def test_list_shows_load_of_max(client_for, cast, year):
    entry = mentor(cast.school, year, director=cast.director, max_mentees=2)
    _group(entry, [mentee(cast.school, year)])
    body = client_for("curator").get(reverse("banks:mentor-list")).content.decode()
    assert "1 из 2" in body
