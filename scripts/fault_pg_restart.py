#!/usr/bin/env python3
"""Fault run (make fault): PostgreSQL stopped for a few seconds under a steady stream of requests.

It builds a throwaway PostgreSQL cluster under var/fault (never touches the system PostgreSQL),
migrates it and loads the demo school, starts gunicorn (2 workers, DEBUG off, a generated
SECRET_KEY) on 127.0.0.1:8115, and lets a few signed-in clients read pages and post program
comments (writes that can be counted). Then it stops PostgreSQL for about 5 s and starts it again.

It asserts that
  * while the database is down every request fails fast with a 503 and a Russian page;
  * after it is back the same gunicorn workers serve again by themselves within a few seconds;
  * every comment that got a success answer is in the database afterwards.
Exit status 0 when all hold; a short report is printed either way.

It must hold on a busy 2-core machine too (CI shares it with whatever else runs), so no limit is a bare
wall-clock figure of an idle machine:
  * each phase lasts until it has seen enough requests (at least its nominal seconds, at most a ceiling),
    instead of counting what fits in a fixed time;
  * «fast» is measured against the machine's own pace in the run: a request while the database is down
    may take at most three times the slowest request before the stop (never less than 2 s), and always
    less than half the database connect timeout (DB_CONNECT_TIMEOUT, 10 s here), which a request
    waiting for the database would run into; the absolute pace of pages is `make bench`'s business.
"""

from __future__ import annotations

import glob
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIR = ROOT / "var" / "fault"
DATA = DIR / "pg"
SOCK = DIR / "run"
PY = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
HTTP_PORT = int(os.environ.get("FAULT_HTTP_PORT", "8115"))
CLIENTS = 4
WARMUP_S = 4.0
DOWN_S = 5.0
AFTER_S = 8.0
PHASE_CEILING_S = 40.0  # a phase waits at most this long for its minimum number of requests
MIN_REQUESTS = 12  # requests each phase must see (before, while down, after recovery)
FAIL_FAST_S = 2.0  # the floor of the fail-fast limit (the idle machine's figure)
DB_CONNECT_TIMEOUT_S = 10  # passed to the portal: a request waiting for the database would take this long
RECOVER_WITHIN_S = 5.0  # the floor of the recovery limit
DBNAME = "mentoring_portal"
DEMO_PASSWORD = "demo2026"
UNAVAILABLE_TEXT = "временно недоступ"  # the Russian 503 page says the service is temporarily unavailable


# PostgreSQL --------------------------------------------------------------------------------------


def pg_bindir() -> Path:
    if shutil.which("pg_config"):
        bindir = Path(subprocess.check_output(["pg_config", "--bindir"], text=True).strip())
        if (bindir / "pg_ctl").exists():
            return bindir
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    sys.exit("PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 15.")


