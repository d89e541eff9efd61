"""CPU time, queries and SQL time of one export, called in-process on a read-only connection (issue 18).

    DATABASE_URL=… python -m bench.export_cpu [--user scale_regional] [--path /territory/?export=xlsx]
                                              [--rounds 5] [--warmup 1] [--no-parallel] [--rebuild]

The view of ``--path`` is resolved and called with the user signed in (no middleware, no session: nothing
is written, and the connection is made read-only so that nothing can be — bench/readonly.py: the kept
territory figures and workbooks go to temporary tables of the connection), as many times as ``--rounds``
after ``--warmup`` calls. The whole region's workbook is the kept one: the warm-up builds and keeps it, the
rounds read it; ``--rebuild`` forgets it before each call (outside the measure), so each call builds and
keeps it, as the first download after the refresh stopped would. For each call: the CPU time of this
process (``time.process_time``: Python, the driver, the workbook) and of the PostgreSQL backend that
served it (/proc, as bench/cpu.py); then one more call counts the queries and their time as seen by the
driver. Medians are printed, with the size of the response. Meant for the seed_scale databases
(``scale_regional``, ``scale_municipal``), at two scales to compare.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

from bench.cpu import backend_cpu_seconds, production_environment

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", default="scale_regional")
    parser.add_argument("--path", default="/territory/?export=xlsx")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument(
        "--no-parallel",
        action="store_true",
        help="no parallel workers: their CPU is not the backend's and would go uncounted",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="forget the kept workbooks before each call: every call builds the workbook",
    )
    args = parser.parse_args(argv)

    production_environment()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import RequestFactory
    from django.urls import resolve

    from bench.readonly import shadow

    shadow(connection)
    with connection.cursor() as cursor:
        if args.no_parallel:
            cursor.execute("SET max_parallel_workers_per_gather = 0")
    user = get_user_model().objects.get(username=args.user)
    match = resolve(args.path.partition("?")[0])

    def forget():
        if args.rebuild:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM pg_temp.territory_keptworkbook")

    def call():
        request = RequestFactory().get(args.path)
        # The user and her memberships loaded afresh, as a request does.
        request.user = get_user_model().objects.get(pk=user.pk)
        request.session = {}
        response = match.func(request, *match.args, **match.kwargs)
        assert response.status_code == 200, response.status_code
        return len(response.content)

    for _ in range(args.warmup):
        forget()
        call()
    python, database = [], []
    size = 0
    for _ in range(args.rounds):
        forget()
        db_before = backend_cpu_seconds(connection)
        cpu_before = time.process_time()
        size = call()
        python.append(time.process_time() - cpu_before)
        database.append(backend_cpu_seconds(connection) - db_before)

    queries = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - started, sql))

    forget()
    with connection.execute_wrapper(timed):
        call()
    py_ms, db_ms = statistics.median(python) * 1000, statistics.median(database) * 1000
    sql_ms = sum(t for t, _sql in queries) * 1000
    loadavg = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(
        f"{connection.settings_dict['NAME']} {args.user} {args.path}: {size // 1024} KiB; "
        f"CPU median of {args.rounds}: Python {py_ms:.0f} ms + PostgreSQL {db_ms:.0f} ms "
        f"= {py_ms + db_ms:.0f} ms; "
        f"{len(queries)} queries, SQL {sql_ms:.0f} ms (driver's wall); load {loadavg}"
    )
    for spent, sql in sorted(queries, reverse=True)[:3]:
        print(f"  {spent * 1000:8.1f} ms  {' '.join(sql.split())[:150]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
