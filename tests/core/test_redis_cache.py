"""Caches shared by several app servers (REDIS_URL): what one process keeps, forgets or counts, every
other process sees. Each "process" here is a cache client of its own on the machine's Redis
(TEST_REDIS_URL, DB 15 by default), under a key prefix of this test only, removed afterwards."""

import os
import uuid
from contextlib import contextmanager

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core import ratelimit
from apps.core.cache import cached_aggregate, forget_aggregates
from mentoring_portal.scaleout import caches_for

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def prefix():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.fail(f"Redis at {REDIS_URL} (TEST_REDIS_URL) does not answer: {error}")
    prefix = f"test-{uuid.uuid4().hex}"
    yield prefix
    for key in client.scan_iter(match=f"{prefix}:*", count=500):
        client.delete(key)


@pytest.fixture
def shared(settings, prefix):
    """This process's caches in Redis, as with REDIS_URL (the shared ones; the menu fragments stay local)."""
    settings.CACHES = caches_for(redis_url=REDIS_URL, aggregates_seconds=300, key_prefix=prefix)
    return {
        alias: config for alias, config in settings.CACHES.items() if config["BACKEND"].endswith("RedisCache")
    }


@contextmanager
def another_process(config):
    """Cache clients of their own for every alias, as another app server has on the same Redis."""
    mine = {alias: caches[alias] for alias in config}
    for alias, params in config.items():
        params = dict(params)
        caches[alias] = RedisCache(params.pop("LOCATION"), params)
    try:
        yield
    finally:
        for alias, cache in mine.items():
            caches[alias].close()
            caches[alias] = cache


def counter():
    calls = []

    def compute():
        calls.append(1)
        return {"share": 42.5, "computed": len(calls)}

    return calls, compute


def test_the_settings_put_every_cache_in_redis_under_its_own_prefix(shared):
    assert {alias: type(caches[alias]) for alias in shared} == {
        "default": RedisCache,
        "aggregates": RedisCache,
    }
    assert caches["aggregates"].default_timeout == 300
    caches["default"].set("same", "default")
    caches["aggregates"].set("same", "aggregates")
    assert caches["default"].get("same") == "default"


def test_an_aggregate_computed_by_one_process_is_used_by_another(shared):
    calls, compute = counter()
    assert cached_aggregate("figures", ("scope", 1), compute) == {"share": 42.5, "computed": 1}
    with another_process(shared):
        assert cached_aggregate("figures", ("scope", 1), compute) == {"share": 42.5, "computed": 1}
    assert len(calls) == 1


def test_forgetting_the_aggregates_in_one_process_makes_every_process_compute_afresh(shared):
    _calls, compute = counter()
    cached_aggregate("figures", ("scope",), compute)
    with another_process(shared):
        cached_aggregate("figures", ("scope",), compute)
        forget_aggregates()
    assert cached_aggregate("figures", ("scope",), compute)["computed"] == 2
    with another_process(shared):
        assert cached_aggregate("figures", ("scope",), compute)["computed"] == 2
    forget_aggregates()
    with another_process(shared):
        assert cached_aggregate("figures", ("scope",), compute)["computed"] == 3


def test_forgetting_leaves_the_other_caches_and_other_prefixes_alone(shared, prefix):
    caches["default"].set("kept", 1)
    neighbour = redis.Redis.from_url(REDIS_URL)
    neighbour.set(f"{prefix}-neighbour", 1)
    try:
        forget_aggregates()
        assert caches["default"].get("kept") == 1 and neighbour.get(f"{prefix}-neighbour") == b"1"
    finally:
        neighbour.delete(f"{prefix}-neighbour")


def test_rate_limits_are_counted_across_processes_and_reset_for_all(shared):
    def hit():
        return ratelimit.hit(scope="login", value="10.0.0.1", limit=3, window=60)

    assert hit() and hit()
    with another_process(shared):
        assert hit()  # the third attempt, counted by another app server
        assert not hit()
    assert not hit()
    with another_process(shared):
        ratelimit.reset(scope="login", value="10.0.0.1")
    assert hit()


@pytest.mark.django_db
def test_the_territory_figures_pickle_and_another_process_reads_them_back_equal(shared, cast, year):
    from apps.monitoring.selectors.outcomes import outcome_overview
    from apps.territory import selectors

    def figures():
        organizations = selectors.territory_scope(user=cast.municipal)
        return (
            selectors.indicator(organizations, year),
            selectors.territory_breakdown(organizations=organizations, year=year),
            outcome_overview(user=cast.municipal, year=year),
        )

    def aggregating(queries):
        return [q for q in queries if "GROUP BY" in q["sql"] or "COUNT(" in q["sql"]]

    with CaptureQueriesContext(connection) as computing:
        first = figures()
    with another_process(shared), CaptureQueriesContext(connection) as reading:
        again = figures()
    assert again == first
    assert aggregating(computing) and not aggregating(reading)
