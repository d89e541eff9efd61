"""The territory page's figures over the whole region are kept a few minutes (issue 18): the share of
trained mentors too, and what is kept is a small plain value."""

import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.selectors import organizations_of
from apps.territory import selectors
from apps.training.selectors import trained_share

pytestmark = pytest.mark.django_db


def test_the_trained_share_is_kept(settings, cast, year):
    settings.CACHES = {
        **settings.CACHES,
        "aggregates": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t18-trained"},
    }
    from django.core.cache import caches

    caches["aggregates"].clear()
    scope = selectors.territory_organizations(user=cast.regional, year=year)
    today = timezone.localdate()
    first = selectors.territory_trained(organizations=scope, today=today)
    with CaptureQueriesContext(connection) as again:
        second = selectors.territory_trained(organizations=scope, today=today)
    assert len(again.captured_queries) == 0
    assert second == first == trained_share(organizations=organizations_of(cast.regional), today=today)
    assert len(pickle.dumps(second)) < 1_000
    caches["aggregates"].clear()
