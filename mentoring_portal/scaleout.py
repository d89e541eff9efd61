"""Settings for several app servers (docs/administration.md «Several app servers»): caches in Redis, a
read replica, uploads on S3-compatible storage. Plain functions of the environment's values, so that
tests build the settings of any deployment without reloading the settings module."""

from django.core.exceptions import ImproperlyConfigured

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
LOCMEM_CACHE = "django.core.cache.backends.locmem.LocMemCache"
REPLICA = "replica"
REPLICA_ROUTER = "apps.core.db_router.ReplicaRouter"
REPLICA_MIDDLEWARE = "apps.core.db_router.PrimaryAfterWriteMiddleware"


def caches_for(*, redis_url: str, aggregates_seconds: int, key_prefix: str = "mentoring") -> dict:
    """CACHES: per process (locmem) without ``redis_url``; otherwise every alias in that Redis, each
    under its own key prefix, so that all instances share the rate-limit counters and compute a
    territory's figures once between them."""
    aliases = {"default": {}, "aggregates": {"TIMEOUT": aggregates_seconds}}
    # Template fragments that depend only on what their key holds (the menu of a set of roles:
    # apps/accounts/templatetags/navigation.py): nothing to invalidate, old keys just age out, so each
    # process keeps its own, even with Redis (a dict read instead of a round trip).
    local = {
        "fragments": {
            "BACKEND": LOCMEM_CACHE,
            "LOCATION": "fragments",
            "TIMEOUT": 24 * 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    if not redis_url:
        return {
            **{
                alias: {"BACKEND": LOCMEM_CACHE, "LOCATION": alias, **extra}
                for alias, extra in aliases.items()
            },
            **local,
        }
    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("REDIS_URL must look like redis://host:6379/0 (or rediss://, unix://).")
    return {
        alias: {
            "BACKEND": REDIS_CACHE,
            "LOCATION": redis_url,
            "KEY_PREFIX": f"{key_prefix}:{alias}",
            # A Redis that does not answer fails the request in seconds, not in minutes.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            **extra,
        }
        for alias, extra in aliases.items()
    } | local


def replica_for(default: dict, replica: dict | None, *, testing: bool) -> dict | None:
    """DATABASES["replica"]: the replica's address with every option of the primary. In tests it is a
    mirror of the test database, so the router's decisions can be tested with one PostgreSQL."""
    if replica is None and not testing:
        return None
    if replica is not None and replica["ENGINE"] != default["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must point to PostgreSQL (postgres://…).")
    address = {key: (replica or default)[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")}
    options = dict(default.get("OPTIONS", {}), **(replica or {}).get("OPTIONS", {}))
    settings = {**default, **address, "OPTIONS": options}
    if testing:
        settings["TEST"] = {"MIRROR": "default"}
    return settings


def s3_storage_for(
    *, bucket: str, endpoint_url: str, access_key: str, secret_key: str, region: str
) -> dict | None:
    """STORAGES["default"] on an S3-compatible server when ``bucket`` is set, else None (MEDIA_ROOT).

    The files are scans of consents and signed orders: the objects are private (no ACL granting
    anyone else), and the portal never links to the bucket — its views read the file and send it
    (FileResponse) after checking the user's rights; a URL the storage would make is signed and short.
    """
    if not bucket:
        return None
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all."
        )
    options = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
        "custom_domain": None,
        "region_name": region or None,
        "endpoint_url": endpoint_url or None,
    }
    if access_key:
        options.update(access_key=access_key, secret_key=secret_key)
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
