"""CPU time per request of the load mix, in-process (issue 18).

    python -m bench.cpu [--rounds N] [--profile PATH] [--top N] [--templates]

The 25 pages of ``make load`` (bench/pages.py, each with a signed-in session of its role, as
bench/sessions.py makes them) are requested in the same order through the portal's WSGI application
with the production settings of bench/load.sh (``DEBUG=false``, the manifest static storage), without
gunicorn and wrk. For each page: the CPU time of this process (``time.process_time``: Python, the
templates, the database driver) and of the PostgreSQL backend serving it (read from /proc, as both run on
this machine), the median over the rounds. On a shared machine these are the figures to compare changes
by: the wall time depends on the other jobs, the CPU time hardly.

``--profile PATH`` runs the measured rounds under cProfile and writes the stats (``python -m pstats``,
snakeviz); ``--top N`` prints the functions with most own time and the share of each package.
``--templates`` prints the CPU time spent in each template (own time, without the templates it includes).
"""

import argparse
import io
import os
import secrets
import statistics
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def production_environment() -> None:
    """The environment of bench/load.sh: production settings, plain HTTP on the loopback."""
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "BEHIND_TLS_PROXY"):
        os.environ[name] = "false"
    os.environ["SECURE_HSTS_SECONDS"] = "0"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "mentoring_portal.settings"