def as_owner(cmd: list) -> list:
    """initdb and postgres refuse to run as root: run them as the postgres user then."""
    cmd = [str(c) for c in cmd]
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self):
        self.bin = pg_bindir()
        self.port = free_port()
        self.url = f"postgres://postgres@{HOST}:{self.port}/{DBNAME}"

    def init(self) -> None:
        shutil.rmtree(DIR, ignore_errors=True)
        SOCK.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(DIR, "postgres")
            shutil.chown(SOCK, "postgres")
        subprocess.run(
            as_owner(
                [
                    self.bin / "initdb",
                    "-D",
                    DATA,
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.start()
        subprocess.run(
            as_owner([self.bin / "createdb", "-h", HOST, "-p", self.port, "-U", "postgres", DBNAME]),
            check=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {SOCK} -c listen_addresses={HOST} -c fsync=off -c full_page_writes=off"
        subprocess.run(
            as_owner(
                [self.bin / "pg_ctl", "-D", DATA, "-l", DIR / "postgres.log", "-w", "-o", options, "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        subprocess.run(
            as_owner([self.bin / "pg_ctl", "-D", DATA, "-m", "fast", "-w", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def query(self, sql: str) -> list[str]:
        out = subprocess.check_output(
            as_owner(
                [self.bin / "psql", "-h", HOST, "-p", self.port, "-U", "postgres", "-Atqc", sql, DBNAME]
            ),
            text=True,
        )
        return out.splitlines()


# HTTP client -------------------------------------------------------------------------------------


@dataclass
class Result:
    kind: str  # "read" or "write"
    started: float
    ended: float
    status: int  # 0: no answer (connection error or timeout)
    body: str = ""
    text: str = ""  # the comment posted, for writes

    @property
    def seconds(self) -> float:
        return self.ended - self.started


@dataclass
class Session:
    cookies: dict = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict | None = None, timeout: float = 15.0):
        conn = http.client.HTTPConnection(HOST, HTTP_PORT, timeout=timeout)
        headers = {"Host": f"{HOST}:{HTTP_PORT}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{HTTP_PORT}{path}"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.getheader("Location") or "", data
        finally:
            conn.close()

    def csrf(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, "no CSRF token on the page"
        return match.group(1)

    def sign_in(self, username: str) -> None:
        status, _, html = self.request("GET", "/login/")
        assert status == 200, f"login page: {status}"
        status, location, _ = self.request(
            "POST",
            "/login/",
            {"csrfmiddlewaretoken": self.csrf(html), "username": username, "password": DEMO_PASSWORD},
        )
        assert status == 302 and "/login/" not in location, f"sign-in of {username} failed: {status}"


def find_commentable_program(session: Session) -> int:
    status, _, html = session.request("GET", "/programs/")
    assert status == 200, f"/programs/: {status}"
    for pk in dict.fromkeys(re.findall(r'href="/programs/(\d+)/"', html)):
        status, _, page = session.request("GET", f"/programs/{pk}/")
        if status == 200 and f"/programs/{pk}/comment/" in page:
            return int(pk)
    raise AssertionError("no program the curator may comment on")


class Load:
    """CLIENTS threads, each signed in, alternating a page read and a comment write."""

    def __init__(self, program: int):
        self.program = program
        self.results: list[Result] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.counter = 0

    def next_text(self) -> str:
        with self.lock:
            self.counter += 1
            return f"fault-run {self.counter:05d}"

    def run_client(self, n: int) -> None:
        session = Session()
        session.sign_in("curator")
        _, _, page = session.request("GET", f"/programs/{self.program}/")
        token = session.csrf(page)
        write = n % 2 == 0
        while not self.stop.is_set():
            text = self.next_text() if write else ""
            started = time.monotonic()
            try:
                if write:
                    status, _, body = session.request(
                        "POST",
                        f"/programs/{self.program}/comment/",
                        {"csrfmiddlewaretoken": token, "text": text},
                    )
                else:
                    status, _, body = session.request("GET", "/")
            except OSError as exc:
                status, body = 0, repr(exc)
            result = Result("write" if write else "read", started, time.monotonic(), status, body, text)
            with self.lock:
                self.results.append(result)
            write = not write
            time.sleep(0.05)

    def ok(self, r: Result) -> bool:
        return r.status == (302 if r.kind == "write" else 200)

    def wait_for(self, seconds: float, counts) -> None:
        """Let the clients run for ``seconds``, and on until MIN_REQUESTS results satisfy ``counts`` (a busy
        machine answers fewer requests a second), but no longer than PHASE_CEILING_S."""
        began = time.monotonic()
        while True:
            time.sleep(0.2)
            elapsed = time.monotonic() - began
            with self.lock:
                seen = sum(1 for r in self.results if counts(r))
            if (elapsed >= seconds and seen >= MIN_REQUESTS + 2) or elapsed >= PHASE_CEILING_S:
                return


# The run -----------------------------------------------------------------------------------------


def main() -> int:
    # Killed from outside (CI timeout, Ctrl-C): still stop gunicorn and the cluster in `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not GUNICORN.exists():
        sys.exit("Run `make install` first (.venv/bin/gunicorn missing).")
    cluster = Cluster()
    env = {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        # Plain HTTP on the loopback: no TLS redirect, cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(DIR / "static"),
        "MEDIA_ROOT": str(DIR / "media"),
        "LOG_LEVEL": "CRITICAL",
        "DB_CONNECT_TIMEOUT": str(DB_CONNECT_TIMEOUT_S),
    }
    env.pop("PYTEST_VERSION", None)
    gunicorn = None
    try:
        t = time.monotonic()
        print(f"Fault run: throwaway PostgreSQL on {HOST}:{cluster.port}, gunicorn on {HOST}:{HTTP_PORT}")
        cluster.init()
        manage = [str(PY), str(ROOT / "manage.py")]
        quiet = {"env": env, "cwd": ROOT, "check": True, "stdout": subprocess.DEVNULL}
        subprocess.run([*manage, "migrate", "--noinput"], **quiet)
        subprocess.run([*manage, "collectstatic", "--noinput"], **quiet)
        subprocess.run([*manage, "seed_demo"], **quiet)
        print(f"  cluster, migrations, static files, demo data: {time.monotonic() - t:.1f} s")

        log = open(DIR / "gunicorn.log", "w")  # noqa: SIM115
        gunicorn = subprocess.Popen(
            [
                GUNICORN,
                "mentoring_portal.wsgi",
                "--workers",
                "2",
                "--bind",
                f"{HOST}:{HTTP_PORT}",
                "--timeout",
                "30",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                if Session().request("GET", "/login/", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if gunicorn.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"gunicorn did not start, see {DIR / 'gunicorn.log'}")
            time.sleep(0.2)
        workers_before = worker_pids(gunicorn.pid)

        admin = Session()
        admin.sign_in("curator")
        program = find_commentable_program(admin)
        load = Load(program)
        threads = [threading.Thread(target=load.run_client, args=(n,), daemon=True) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()

        load.wait_for(WARMUP_S, lambda r: True)
        stop_begin = time.monotonic()
        cluster.stop()
        stop_end = time.monotonic()
        load.wait_for(DOWN_S, lambda r: r.started >= stop_end)
        start_begin = time.monotonic()
        cluster.start()
        start_end = time.monotonic()
        load.wait_for(AFTER_S, lambda r: r.started >= start_end and load.ok(r))
        load.stop.set()
        for thread in threads:
            thread.join(timeout=20)
        workers_after = worker_pids(gunicorn.pid)

        timeline = (stop_begin, stop_end, start_begin, start_end)
        return report(load, cluster, program, timeline, workers_before, workers_after)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=10)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        cluster.stop()
        shutil.rmtree(DATA, ignore_errors=True)


def worker_pids(master: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


def report(load, cluster, program, timeline, workers_before, workers_after) -> int:
    stop_begin, stop_end, start_begin, start_end = timeline
    results = sorted(load.results, key=lambda r: r.started)
    failures = []

    def check(condition: bool, message: str) -> None:
        print(("  ok    " if condition else "  FAIL  ") + message)
        if not condition:
            failures.append(message)

    warm = [r for r in results if r.ended < stop_begin]
    down = [r for r in results if r.started >= stop_end and r.ended <= start_begin]
    after = [r for r in results if r.started >= start_end]
    recovered = next((r for r in after if load.ok(r)), None)
    recovery_s = recovered.ended - start_end if recovered else float("inf")
    settled = [r for r in after if recovered and r.started >= recovered.ended]

    # The machine's own pace before the stop: the limits scale with it (see the module's docstring).
    warm_slowest = max((r.seconds for r in warm), default=0.0)
    fail_fast_s = min(DB_CONNECT_TIMEOUT_S / 2, max(FAIL_FAST_S, 3 * warm_slowest))
    recover_within_s = max(RECOVER_WITHIN_S, 5 * warm_slowest)
    print(f"Requests: {len(results)} ({sum(r.kind == 'write' for r in results)} writes), program {program}")
    print(
        f"  slowest request before the stop {warm_slowest:.2f} s: fail-fast limit {fail_fast_s:.2f} s, "
        f"recovery limit {recover_within_s:.2f} s"
    )
    print(
        f"  PostgreSQL stopped in {stop_end - stop_begin:.1f} s, down {start_begin - stop_end:.1f} s, "
        f"started in {start_end - start_begin:.1f} s"
    )
    check(len(warm) > 10 and all(map(load.ok, warm)), f"before the stop all {len(warm)} requests succeeded")
    slowest = max((r.seconds for r in down), default=0.0)
    statuses = sorted({r.status for r in down})
    check(len(down) >= MIN_REQUESTS - 2, f"{len(down)} requests while PostgreSQL was down")
    check(all(r.status == 503 for r in down), f"while down every answer was 503 (statuses seen: {statuses})")
    check(
        slowest < fail_fast_s, f"while down the slowest answer took {slowest:.2f} s (limit {fail_fast_s:.2f})"
    )
    wrong_page = next((r for r in down if UNAVAILABLE_TEXT not in r.body), None)
    check(
        wrong_page is None,
        f"while down the answer was the Russian page («…{UNAVAILABLE_TEXT}…»)"
        + (f"; got {wrong_page.status}: {wrong_page.body[:120]!r}" if wrong_page else ""),
    )
    hung = max(results, key=lambda r: r.seconds)
    check(
        hung.seconds < DB_CONNECT_TIMEOUT_S,
        f"no request hung: the slowest of the run took {hung.seconds:.2f} s (limit {DB_CONNECT_TIMEOUT_S} s)",
    )
    check(
        recovery_s < recover_within_s,
        f"first success {recovery_s:.2f} s after PostgreSQL was ready (limit {recover_within_s:.2f} s)",
    )
    check(
        len(settled) > 10 and all(load.ok(r) for r in settled),
        f"after recovery all {len(settled)} requests succeeded",
    )
    check(
        workers_before == workers_after and len(workers_after) == 2,
        f"gunicorn workers not restarted ({sorted(workers_before)} → {sorted(workers_after)})",
    )

    acknowledged = {r.text for r in results if r.kind == "write" and load.ok(r)}
    stored = set(cluster.query("select text from programs_programcomment where text like 'fault-run %'"))
    lost = acknowledged - stored
    lost_text = ", ".join(sorted(lost)[:5]) or "none"
    check(not lost, f"{len(acknowledged)} acknowledged writes, {len(stored)} stored, lost: {lost_text}")

    print("Fault run: " + ("PASSED" if not failures else f"FAILED ({len(failures)} checks)"))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
