"""Benchmark of the main pages, documents, export and import at the scale of a region (issue #8).

    python -m bench [--quick] [--repeat N] [--json PATH] [--only TEXT] [--lists] [--pages-only]

In-process with Django's test client (production settings: DEBUG off), over the data in
DATABASE_URL (``seed_scale``; ``seed_demo`` works too). For each page: server time over N requests
after a warm-up (median, p95), its SQL queries, side by side the Django admin change list of the
same model over the same rows (ratio ours/admin), and the time of the page's SQL alone, replayed
with a cursor (ratio page/SQL). Then the documents, a 10,000-row export and a 5,000-row import
(rolled back). Between them the writes (bench/writes.py): what a person saves, posted through the view
they use and rolled back. Prints the tables and writes bench/results/<UTC time>.json (and --json PATH).
"""

import argparse
import io
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

# Targets of issue #8.
PAGE_P95_MS = 150
PAGE_MAX_QUERIES = 15
ADMIN_RATIO = 1.0
# The time budgets of documents live here, not in timed unit tests (issue 19): `make test` runs on a machine
# shared with the rest of the suite, the benchmark on an idle one.
DOCUMENT_BUDGETS = {
    "order PDF": 0.5,
    "program PDF": 0.5,
    "portfolio PDF": 1.0,
    "Regulation PDF": 1.0,
    "annual report PDF (organisation)": 3,
    "annual report (region)": 10,
    "export 10,000 rows": 3,
    "import 5,000 rows": 10,
}


def setup_django() -> None:
    # WhiteNoise warns that STATIC_ROOT is missing: the in-process run serves no static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: with 20 values p95 is the 19th smallest."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


# Pages ----------------------------------------------------------------------------------------------


def _caches():
    from django.core.cache import caches

    return caches


def _get(client, url: str):
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response


def _capture(client, url: str):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = _get(client, url)
    return response, [q["sql"] for q in ctx.captured_queries]


# Server-side cursors (``.iterator()``) are captured as DECLARE …: replayed as their plain SELECT.
_DECLARE = re.compile(r'^DECLARE\s+"?[\w]+"?\s.*?\bCURSOR\b.*?\bFOR\s+', re.IGNORECASE | re.DOTALL)


def replay_sql(statements: list[str], repeat: int) -> float:
    """Median time of executing the page's statements again with a cursor, fetching every row; writes
    (the session, the access journal) run inside a transaction that is rolled back."""
    from django.db import connection, transaction

    statements = [
        _DECLARE.sub("", s)
        for s in statements
        if not s.upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "FETCH", "CLOSE", "MOVE"))
    ]
    times = []
    for _ in range(repeat):
        with transaction.atomic():
            started = time.perf_counter()
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
                    if cursor.description is not None:
                        cursor.fetchall()
            times.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    return statistics.median(times)


def measure_page(page, cast, clients, repeat: int, warmup: int) -> dict:
    url = page.url(cast)
    admin_url = page.admin(cast) if page.admin else None
    client = clients[page.role]
    row = {"page": page.name, "role": page.role, "url": url, "admin_url": admin_url}
    _caches()["aggregates"].clear()  # the first request computes the territory figures (apps/core/cache.py)
    started = time.perf_counter()
    response = _get(client, url)
    row["first_ms"] = ms(time.perf_counter() - started)
    for _ in range(warmup):
        response = _get(client, url)
        if admin_url:
            admin_response = _get(clients["admin"], admin_url)
    row["status"] = response.status_code
    if response.status_code != 200:
        return row
    if admin_url and admin_response.status_code != 200:
        row["admin_status"] = admin_response.status_code
        admin_url = None
    times, admin_times, cpu, admin_cpu = [], [], [], []
    for _ in range(repeat):  # interleaved, so a busy moment of the machine hits both alike
        started, cpu_started = time.perf_counter(), time.process_time()
        _get(client, url)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        if admin_url:
            started, cpu_started = time.perf_counter(), time.process_time()
            _get(clients["admin"], admin_url)
            admin_times.append(time.perf_counter() - started)
            admin_cpu.append(time.process_time() - cpu_started)
    _response, statements = _capture(client, url)
    sql_time = replay_sql(statements, repeat=max(3, repeat // 4))
    median = statistics.median(times)
    row.update(
        median_ms=ms(median),
        p95_ms=ms(percentile(times, 95)),
        # The Django process's CPU time alone (PostgreSQL's left out): steadier than wall time on a
        # machine shared with other jobs.
        cpu_median_ms=ms(statistics.median(cpu)),
        queries=len(statements),
        sql_ms=ms(sql_time),
        page_sql_ratio=round(median / sql_time, 1) if sql_time else None,
    )
    if admin_url:
        _admin_response, admin_statements = _capture(clients["admin"], admin_url)
        admin_median = statistics.median(admin_times)
        row.update(
            admin_median_ms=ms(admin_median),
            admin_p95_ms=ms(percentile(admin_times, 95)),
            admin_queries=len(admin_statements),
            admin_ratio=round(median / admin_median, 2),
            admin_cpu_median_ms=ms(statistics.median(admin_cpu)),
            admin_cpu_ratio=round(statistics.median(cpu) / statistics.median(admin_cpu), 2),
        )
    row["meets_targets"] = (
        row["p95_ms"] < PAGE_P95_MS
        and row["queries"] <= PAGE_MAX_QUERIES
        and row.get("admin_ratio", 0) <= ADMIN_RATIO
    )
    return row


# Documents, export, import --------------------------------------------------------------------------


def timed(function, repeat: int, warmup: int = 1) -> dict:
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        detail = function()
        times.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3), "detail": detail}


