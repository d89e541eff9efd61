"""The portal scaled out (issue 18, README «Scaling out»), on the running cluster of scripts/cluster.sh:
two gunicorn instances (A, B) behind nginx, a PostgreSQL primary with a streaming hot-standby replica,
one Redis. Each test would fail if the part it checks were per instance: a session or a file kept by
one process, a cache per process, territory pages read from the primary, a request lost with an
instance. `make cluster-test` runs them; `make test` leaves them out (they need the cluster)."""

import os
import pickle
import re
import secrets
import signal
import struct
import threading
import time
import zlib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from .client import Browser, form_fields
from .conftest import poll, start_instance

pytestmark = pytest.mark.cluster

PRIMARY_READS_COOKIE = "primary_reads_until"  # apps/core/db_router.PRIMARY_COOKIE
SCHOOL = "МБОУ СОШ № 7"  # seed_demo's school of `curator` and `mentor`, in `municipal`'s город Сургут
MUNICIPALITY = "город Сургут"


def upstream(response) -> str:
    """The instance that answered through nginx (the last address when nginx went on to the next)."""
    return response.headers.get("X-Upstream", "").split(",")[-1].strip()


def host_port(url: str) -> str:
    return url.removeprefix("http://")


def png(marker: bytes) -> bytes:
    """A 1×1 PNG whose bytes carry ``marker`` (a tEXt chunk): a file no other test run uploaded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", b"Comment\x00" + marker)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


# (a) Sessions ----------------------------------------------------------------------------------------


def test_a_session_made_through_one_instance_works_through_the_other(cluster, sign_in):
    on_a = sign_in("curator", cluster.a_url)
    on_b = on_a.at(cluster.b_url)

    page = on_b.get("/")
    assert page.status == 200 and page.url == cluster.b_url + "/", f"B did not know A's session: {page.url}"
    assert f"{SCHOOL} · Куратор наставничества" in page.text

    # Signing out through B ends the session for A too.
    logout = on_b.post("/logout/", form_fields(page.text, lambda attrs: attrs.get("action") == "/logout/"))
    assert logout.status == 200 and logout.url.endswith("/login/")
    assert on_a.get("/").url.endswith("/login/?next=/")


# (b) Uploads --------------------------------------------------------------------------------------------


def test_an_upload_through_one_instance_is_downloaded_through_the_other(cluster, sign_in):
    on_a = sign_in("mentor", cluster.a_url)
    program = re.search(r'href="/programs/(\d+)/', on_a.get("/programs/").text).group(1)
    form = on_a.get(f"/programs/{program}/log/add/")
    fields = form_fields(form.text, lambda attrs: attrs.get("enctype") == "multipart/form-data")
    marker = secrets.token_hex(8)
    fields["notes"] = f"Проверка кластера {marker}"
    content = png(marker.encode())
    answer = on_a.post(
        f"/programs/{program}/log/add/",
        fields,
        files={"files": (f"cluster-{marker}.png", "image/png", content)},
    )
    assert answer.status == 200 and "/log/add/" not in answer.url, "the log entry with the file was refused"

    on_b = on_a.at(cluster.b_url)
    log = on_b.get(f"/programs/{program}/log/")
    links = {
        name: file_id
        for file_id, name in re.findall(r'href="/programs/files/(\d+)/"[^>]*>(.*?)</a>', log.text, re.S)
        if marker in name
    }
    assert len(links) == 1, "B's log does not list the file uploaded through A"
    download = on_b.get(f"/programs/files/{links.popitem()[1]}/")
    assert download.status == 200
    assert download.body == content


# (c) The aggregates' cache ----------------------------------------------------------------------------


def test_an_aggregate_computed_by_one_instance_is_read_from_redis_by_the_other(cluster, sign_in, redis_cli):
    """A reads the whole municipality's kept figures (its indicator among them) and stores them in
    Redis; the value there is then altered by hand, and B shows the altered figure: B read A's value from
    Redis and did not read or compute its own."""
    pattern = "*territory_kept:*"
    for key in redis_cli.keys(pattern):
        redis_cli.delete(key)
    on_a = sign_in("municipal", cluster.a_url)
    on_b = on_a.at(cluster.b_url)
    forged = 9137  # organisations «утвердили Положение»: no territory of the demo has that many
    try:
        page = on_a.get("/territory/")
        assert page.status == 200 and f"<b>{forged}</b>" not in page.text
        keys = redis_cli.keys(pattern)
        assert keys, "A's territory page left no aggregate in Redis (a cache per process?)"
        for key in keys:
            kept = pickle.loads(redis_cli.get(key))  # Django's RedisSerializer: pickle but for an int
            # apps/core/cache.py keeps (the moment the figures were read, the figures), or the figures.
            figures = kept[-1] if isinstance(kept, tuple) else kept
            figures["indicator"]["with_regulation"] = forged
            redis_cli.set(key, pickle.dumps(kept))

        page = on_b.get("/territory/")
        assert page.status == 200
        assert f"<b>{forged}</b>" in page.text, "B computed the indicator itself instead of reading Redis"
    finally:
        for key in redis_cli.keys(pattern):
            redis_cli.delete(key)
    assert f"<b>{forged}</b>" not in on_b.get("/territory/").text


# (d) The replica ---------------------------------------------------------------------------------------


def test_the_territory_page_reads_from_the_replica(cluster, sign_in, primary, replica):
    """With the replica's replay paused, a renamed school shows on a page of the primary (the curator's
    home page) but not on the territory page, on either instance; once replay resumes it shows there."""
    municipal = sign_in("municipal")
    curator = sign_in("curator")
    # A user's own write (signing in is a POST) keeps her reads on the primary for a few seconds
    # (apps/core/db_router.py, a cookie with the moment it ends): let that pass, as a reader would.
    until = max((float(c.value) for c in municipal.jar if c.name == PRIMARY_READS_COOKIE), default=0)
    poll(
        lambda: time.time() > until + 0.5,
        timeout=120,
        what="the reads after the sign-in to leave the primary",
    )
    on_a, on_b = municipal.at(cluster.a_url), municipal.at(cluster.b_url)
    assert SCHOOL in on_a.get("/territory/").text
    renamed = f"{SCHOOL} (реплика {secrets.token_hex(4)})"

    with primary.cursor() as p, replica.cursor() as r:
        # seed_demo's school (make load CLUSTER=1 adds a region with schools of the same name).
        p.execute(
            "SELECT o.id FROM organizations_organization o JOIN organizations_municipality m"
            " ON m.id = o.municipality_id WHERE o.short_name = %s AND m.name = %s",
            (SCHOOL, MUNICIPALITY),
        )
        ((school,),) = p.fetchall()
        r.execute("SELECT pg_is_in_recovery()")
        assert r.fetchone()[0], "the replica is not a standby"
        try:
            r.execute("SELECT pg_wal_replay_pause()")
            r.execute("SELECT pg_get_wal_replay_pause_state()")
            # «pause requested» already stops replay before the next record; «paused» once it stopped.
            assert r.fetchone()[0] in ("paused", "pause requested")
            p.execute(
                "UPDATE organizations_organization SET short_name = %s WHERE id = %s", (renamed, school)
            )

            assert renamed in curator.get("/").text, "the primary's page does not show the new name"
            for instance in (on_a, on_b):
                page = instance.get("/territory/")
                assert page.status == 200
                assert renamed not in page.text, f"{instance.base_url} read the territory from the primary"
                assert SCHOOL in page.text

            r.execute("SELECT pg_wal_replay_resume()")
            for instance in (on_a, on_b):
                poll(
                    lambda instance=instance: renamed in instance.get("/territory/").text,
                    timeout=60,
                    every=0.5,
                    what=f"the new name on {instance.base_url}'s territory page after replay resumed",
                )
        finally:
            r.execute("SELECT pg_wal_replay_resume()")
            p.execute("UPDATE organizations_organization SET short_name = %s WHERE id = %s", (SCHOOL, school))


def _streaming(r) -> bool:
    r.execute("SELECT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')")
    return r.fetchone()[0]


MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
CUT_OFF_NOTE = re.compile(
    r"Связь с основной базой данных прервана: показатели могут быть устаревшими — "
    r"данные на (\d\d):(\d\d) (\d{1,2}) (" + "|".join(MONTHS) + r")\."
)


def test_a_replica_cut_off_from_the_primary_says_its_figures_may_be_older(cluster, sign_in, primary, replica):
    """The replica's WAL receiver stopped (its primary_conninfo pointed nowhere, as when the primary is out of
    reach): it has replayed all it received, yet the primary goes on writing. The territory page, read from
    the replica, says its figures may be older, with the time of the last transaction the replica replayed
    (or of an older kept aggregate); once the receiver streams again the note is the usual one."""
    municipal = sign_in("municipal")
    until = max((float(c.value) for c in municipal.jar if c.name == PRIMARY_READS_COOKIE), default=0)
    poll(
        lambda: time.time() > until + 0.5,
        timeout=120,
        what="the reads after the sign-in to leave the primary",
    )
    renamed = f"{SCHOOL} (отрезана {secrets.token_hex(4)})"
    with primary.cursor() as p, replica.cursor() as r:
        p.execute(
            "SELECT o.id FROM organizations_organization o JOIN organizations_municipality m"
            " ON m.id = o.municipality_id WHERE o.short_name = %s AND m.name = %s",
            (SCHOOL, MUNICIPALITY),
        )
        ((school,),) = p.fetchall()
        r.execute("SHOW primary_conninfo")
        (conninfo,) = r.fetchone()
        assert conninfo and _streaming(r), "the replica does not stream from the primary"
        try:
            r.execute(
                "ALTER SYSTEM SET primary_conninfo = %s",
                ("host=127.0.0.1 port=1 user=replicator connect_timeout=1",),
            )
            r.execute("SELECT pg_reload_conf()")
            poll(lambda: not _streaming(r), timeout=60, what="the replica's WAL receiver to stop")
            r.execute("SELECT pg_last_xact_replay_timestamp()")
            (replayed_at,) = r.fetchone()
            assert replayed_at is not None
            # A change on the primary the replica never receives.
            p.execute(
                "UPDATE organizations_organization SET short_name = %s WHERE id = %s", (renamed, school)
            )

            page = municipal.get("/territory/")
            assert page.status == 200 and renamed not in page.text
            note = CUT_OFF_NOTE.search(page.text)
            assert note, "the page does not say the replica is cut off"
            shown = replayed_at.astimezone(ZoneInfo("Europe/Moscow"))  # the cluster's TIME_ZONE (default)
            hour, minute, day, month = int(note[1]), int(note[2]), int(note[3]), MONTHS.index(note[4]) + 1
            # The last replayed transaction, or an older aggregate kept (for at most 5 minutes).
            assert (month, day, hour, minute) <= (shown.month, shown.day, shown.hour, shown.minute)
        finally:
            r.execute("ALTER SYSTEM SET primary_conninfo = %s", (conninfo,))
            r.execute("SELECT pg_reload_conf()")
            poll(lambda: _streaming(r), timeout=120, every=0.5, what="the replica to stream again")
            p.execute("UPDATE organizations_organization SET short_name = %s WHERE id = %s", (SCHOOL, school))
        poll(
            lambda: "Связь с основной базой данных прервана" not in municipal.get("/territory/").text,
            timeout=60,
            every=0.5,
            what="the usual note once the replica streams again",
        )


# (e) An instance stopped under load ---------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class Stream:
    """Signed-in readers sending GETs of the home page through nginx, one after another, until stopped;
    every answer (or error) is kept with the time and the instance that served it."""

    def __init__(self, clients: list[Browser]):
        self.results: list[tuple[float, object, str]] = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._read, args=(c,), daemon=True) for c in clients]

    def _read(self, client: Browser) -> None:
        while not self.stop.is_set():
            try:
                answer = client.get("/")
                # A 200 of the home page itself: a redirect to the login page would be a lost session.
                ok = answer.status == 200 and answer.url == client.base_url + "/"
                status = answer.status if ok else f"{answer.status} {answer.url}"
                self.results.append((time.monotonic(), status, upstream(answer)))
            except Exception as error:  # every failure is a lost request, reported by the test
                self.results.append((time.monotonic(), repr(error), ""))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)

    def wait_for(self, more: int) -> None:
        target = len(self.results) + more
        poll(lambda: len(self.results) >= target, timeout=180, what=f"{more} more answers through nginx")


@pytest.mark.parametrize(
    ("victim", "how"),
    [("a", signal.SIGTERM), ("b", signal.SIGKILL)],
    ids=["gunicorn A stopped (TERM)", "gunicorn B killed (KILL)"],
)
def test_stopping_one_instance_loses_no_request(cluster, sign_in, victim, how):
    """TERM: gunicorn stops accepting and finishes what it has; KILL: connections die mid-request. nginx
    sends every GET that failed on the victim to the other instance: each answer is a 200."""
    victim_addr = host_port(getattr(cluster, f"{victim}_url"))
    pidfile = Path(getattr(cluster, f"{victim}_pidfile"))
    master = int(pidfile.read_text())
    clients = [sign_in("curator") for _ in range(3)]
    try:
        with Stream(clients) as stream:
            stream.wait_for(20)
            before = list(stream.results)
            pids = [master] if how == signal.SIGTERM else [master, *_children(master)]
            for pid in pids:
                os.kill(pid, how)
            poll(lambda: not any(_alive(pid) for pid in pids), timeout=90, what=f"gunicorn {victim} to exit")
            gone = time.monotonic()
            stream.wait_for(20)
        lost = [(status, served_by) for _t, status, served_by in stream.results if status != 200]
        assert not lost, f"{len(lost)} of {len(stream.results)} requests lost: {lost[:5]}"
        assert any(served_by == victim_addr for _t, _s, served_by in before), (
            "the victim served nothing before"
        )
        after = [served_by for t, _s, served_by in stream.results if t > gone]
        assert after and victim_addr not in after
    finally:
        start_instance(cluster, victim)
    # Back in the upstream: nginx sends to it again once its fail_timeout passed.
    reader = clients[0]
    poll(
        lambda: upstream(reader.get("/")) == victim_addr,
        timeout=90,
        every=0.5,
        what=f"{victim} serving again",
    )
