"""Every page at two scales of the region, side by side: the ratio large / small per page (issue 18).

    python -m bench.scales --small DATABASE_URL --large DATABASE_URL [--repeat N] [--rounds N]
                           [--only TEXT] [--json PATH]

The pages of the benchmark (bench/pages.py, ``PAGES`` and the coordinators' lists of ``SCOPE_PAGES``)
are requested through Django's test client with the benchmark's production settings, each signed in as
the ``scale_*`` user of its role, in two worker processes, one on each database (``seed_scale --scale 1``
and ``--scale 10``). The parent asks them in turn, page by page and round by round, so a busy moment of
the shared machine hits both scales alike. Per request: the wall time, the CPU time of the worker process
(``time.process_time``: Python, templates, the driver) and of the PostgreSQL backend serving it (read from
/proc, as bench/cpu.py; its clock ticks are 10 ms, so the backend's share is the mean over the round,
not a median; PostgreSQL's parallel workers are not counted). The ratio that matters on a loaded machine
is the CPU one; the wall one is printed beside it.

The databases are only read (bench/readonly.py): each worker's connection refuses writes, and the
sessions of ``force_login``, the access journal and the kept territory figures go to temporary tables of
its own. Before measuring, each worker computes the kept territory figures of every municipality and
region and the municipalities' consolidated forms into its temporary tables, as cron keeps them in
production (``refresh_territory_figures``);
``--no-refresh`` leaves them to the pages (each cold page then computes its own).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.5  # issue 18: every page at scale 10 within 1.5× of its scale-1 figure


# Worker: one database, commands on stdin, one JSON line per answer on stdout ---------------------------


def _worker(refresh: bool) -> int:
    from .run import setup_django

    setup_django()
    import logging

    from django.db import connection
    from django.test import Client

    from .cpu import backend_cpu_seconds
    from .pages import PAGES, SCOPE_PAGES, find_cast
    from .readonly import check_read_only, read_only
    from .run import _caches, _capture, _get, data_size

    logging.getLogger("django.request").setLevel(logging.ERROR)  # a refused page is reported below
    out = sys.stdout
    sys.stdout = sys.stderr  # anything the portal prints must not mix with the answers
    pages = {page.name: page for page in [*PAGES, *SCOPE_PAGES]}
    read_only(connection)
    cast = find_cast()
    clients = {}
    for role, user in cast.users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    refreshed = None
    if refresh:
        from apps.monitoring.outcome_services import statform_refresh, territory_figures_refresh

        started = time.perf_counter()
        count = territory_figures_refresh(year=cast.year)
        forms = statform_refresh(year=cast.year)
        refreshed = (
            f"{count} territories, {forms} consolidated forms in {time.perf_counter() - started:.1f} s"
        )
    out.write(json.dumps({"ready": True, "sizes": data_size(), "refreshed": refreshed}) + "\n")
    out.flush()
    for line in sys.stdin:
        command = json.loads(line)
        if command["cmd"] == "quit":
            break
        check_read_only(connection)
        page = pages[command["page"]]
        client, url = clients[page.role], page.url(cast)
        answer = {"url": url, "samples": [], "pg_cpu": 0.0}
        try:
            if command["cmd"] == "first":
                _caches()["aggregates"].clear()
                response, statements = _capture(client, url)
                answer.update(status=response.status_code, queries=len(statements))
            pg_before = backend_cpu_seconds(connection)
            for _ in range(command.get("n", 0)):
                wall, cpu = time.perf_counter(), time.process_time()
                response = _get(client, url)
                answer["samples"].append([time.perf_counter() - wall, time.process_time() - cpu])
                answer["status"] = response.status_code
            answer["pg_cpu"] = backend_cpu_seconds(connection) - pg_before
        except Exception as error:  # the page failed: reported, the run goes on
            answer.update(status=f"{type(error).__name__}: {error}"[:300], queries=None)
        out.write(json.dumps(answer) + "\n")
        out.flush()
    return 0


# Parent ----------------------------------------------------------------------------------------------


class Worker:
    def __init__(self, label: str, database_url: str, refresh: bool):
        self.label = label
        env = {**os.environ, "DATABASE_URL": database_url}
        command = [sys.executable, "-m", "bench.scales", "--worker"] + ([] if refresh else ["--no-refresh"])
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.ready = self.read()

    def read(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.label} worker stopped (exit code {self.process.wait()})")
        return json.loads(line)

    def ask(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.process.stdin.close()
            self.process.wait(timeout=60)


def _figures(answers: list[dict]) -> dict:
    samples = [s for a in answers for s in a["samples"]]
    count = len(samples)
    pg = sum(a["pg_cpu"] for a in answers) / count
    wall = sorted(s[0] for s in samples)
    py = statistics.median(s[1] for s in samples)
    return {
        "wall_ms": round(statistics.median(wall) * 1000, 1),
        "p95_ms": round(wall[max(0, -(-count * 95 // 100) - 1)] * 1000, 1),
        "py_cpu_ms": round(py * 1000, 1),
        "pg_cpu_ms": round(pg * 1000, 1),
        "cpu_ms": round((py + pg) * 1000, 1),
    }


def _ratio(large, small):
    return round(large / small, 2) if small else None


def compare(small: Worker, large: Worker, names: list[str], repeat: int, rounds: int, warmup: int) -> list:
    rows = []
    per_round = max(1, repeat // rounds)
    for name in names:
        print(f"  {name} …", file=sys.stderr, flush=True)
        row = {"page": name}
        answers = {}
        for worker in (small, large):
            first = worker.ask(cmd="first", page=name, n=warmup)
            row[worker.label] = {"status": first["status"], "queries": first["queries"], "url": first["url"]}
            answers[worker.label] = []
        if any(row[w.label]["status"] != 200 for w in (small, large)):
            rows.append(row)
            continue
        for i in range(rounds):  # alternately, the order swapped every round
            for worker in (small, large) if i % 2 == 0 else (large, small):
                answers[worker.label].append(worker.ask(cmd="measure", page=name, n=per_round))
        for worker in (small, large):
            row[worker.label].update(_figures(answers[worker.label]))
        s, lg = row[small.label], row[large.label]
        row["wall_ratio"] = _ratio(lg["wall_ms"], s["wall_ms"])
        row["p95_ratio"] = _ratio(lg["p95_ms"], s["p95_ms"])
        row["cpu_ratio"] = _ratio(lg["cpu_ms"], s["cpu_ms"])
        row["py_cpu_ratio"] = _ratio(lg["py_cpu_ms"], s["py_cpu_ms"])
        rows.append(row)
    return rows


def over_limit(rows: list[dict], by_rows=frozenset()) -> tuple[list[str], list[str]]:
    """(the pages over ``LIMIT`` in CPU, the downloads of ``by_rows`` over it: they list every row)."""
    over = [r["page"] for r in rows if (r.get("cpu_ratio") or 0) > LIMIT]
    return [n for n in over if n not in by_rows], [n for n in over if n in by_rows]


def print_rows(rows: list[dict], small: str, large: str, by_rows=frozenset()) -> None:
    header = (
        f"{'page':38} {'SQL#':>7} {'wall ' + small:>9} {'wall ' + large:>9} {'×':>5} {'p95 ×':>6}"
        f" {'CPU ' + small:>9} {'CPU ' + large:>9} {'×':>5}  (py / PG CPU {large})"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        s, lg = r[small], r[large]
        if "wall_ms" not in s or "wall_ms" not in lg:
            print(f"{r['page'][:38]:38} HTTP {s['status']} / {lg['status']}")
            continue
        worst = max(r["cpu_ratio"] or 0, r["wall_ratio"] or 0)
        flag = "  OVER" if (r["cpu_ratio"] or 0) > LIMIT else ("  (wall)" if worst > LIMIT else "")
        if flag == "  OVER" and r["page"] in by_rows:
            flag = "  (rows)"
        print(
            f"{r['page'][:38]:38} {s['queries']:>3}/{lg['queries']:<3}"
            f" {s['wall_ms']:9.1f} {lg['wall_ms']:9.1f}"
            f" {r['wall_ratio']:5.2f} {r['p95_ratio']:6.2f} {s['cpu_ms']:9.1f} {lg['cpu_ms']:9.1f}"
            f" {r['cpu_ratio']:5.2f}  ({lg['py_cpu_ms']} / {lg['pg_cpu_ms']}){flag}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scales", description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", help="DATABASE_URL of the smaller region (seed_scale --scale 1)")
    parser.add_argument("--large", help="DATABASE_URL of the larger region (seed_scale --scale 10)")
    parser.add_argument("--repeat", type=int, default=12, help="measured requests per page and scale (12)")
    parser.add_argument("--rounds", type=int, default=4, help="alternations per page (default 4)")
    parser.add_argument("--warmup", type=int, default=2, help="requests after the first, not measured (2)")
    parser.add_argument("--only", action="append", help="only the pages whose name contains this text")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--no-refresh", action="store_true", help="leave the kept territory figures to the pages"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(refresh=not args.no_refresh)
    if not (args.small and args.large):
        parser.error("--small and --large are required")

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    from .pages import PAGES, SCOPE_PAGES

    names = [p.name for p in [*PAGES, *SCOPE_PAGES]]
    if args.only:
        names = [n for n in names if any(o.lower() in n.lower() for o in args.only)]
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    small = large = None
    try:
        print("starting the workers (the kept territory figures are computed first) …", file=sys.stderr)
        small = Worker("small", args.small, refresh=not args.no_refresh)
        large = Worker("large", args.large, refresh=not args.no_refresh)
        for worker in (small, large):
            sizes = worker.ready["sizes"]
            print(
                f"{worker.label}: {sizes['organizations.Organization']} organisations, "
                f"{sizes['staff.Person']} people, {sizes['programs.Program']} programs; "
                f"figures: {worker.ready['refreshed']}"
            )
        rows = compare(small, large, names, args.repeat, args.rounds, args.warmup)
    finally:
        for worker in (small, large):
            if worker:
                worker.close()
    print()
    by_rows = {p.name for p in [*PAGES, *SCOPE_PAGES] if p.by_rows}
    print_rows(rows, "small", "large", by_rows)
    loadavg = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"\n{args.repeat} requests a page and scale, {args.rounds} alternating rounds; load {loadavg}")
    over, rows_over = over_limit(rows, by_rows)
    print(f"CPU ratio over {LIMIT}: {', '.join(over) if over else 'none'}")
    if rows_over:
        print(f"Over {LIMIT}, listing every row they keep by design (rows): {', '.join(rows_over)}")
    result = {"started": started, "load_average": loadavg, "repeat": args.repeat, "rows": rows}
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    paths = [results / f"scales-{started.replace(':', '').replace('-', '')}.json"]
    if args.json:
        paths.append(args.json)
    for path in paths:
        path.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print("Results: " + ", ".join(str(p) for p in paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