def order_pdf(cast):
    from apps.orders.documents import render_order_pdf
    from apps.orders.models import Order

    order = Order.objects.select_related("organization").get(pk=cast.order.pk)

    def run():
        data = render_order_pdf(order)
        return f"{order.participants.count()} participants, {len(data) // 1024} KiB"

    return run


def program_pdf(cast):
    from apps.programs.documents import program_pdf as render
    from apps.programs.models import Program

    program = Program.objects.select_related("organization", "group").get(pk=cast.program.pk)

    def run():
        data = render(program)
        return f"{program.events.count()} roadmap events, {len(data) // 1024} KiB"

    return run


def director_pdf(cast, client, name: str, *args):
    """A PDF the director downloads: the portfolio of the program's mentor, the Regulation."""
    from django.urls import reverse

    url = reverse(name, args=args)

    def run():
        response = _get(client, url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), response.status_code
        return f"{url}, {len(response.content) // 1024} KiB"

    return run


def annual_report_organization(cast):
    from apps.monitoring.documents import annual_report_pdf

    def run():
        data = annual_report_pdf(organization=cast.organization, year=cast.year, user=cast.users["curator"])
        return f"{cast.organization.short_name}, {len(data) // 1024} KiB"

    return run


def annual_report_region(cast, client):
    """The region's annual report: the regional operator's workbook (totals, municipalities, every
    organisation: indicator, pairs, programs, roadmaps), the territory page of the region (the indicator,
    the breakdown and its municipalities) and the four-level overview page. The figures of the
    municipalities and the region are read from their kept rows (monitoring TerritoryFigures) and the
    workbook is the kept one (territory KeptWorkbook), both computed by «territory figures refresh» below,
    from cron in production; the warm-up run builds and keeps them when missing."""
    from django.urls import reverse

    def run():
        _caches()["aggregates"].clear()  # not the figures the pages keep a few minutes in memory
        response = _get(client, reverse("territory:overview") + "?export=xlsx")
        assert response.status_code == 200, response.status_code
        for page in ("territory:overview", "monitoring:overview"):
            answer = _get(client, reverse(page))
            assert answer.status_code == 200, (page, answer.status_code)
        return f"region .xlsx {len(response.content) // 1024} KiB + territory page + four-level overview page"

    return run


def territory_figures_refresh(cast):
    """What cron runs every few minutes: the kept figures of every municipality and the region (level 4,
    the territory page's breakdown), the municipalities' consolidated forms and the .xlsx computed again
    (``manage.py refresh_territory_figures``)."""
    from apps.monitoring.outcome_services import statform_refresh
    from apps.monitoring.outcome_services import territory_figures_refresh as refresh

    def run():
        return f"{refresh(year=cast.year)} territories, {statform_refresh(year=cast.year)} forms"

    return run


def export_10000(cast):
    from apps.staff.exports import people_xlsx
    from apps.staff.models import Person

    ids = list(Person.objects.order_by("organization_id", "pk").values_list("pk", flat=True)[:10_000])

    def run():
        response = people_xlsx(Person.objects.filter(pk__in=ids))
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return f"{len(ids)} rows, {len(content) // 1024} KiB"

    return run


