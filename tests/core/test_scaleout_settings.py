"""Settings of several app servers (mentoring_portal/scaleout.py, docs/administration.md): shared caches,
the replica and S3 storage come from the environment; without it, one machine as before."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mentoring_portal.scaleout import caches_for, replica_for, s3_storage_for

ROOT = Path(__file__).resolve().parents[2]
PRIMARY = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "portal",
    "USER": "portal",
    "PASSWORD": "secret",
    "HOST": "10.0.0.1",
    "PORT": 5432,
    "CONN_MAX_AGE": 60,
    "CONN_HEALTH_CHECKS": True,
    "ATOMIC_REQUESTS": False,
    "OPTIONS": {"connect_timeout": 5},
}


def test_without_redis_every_process_keeps_its_own_caches():
    caches = caches_for(redis_url="", aggregates_seconds=300)
    assert {alias: c["BACKEND"].rsplit(".", 1)[1] for alias, c in caches.items()} == {
        "default": "LocMemCache",
        "aggregates": "LocMemCache",
        "fragments": "LocMemCache",
    }
    assert caches["aggregates"]["TIMEOUT"] == 300


def test_with_redis_every_cache_is_shared_under_a_prefix_of_its_own():
    caches = caches_for(redis_url="redis://10.0.0.2:6379/0", aggregates_seconds=120, key_prefix="north")
    # The menu fragments stay in each process: their keys hold all they depend on, nothing to share.
    local = caches.pop("fragments")
    assert local["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert {c["BACKEND"] for c in caches.values()} == {"django.core.cache.backends.redis.RedisCache"}
    assert {c["LOCATION"] for c in caches.values()} == {"redis://10.0.0.2:6379/0"}
    assert [c["KEY_PREFIX"] for c in caches.values()] == ["north:default", "north:aggregates"]
    assert caches["aggregates"]["TIMEOUT"] == 120 and "TIMEOUT" not in caches["default"]


def test_a_redis_url_that_is_no_redis_url_stops_the_start():
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        caches_for(redis_url="10.0.0.2:6379", aggregates_seconds=300)


def test_without_a_replica_in_production_there_is_no_replica_alias():
    assert replica_for(PRIMARY, None, testing=False) is None


def test_the_replica_has_its_own_address_and_every_option_of_the_primary():
    address = {"ENGINE": PRIMARY["ENGINE"], "NAME": "portal", "USER": "reader", "PASSWORD": "r"}
    replica = replica_for(PRIMARY, {**address, "HOST": "10.0.0.3", "PORT": 5433}, testing=False)
    assert (replica["HOST"], replica["PORT"], replica["USER"]) == ("10.0.0.3", 5433, "reader")
    assert replica["CONN_MAX_AGE"] == 60 and replica["OPTIONS"] == {"connect_timeout": 5}
    assert "TEST" not in replica


def test_in_tests_the_replica_mirrors_the_test_database():
    assert replica_for(PRIMARY, None, testing=True)["TEST"] == {"MIRROR": "default"}


def test_a_replica_that_is_not_postgresql_stops_the_start():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URL"):
        replica_for(PRIMARY, {**PRIMARY, "ENGINE": "django.db.backends.sqlite3"}, testing=False)


def test_without_a_bucket_uploads_stay_under_media_root():
    assert s3_storage_for(bucket="", endpoint_url="", access_key="", secret_key="", region="") is None


def test_s3_uploads_are_private_and_never_linked_publicly():
    storage = s3_storage_for(
        bucket="portal", endpoint_url="https://s3.example.ru", access_key="k", secret_key="s", region="ru-1"
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["default_acl"] == "private" and options["querystring_auth"] is True
    assert options["custom_domain"] is None and options["file_overwrite"] is False
    assert (options["endpoint_url"], options["region_name"], options["access_key"]) == (
        "https://s3.example.ru",
        "ru-1",
        "k",
    )


def test_s3_keys_come_in_pairs():
    with pytest.raises(ImproperlyConfigured, match="S3_SECRET_ACCESS_KEY"):
        s3_storage_for(bucket="portal", endpoint_url="", access_key="k", secret_key="", region="")


PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "caches": {a: c["BACKEND"] for a, c in settings.CACHES.items()},
    "databases": sorted(settings.DATABASES),
    "replica_host": settings.DATABASES.get("replica", {}).get("HOST"),
    "routers": settings.DATABASE_ROUTERS,
    "after_write": "apps.core.db_router.PrimaryAfterWriteMiddleware" in settings.MIDDLEWARE,
    "storage": settings.STORAGES["default"]["BACKEND"],
}))
"""


def _settings(**env) -> dict:
    clean = {
        k: v for k, v in os.environ.items() if k != "PYTEST_VERSION" and not k.startswith(("S3_", "REDIS"))
    }
    clean.pop("DATABASE_REPLICA_URL", None)
    clean.update(DEBUG="true", DJANGO_SETTINGS_MODULE="mentoring_portal.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_machine_by_default_and_several_when_the_environment_says_so():
    alone = _settings()
    assert alone == {
        "caches": {
            "default": "django.core.cache.backends.locmem.LocMemCache",
            "aggregates": "django.core.cache.backends.locmem.LocMemCache",
            "fragments": "django.core.cache.backends.locmem.LocMemCache",
        },
        "databases": ["default"],
        "replica_host": None,
        "routers": [],
        "after_write": False,
        "storage": "django.core.files.storage.FileSystemStorage",
    }
    several = _settings(
        REDIS_URL="redis://10.0.0.2:6379/0",
        DATABASE_REPLICA_URL="postgres://reader@10.0.0.3:5432/portal",
        S3_BUCKET="portal",
        S3_ENDPOINT_URL="http://10.0.0.4:9000",
    )
    assert several == {
        "caches": {
            "default": "django.core.cache.backends.redis.RedisCache",
            "aggregates": "django.core.cache.backends.redis.RedisCache",
            "fragments": "django.core.cache.backends.locmem.LocMemCache",
        },
        "databases": ["default", "replica"],
        "replica_host": "10.0.0.3",
        "routers": ["apps.core.db_router.ReplicaRouter"],
        "after_write": True,
        "storage": "storages.backends.s3.S3Storage",
    }
