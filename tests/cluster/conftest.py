"""The running cluster of `make cluster` (scripts/cluster.sh), read from var/cluster/cluster.env.

Every test here is marked ``cluster``: `make cluster-test` starts the cluster, runs them and stops it;
`make test` leaves them out. They talk to nginx, the two gunicorn instances, both PostgreSQL servers
and Redis over the network only."""

import os
import subprocess
import time
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

import psycopg2
import pytest

from .client import Browser

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo2026"  # every demo user's (README «Roles and demo logins»)


def poll(check, *, timeout: float = 60, every: float = 0.25, what: str = "the condition"):
    """``check()``'s first truthy value, tried until ``timeout``: no fixed sleeps on a busy machine."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not hold within {timeout:g} s")
        time.sleep(every)


@pytest.fixture(autouse=True)
def _test_data():
    """Not the suite's: that one clears every cache, and with REDIS_URL in the environment the cache
    would be the cluster's Redis database. Nothing here touches Django's caches or database."""


@pytest.fixture(autouse=True)
def _test_settings():
    """Not the suite's: the settings of this process play no part, the cluster runs its own."""


@pytest.fixture(scope="session")
def cluster():
    env_file = Path(os.environ.get("CLUSTER_DIR", ROOT / "var" / "cluster")) / "cluster.env"
    if not env_file.exists():
        pytest.fail(f"{env_file} is missing: start the cluster first (make cluster, or make cluster-test)")
    values = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
    ns = SimpleNamespace(**{key.removeprefix("CLUSTER_").lower(): value for key, value in values.items()})
    ns.script = ROOT / "scripts" / "cluster.sh"
    return ns


@pytest.fixture
def primary(cluster):
    connection = psycopg2.connect(cluster.primary_url, connect_timeout=10)
    connection.autocommit = True
    yield connection
    connection.close()


@pytest.fixture
def replica(cluster):
    connection = psycopg2.connect(cluster.replica_url, connect_timeout=10)
    connection.autocommit = True
    yield connection
    connection.close()


class RedisCli:
    """The cluster's Redis database through Debian's ``redis-cli`` (binary-safe with ``--raw`` and ``-x``)."""

    def __init__(self, url: str):
        address = urllib.parse.urlsplit(url)
        self.args = ["redis-cli", "-h", address.hostname, "-p", str(address.port or 6379)]
        self.args += ["-n", address.path.strip("/") or "0"]

    def _run(self, *args: str, stdin: bytes | None = None) -> bytes:
        return subprocess.run(
            [*self.args, *args], input=stdin, capture_output=True, check=True, timeout=30
        ).stdout

    def keys(self, pattern: str) -> list[str]:
        return [key for key in self._run("--scan", "--pattern", pattern).decode().splitlines() if key]

    def get(self, key: str) -> bytes:
        return self._run("--raw", "GET", key).removesuffix(b"\n")  # --raw ends the value with a newline

    def set(self, key: str, value: bytes) -> None:
        self._run("-x", "SET", key, stdin=value)

    def delete(self, key: str) -> None:
        self._run("DEL", key)


@pytest.fixture
def redis_cli(cluster):
    return RedisCli(cluster.redis_url)


@pytest.fixture
def sign_in(cluster):
    """``sign_in(username)``: a browser signed in through nginx (or through ``base_url``)."""

    def signed_in(username: str, base_url: str | None = None) -> Browser:
        b = Browser(base_url or cluster.url)
        b.login(username, PASSWORD)
        return b

    return signed_in


def start_instance(cluster, name: str) -> None:
    """Start gunicorn instance ``name`` (a or b) again after a test stopped it."""
    subprocess.run([str(cluster.script), "instance", name], check=True, timeout=180)
