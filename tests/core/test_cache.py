"""The aggregates cache (apps/core/cache.py): a territory's figures are computed once while fresh."""

from io import StringIO

import pytest
from django.core.cache import caches

from apps.core.cache import cached_aggregate
from apps.organizations.models import Organization


@pytest.fixture
def aggregates_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "aggregates": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"},
    }
    caches["aggregates"].clear()


def counter():
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    return calls, compute


def test_a_fresh_value_is_not_computed_again(aggregates_cache):
    calls, compute = counter()
    assert cached_aggregate("figures", ("scope", 1), compute) == {"n": 1}
    assert cached_aggregate("figures", ("scope", 1), compute) == {"n": 1}
    assert len(calls) == 1


def test_another_scope_or_year_is_computed_on_its_own(aggregates_cache):
    calls, compute = counter()
    cached_aggregate("figures", ("scope", 1), compute)
    cached_aggregate("figures", ("scope", 2), compute)
    cached_aggregate("figures", ("other scope", 1), compute)
    cached_aggregate("other_figures", ("scope", 1), compute)
    assert len(calls) == 4


@pytest.mark.django_db
def test_querysets_are_told_apart_by_their_sql_and_an_empty_one_is_not_kept(aggregates_cache):
    calls, compute = counter()
    cached_aggregate("figures", (Organization.objects.filter(pk__in=[1, 2]).values("pk"),), compute)
    cached_aggregate("figures", (Organization.objects.filter(pk__in=[1, 3]).values("pk"),), compute)
    cached_aggregate("figures", (Organization.objects.none(),), compute)
    cached_aggregate("figures", (Organization.objects.none(),), compute)
    assert len(calls) == 4


def test_tests_compute_figures_afresh_by_default():
    calls, compute = counter()
    cached_aggregate("figures", ("scope", 1), compute)
    cached_aggregate("figures", ("scope", 1), compute)
    assert len(calls) == 2


def test_forget_aggregates_makes_every_kept_figure_computed_afresh(aggregates_cache):
    from django.core.management import call_command

    calls, compute = counter()
    cached_aggregate("figures", ("scope", 1), compute)
    call_command("forget_aggregates", stdout=StringIO())
    cached_aggregate("figures", ("scope", 1), compute)
    cached_aggregate("figures", ("scope", 1), compute)
    assert len(calls) == 2