def backend_cpu_seconds(connection) -> float:
    """CPU time (user + system) of the PostgreSQL backend of ``connection`` so far; 0 when unreadable."""
    raw = getattr(connection, "connection", None)
    pid = getattr(getattr(raw, "info", None), "backend_pid", None)
    if not pid:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def make_environ(session_key: str, path: str) -> dict:
    """What gunicorn hands to the application for wrk's request."""
    path_info, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8112",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "REMOTE_PORT": "40000",
        "HTTP_HOST": "127.0.0.1:8112",
        "HTTP_COOKIE": f"sessionid={session_key}",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(application, session_key: str, path: str) -> tuple[str, int]:
    status = []

    def start_response(line, headers, exc_info=None):
        status.append(line)

    result = application(make_environ(session_key, path), start_response)
    try:
        size = sum(len(chunk) for chunk in result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return status[0], size


class TemplateTimer:
    """Own CPU time of each template (its nodes, without the templates it includes or extends into)."""

    def __init__(self):
        self.own = defaultdict(float)
        self.calls = defaultdict(int)
        self.stack = []

    def install(self):
        from django.template import base

        original = base.Template._render
        timer = self

        def _render(template, context):
            name = template.origin.template_name if template.origin else "<string>"
            started = time.process_time()
            timer.stack.append(0.0)
            try:
                return original(template, context)
            finally:
                spent = time.process_time() - started
                children = timer.stack.pop()
                timer.own[str(name)] += spent - children
                timer.calls[str(name)] += 1
                if timer.stack:
                    timer.stack[-1] += spent

        base.Template._render = _render


def package_of(filename: str) -> str:
    """A short name of where a function lives: the app, the library, or the standard library."""
    path = filename.replace("\\", "/")
    if "/site-packages/" in path:
        parts = path.split("/site-packages/", 1)[1].split("/")
        if parts[0] == "django" and len(parts) > 2:
            return f"django.{parts[1]}" + (f".{parts[2]}" if parts[1] in ("contrib",) else "")
        return parts[0].removesuffix(".py")
    if str(ROOT) in path:
        relative = path.split(str(ROOT) + "/", 1)[1].split("/")
        return "/".join(relative[:2]) if relative[0] in ("apps", "bench") else relative[0]
    if path.startswith("~") or path.startswith("<"):
        return "builtins"
    return "stdlib"


def print_profile(stats, top: int, requests: int) -> None:
    import pstats

    st = pstats.Stats(stats)
    total = sum(value[2] for value in st.stats.values())  # own time of every function
    by_package = defaultdict(float)
    for (filename, _line, _name), value in st.stats.items():
        by_package[package_of(filename)] += value[2]
    print(f"\nOwn time by package ({total / requests * 1000:.1f} ms profiled per request):")
    for package, own in sorted(by_package.items(), key=lambda item: -item[1])[:top]:
        print(f"  {own / total * 100:5.1f} %  {own / requests * 1000:6.2f} ms  {package}")
    print(f"\nFunctions by own time (top {top}):")
    rows = sorted(st.stats.items(), key=lambda item: -item[1][2])[:top]
    for (filename, line, name), value in rows:
        print(
            f"  {value[2] / total * 100:5.1f} % own  {value[3] / total * 100:5.1f} % cum  "
            f"{value[1] / requests:7.1f} calls/req  {name}  {package_of(filename)}:{line}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10, help="measured rounds over the mix (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="rounds before measuring (default 2)")
    parser.add_argument("--profile", metavar="PATH", help="run the measured rounds under cProfile")
    parser.add_argument("--top", type=int, default=30, help="rows of the profile summary (default 30)")
    parser.add_argument("--templates", action="store_true", help="own CPU time of each template")
    parser.add_argument("--only", help="only the pages whose name contains this text")
    args = parser.parse_args(argv)

    production_environment()
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    from .sessions import session_lines

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    application = get_wsgi_application()
    mix = [line for line in session_lines() if not args.only or args.only in line[0]]
    timer = TemplateTimer() if args.templates else None

    for _ in range(args.warmup):
        for _name, key, path in mix:
            line, _size = request(application, key, path)
            if not line.startswith("200"):
                sys.exit(f"{path}: {line}")
    if timer:
        timer.install()

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU, not the waits for PostgreSQL
    python = defaultdict(list)
    database = defaultdict(list)
    wall = defaultdict(list)
    sizes = {}
    for _ in range(args.rounds):
        for name, key, path in mix:
            connection.ensure_connection()
            db_before = backend_cpu_seconds(connection)
            wall_before, cpu_before = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            _line, sizes[name] = request(application, key, path)
            if profiler:
                profiler.disable()
            python[name].append(time.process_time() - cpu_before)
            wall[name].append(time.perf_counter() - wall_before)
            connection.ensure_connection()
            database[name].append(max(0.0, backend_cpu_seconds(connection) - db_before))

    print(f"{'page':34} {'py CPU ms':>10} {'PG CPU ms':>10} {'wall ms':>8} {'KiB':>6}")
    for name, _key, _path in mix:
        print(
            f"{name:34} {statistics.median(python[name]) * 1000:10.1f} "
            f"{statistics.mean(database[name]) * 1000:10.1f} {statistics.median(wall[name]) * 1000:8.1f} "
            f"{sizes[name] / 1024:6.0f}"
        )
    requests = args.rounds * len(mix)
    py_total = sum(sum(values) for values in python.values()) / requests
    db_total = sum(sum(values) for values in database.values()) / requests
    wall_total = sum(sum(values) for values in wall.values()) / requests
    loadavg = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(
        f"\nMean per request of the mix: Python CPU {py_total * 1000:.2f} ms, PostgreSQL CPU "
        f"{db_total * 1000:.2f} ms, wall {wall_total * 1000:.2f} ms ({requests} requests"
        f"{', profiled' if profiler else ''}); load average {loadavg}"
    )
    print(
        f"CPU-bound ceiling on {os.cpu_count()} cores (no wrk, no gunicorn): "
        f"{os.cpu_count() / (py_total + db_total):.0f} requests per second"
    )
    print(f'JSON {{"py_cpu_ms": {py_total * 1000:.2f}, "pg_cpu_ms": {db_total * 1000:.2f}}}')

    if timer:
        print("\nOwn CPU time of each template per request of the mix:")
        for name, own in sorted(timer.own.items(), key=lambda item: -item[1])[:40]:
            print(f"  {own / requests * 1000:6.2f} ms  {timer.calls[name] / requests:6.2f}/req  {name}")
    if profiler:
        profiler.dump_stats(args.profile)
        print_profile(args.profile, args.top, requests)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