SURNAMES = ["Иванова", "Петрова", "Смирнова", "Кузнецова", "Попова", "Соколова", "Морозова", "Волкова"]
NAMES = ["Мария", "Анна", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Юлия", "Дарья"]
PATRONYMICS = ["Петровна", "Ивановна", "Сергеевна", "Олеговна", "Павловна", "Игоревна", "Юрьевна"]


def import_workbook(count: int) -> bytes:
    """A filled import template of ``count`` distinct teachers (not timed)."""
    from datetime import date, timedelta

    import openpyxl

    from apps.staff.imports import COLUMNS, DATA_SHEET

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append([c.title for c in COLUMNS])
    for i in range(count):
        values = {
            "last_name": SURNAMES[i % len(SURNAMES)],
            "first_name": NAMES[(i // len(SURNAMES)) % len(NAMES)],
            "patronymic": PATRONYMICS[(i // 80) % len(PATRONYMICS)],
            "sex": "ж",
            "birth_date": (date(1955, 1, 1) + timedelta(days=i * 3 + 1)).strftime("%d.%m.%Y"),
            "position": "Учитель",
            "subjects": "Математика; Информатика",
            "total_experience_years": 12,
            "pedagogical_experience_years": 10,
            "qualification_category": "первая",
            "category_date": "20.12.2023",
            "education_level": "высшее",
            "education_pedagogical": "да",
            "education_institution": "СурГПУ",
            "education_year": 2012,
            "hire_date": "01.09.2014",
            "email": f"bench{i}@school.ru",
            "phone": "+7 912 345-67-89",
            "is_external": "нет",
            "external_organization": "",
        }
        ws.append([values[c.key] for c in COLUMNS])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def import_5000(cast):
    """Upload check and import of 5,000 rows through the staff import service, then rolled back."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from apps.core.xlsx import check_xlsx_upload, read_xlsx_rows
    from apps.organizations.models import Organization
    from apps.staff.imports import DATA_SHEET, MAX_ROWS, people_import, people_import_check

    data = import_workbook(5000)
    # An organisation of its own, so no row collides with people already in the registry.
    organization = Organization.objects.order_by("pk").first()

    def run():
        with transaction.atomic():
            organization_copy = Organization.objects.get(pk=organization.pk)
            organization_copy.pk = None
            organization_copy.short_name = organization_copy.short_name[:150] + " (bench)"
            organization_copy.full_name = organization_copy.full_name[:400] + " (bench)"
            if hasattr(organization_copy, "slug"):  # unique, when the organisation has one
                organization_copy.slug = f"bench-{time.time_ns()}"
            organization_copy.save()
            upload = SimpleUploadedFile("Педагоги.xlsx", data, content_type="application/octet-stream")
            rows = read_xlsx_rows(check_xlsx_upload(upload), sheet=DATA_SHEET, max_rows=MAX_ROWS)
            check = people_import_check(organization=organization_copy, rows=rows, file_name="Педагоги.xlsx")
            if not check.is_valid:
                raise RuntimeError(f"the generated file does not pass the check: {check.to_dict()!r:.500}")
            people = people_import(organization=organization_copy, check=check)
            transaction.set_rollback(True)
        return f"{len(people)} rows imported and rolled back"

    return run


# Report ---------------------------------------------------------------------------------------------


def machine() -> dict:
    model = ""
    try:
        for line in subprocess.run(
            ["lscpu"], capture_output=True, text=True, check=False
        ).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except FileNotFoundError:
        pass
    ram = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model,
        "ram": ram,
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def data_size() -> dict:
    from django.apps import apps

    labels = [
        "organizations.Organization",
        "staff.Person",
        "banks.MentorEntry",
        "banks.MenteeEntry",
        "pairs.MentoringGroup",
        "orders.Order",
        "programs.Program",
        "programs.RoadmapEvent",
        "programs.ActivityLog",
        "monitoring.Response",
    ]
    from django.db import connection

    sizes = {}
    with connection.cursor() as cursor:
        for label in labels:
            model = apps.get_model(label)
            cursor.execute(f"SELECT count(*) FROM {model._meta.db_table}")
            sizes[label] = cursor.fetchone()[0]
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT version()")
        sizes["postgresql"] = cursor.fetchone()[0].split(" on ")[0]
    finally:
        cursor.close()
    return sizes


def _cell(value, width: int, fmt: str = "{}") -> str:
    text = "—" if value is None else fmt.format(value)
    return text.rjust(width)


def print_table(rows: list[dict], documents: list[dict]) -> None:
    header = (
        f"{'page':34} {'role':9} {'1st ms':>7} {'med ms':>7} {'p95 ms':>7} {'SQL#':>4}"
        f" {'admin':>7} {'ours/adm':>8} {'SQL ms':>7} {'page/SQL':>8}  ok"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        if r.get("status") != 200:
            print(f"{r['page'][:34]:34} {r['role']:9} HTTP {r.get('status')}")
            continue
        ok = "yes" if r["meets_targets"] else "NO"
        print(
            f"{r['page'][:34]:34} {r['role']:9} {_cell(r['first_ms'], 7)} {_cell(r['median_ms'], 7)}"
            f" {_cell(r['p95_ms'], 7)} {_cell(r['queries'], 4)} {_cell(r.get('admin_median_ms'), 7)}"
            f" {_cell(r.get('admin_ratio'), 8)}"
            f" {_cell(r['sql_ms'], 7)} {_cell(r['page_sql_ratio'], 8)}  {ok}"
        )
    print()
    header = f"{'document / bulk operation':34} {'median s':>8} {'max s':>7} {'budget':>7}  ok  detail"
    print(header)
    print("-" * len(header))
    for d in documents:
        if "error" in d:
            print(f"{d['name']:34} ERROR {d['error']}")
            continue
        budget = d.get("budget_s")
        ok = "" if budget is None else ("yes" if d["median_s"] < budget else "NO")
        print(
            f"{d['name']:34} {d['median_s']:8.3f} {d['max_s']:7.3f} {_cell(budget, 7)}  {ok:3} {d['detail']}"
        )


def print_lists(rows: list[dict]) -> None:
    """Each list beside its admin twin: the medians of wall time and of the process's CPU time."""
    header = (
        f"{'list':34} {'ours ms':>8} {'admin ms':>8} {'ratio':>6} {'CPU ms':>7} {'admin':>7} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        if "admin_ratio" not in r:
            continue
        print(
            f"{r['page'][:34]:34} {r['median_ms']:8.1f} {r['admin_median_ms']:8.1f} {r['admin_ratio']:6.2f}"
            f" {r['cpu_median_ms']:7.1f} {r['admin_cpu_median_ms']:7.1f} {r['admin_cpu_ratio']:6.2f}"
        )


def print_writes(writes: list[dict]) -> None:
    from .writes import WRITE_MEDIAN_MS, WRITE_P95_MS

    header = (
        f"{'write':34} {'role':9} {'1st ms':>7} {'med ms':>7} {'p95 ms':>7} {'CPU ms':>7} {'SQL#':>4}"
        f"  ok (median < {WRITE_MEDIAN_MS}, p95 < {WRITE_P95_MS}; after the answer ms)  detail"
    )
    print(header)
    print("-" * len(header))
    for w in writes:
        if "skipped" in w or "error" in w:
            print(
                f"{w['write'][:34]:34} {w['role'][:9]:9} {'ERROR' if 'error' in w else 'skipped'}:"
                f" {w.get('error') or w.get('skipped')}"
            )
            continue
        ok = "yes" if w["meets_targets"] else "NO"
        print(
            f"{w['write'][:34]:34} {w['role'][:9]:9} {_cell(w['first_ms'], 7)} {_cell(w['median_ms'], 7)}"
            f" {_cell(w['p95_ms'], 7)} {_cell(w['cpu_median_ms'], 7)} {_cell(w['queries'], 4)}"
            f"  {ok:3} {'' if not w.get('after_response_ms') else w['after_response_ms']} {w['detail']}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few pages, 5 requests each, fewer documents")
    parser.add_argument("--repeat", type=int, help="measured requests per page (default 20, quick 5)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--only", help="only pages and documents whose name contains this text")
    parser.add_argument("--no-documents", action="store_true", help="no documents, export or import")
    parser.add_argument("--no-writes", action="store_true", help="no writes")
    parser.add_argument(
        "--lists", action="store_true", help="only the lists beside their admin twin; no documents or writes"
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="only the pages, on a read-only connection (bench/readonly.py): the database is not written",
    )
    args = parser.parse_args(argv)
    if args.lists or args.pages_only:
        args.no_documents = args.no_writes = True
    repeat = args.repeat or (5 if args.quick else 20)
    warmup = 1 if args.quick else 3

    setup_django()
    if args.pages_only:
        # A database of other runs (seed_scale --scale 10) stays as it is: the connection refuses writes,
        # the sessions, the access journal and the kept territory figures go to temporary tables.
        from django.db import connection

        from .readonly import read_only

        read_only(connection)
    return _run(args, repeat, warmup)


def _run(args, repeat: int, warmup: int) -> int:
    from django.test import Client

    from .pages import PAGES, QUICK, find_cast
    from .writes import WRITE_MEDIAN_MS, WRITE_P95_MS

    started = datetime.now(UTC)
    cast = find_cast()
    clients = {}
    for role, user in cast.users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    print(
        f"Data: {'seed_scale' if cast.prefix else 'seed_demo'} ({cast.organization.short_name}, {cast.year})"
    )
    sizes = data_size()
    print(", ".join(f"{k.split('.')[1]}: {v}" for k, v in sizes.items() if k != "postgresql"))
    print()

    pages = [p for p in PAGES if not args.quick or p.name in QUICK]
    if args.only:
        pages = [p for p in pages if args.only.lower() in p.name.lower()]
    if args.lists:
        pages = [p for p in pages if p.admin]
    rows = []
    for page in pages:
        print(f"  {page.name} …", file=sys.stderr, flush=True)
        rows.append(measure_page(page, cast, clients, repeat=repeat, warmup=warmup))

    writes = []
    if not args.no_writes:
        from .writes import QUICK as QUICK_WRITES
        from .writes import WRITES, measure_write, prepare_cast

        prepare_cast(cast)
        for write in WRITES:
            if (args.quick and write.name not in QUICK_WRITES) or (
                args.only and args.only.lower() not in write.name.lower()
            ):
                continue
            print(f"  {write.name} …", file=sys.stderr, flush=True)
            try:
                writes.append(measure_write(write, cast, clients, repeat=repeat, warmup=warmup))
            except Exception as error:  # the rest of the run still reports
                writes.append(
                    {
                        "write": write.name,
                        "role": write.role,
                        "error": f"{type(error).__name__}: {error}"[:500],
                    }
                )

    documents = []
    if not args.no_documents:
        doc_repeat = 2 if args.quick else 5
        specs = [
            ("order PDF", lambda: order_pdf(cast), doc_repeat),
            ("program PDF", lambda: program_pdf(cast), doc_repeat),
            (
                "portfolio PDF",
                lambda: director_pdf(
                    cast, clients["director"], "territory:portfolio-pdf", cast.program.group.mentor.person_id
                ),
                doc_repeat,
            ),
            (
                "Regulation PDF",
                lambda: director_pdf(cast, clients["director"], "territory:regulation-pdf"),
                doc_repeat,
            ),
            (
                "annual report PDF (organisation)",
                lambda: annual_report_organization(cast),
                2 if args.quick else 3,
            ),
            (
                "annual report (region)",
                lambda: annual_report_region(cast, clients["regional"]),
                1 if args.quick else 3,
            ),
            ("territory figures refresh", lambda: territory_figures_refresh(cast), 1 if args.quick else 2),
            ("export 10,000 rows", lambda: export_10000(cast), 1 if args.quick else 3),
            ("import 5,000 rows", lambda: import_5000(cast), 1 if args.quick else 2),
        ]
        for name, build, n in specs:
            if args.only and args.only.lower() not in name.lower():
                continue
            print(f"  {name} …", file=sys.stderr, flush=True)
            try:
                result = timed(build(), repeat=n, warmup=0 if "import" in name else 1)
            except Exception as error:  # the rest of the run still reports
                documents.append({"name": name, "error": f"{type(error).__name__}: {error}"[:500]})
                continue
            documents.append({"name": name, **result, "budget_s": DOCUMENT_BUDGETS.get(name)})

    print()
    print_table(rows, documents)
    if args.lists:
        print()
        print_lists(rows)
    if writes:
        print()
        print_writes(writes)
    result = {
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "repeat": repeat,
        "data": "seed_scale" if cast.prefix else "seed_demo",
        "sizes": sizes,
        "machine": machine(),
        "targets": {
            "page_p95_ms": PAGE_P95_MS,
            "page_max_queries": PAGE_MAX_QUERIES,
            "admin_ratio": ADMIN_RATIO,
            "documents_s": DOCUMENT_BUDGETS,
            "write_median_ms": WRITE_MEDIAN_MS,
            "write_p95_ms": WRITE_P95_MS,
        },
        "pages": rows,
        "documents": documents,
        "writes": writes,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    paths = [RESULTS / f"{started:%Y%m%dT%H%M%SZ}.json"]
    if args.json:
        paths.append(args.json)
    for path in paths:
        path.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"\nMachine: {result['machine']}")
    print("Results: " + ", ".join(str(p) for p in paths))
    return 0
