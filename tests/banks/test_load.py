"""The mentor's current load, shown as «1 из 2»: counted from the pairs app when it is installed."""

from datetime import date

import pytest
from django.apps import apps as django_apps
from django.db.models import IntegerField, Value
from django.urls import reverse

from apps.banks import selectors
from apps.banks.models import MentorEntry
from tests.factories.banks import mentee, mentor

pytestmark = pytest.mark.django_db


def _pairs():
    if not django_apps.is_installed("apps.pairs"):
        pytest.skip("apps.pairs is not installed")
    return django_apps.get_model("pairs", "MentoringGroup"), django_apps.get_model("pairs", "GroupMember")


def _group(mentor_entry, mentees, *, group_status="active", member_status="active"):
    MentoringGroup, GroupMember = _pairs()
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


def test_load_is_zero_without_the_pairs_app(monkeypatch):
    monkeypatch.setattr(selectors.django_apps, "is_installed", lambda name: False)
    expression = selectors.mentor_load_annotation()
    assert isinstance(expression, Value) and expression.value == 0
    assert isinstance(expression.output_field, IntegerField)


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
