"""The share of mentors trained within three years: approved mentors of the current year's bank only, one
query for a set of organisations; per organisation for the territory's overview."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from apps.banks.models import MentorEntry
from apps.training import selectors
from apps.training.models import TrainingRecord
from tests.factories import pairs as f
from tests.factories.organizations import AcademicYearFactory

pytestmark = pytest.mark.django_db


def _trained(entry, *, ended):
    TrainingRecord.objects.create(
        organization=entry.organization,
        person=entry.person,
        kind="course",
        title="Наставничество",
        organiser="ЦНППМ",
        start_date=ended - timedelta(days=10),
        end_date=ended,
        hours=36,
    )


def test_only_a_training_of_the_last_three_years_counts(cast, year):
    today = timezone.localdate()
    recent, old, _untrained = (f.mentor_entry(cast.school, year) for _ in range(3))
    _trained(recent, ended=today - timedelta(days=3 * 365 - 5))
    _trained(old, ended=today - timedelta(days=3 * 365 + 5))
    share = selectors.trained_share(organizations=[cast.school], today=today)
    assert (share.mentors, share.trained, share.percent) == (3, 1, 33)


def test_candidates_released_mentors_and_last_years_bank_are_not_counted(cast, year):
    today = timezone.localdate()
    last_year = AcademicYearFactory(start_year=year.start_year - 1, is_current=False)
    counted = f.mentor_entry(cast.school, year, status=MentorEntry.Status.ACTIVE)
    for entry in (
        f.mentor_entry(cast.school, year, status=MentorEntry.Status.CANDIDATE),
        f.mentor_entry(cast.school, year, status=MentorEntry.Status.RELEASED),
        f.mentor_entry(cast.school, last_year),
    ):
        _trained(entry, ended=today - timedelta(days=30))
    share = selectors.trained_share(organizations=[cast.school], today=today)
    assert (share.mentors, share.trained) == (1, 0)
    _trained(counted, ended=today - timedelta(days=30))
    assert selectors.trained_share(organizations=[cast.school], today=today).percent == 100


def test_no_mentors_gives_no_percent(cast, year):
    assert selectors.trained_share(organizations=[cast.school], today=timezone.localdate()).percent is None


def test_the_municipality_share_is_one_query_and_per_organisation_too(cast, year, django_assert_num_queries):
    from apps.organizations.models import Organization

    today = timezone.localdate()
    for school, trained in ((cast.school, 2), (cast.other_school, 1), (cast.far_school, 1)):
        for i in range(2):
            entry = f.mentor_entry(school, year)
            if i < trained:
                _trained(entry, ended=today - timedelta(days=100))
    municipality = Organization.objects.filter(municipality=cast.school.municipality)
    with django_assert_num_queries(1):
        share = selectors.trained_share(organizations=municipality, today=today)
    assert (share.mentors, share.trained, share.percent) == (4, 3, 75)
    with django_assert_num_queries(1):
        by_org = selectors.trained_share_by_organization(organizations=municipality, today=today)
    assert by_org[cast.school.pk].percent == 100 and by_org[cast.other_school.pk].percent == 50
    assert cast.far_school.pk not in by_org


def test_the_three_years_from_the_29th_of_february():
    assert selectors.since(date(2028, 2, 29)) == date(2025, 2, 28)
