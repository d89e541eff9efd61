"""``python -m bench.markdown [RESULT.json]``: the tables of docs/performance.md from a benchmark result
(the newest one in bench/results/ by default), so a run on another machine can replace them as they are;
``scripts/bench_tables.py`` writes them into the page."""

import json
import sys
from pathlib import Path

from .run import DOCUMENT_BUDGETS, RESULTS


def _v(value, fmt: str = "{}") -> str:
    return "—" if value is None else fmt.format(value)


def tables(result: dict) -> str:
    m = result["machine"]
    lines = [
        f"Measured {result['started'][:16].replace('T', ' ')} UTC, {result['mode']} run,"
        f" {result['repeat']} requests per page; {m['nproc']} cores ({m['cpu']}), {m['ram']} RAM,"
        " load average at the end"
        f" {', '.join(str(x) for x in m['load_average'])}; {result['sizes'].get('postgresql', '')}.",
        "",
        "| page | role | first ms | median ms | p95 ms | SQL queries | admin ms | ours/admin | SQL ms"
        " | page/SQL |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in result["pages"]:
        if r.get("status") != 200:
            lines.append(f"| {r['page']} | {r['role']} | HTTP {r.get('status')} | | | | | | | |")
            continue
        lines.append(
            f"| {r['page']} | {r['role']} | {_v(r.get('first_ms'))} | {r['median_ms']} | {r['p95_ms']} |"
            f" {r['queries']} | {_v(r.get('admin_median_ms'))} | {_v(r.get('admin_ratio'))} | {r['sql_ms']} |"
            f" {_v(r['page_sql_ratio'])} |"
        )
    lines += [
        "",
        "| document / bulk operation | median s | max s | budget s | detail |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for d in result["documents"]:
        if "error" in d:
            lines.append(f"| {d['name']} | error | | | {d['error']} |")
            continue
        budget = DOCUMENT_BUDGETS.get(d["name"])
        lines.append(f"| {d['name']} | {d['median_s']} | {d['max_s']} | {_v(budget)} | {d['detail']} |")
    writes = result.get("writes") or []
    if writes:
        lines += [
            "",
            "| write | role | first ms | median ms | p95 ms | CPU ms | SQL queries | targets met"
            " | after the answer ms | detail |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
        ]
    for w in writes:
        if "skipped" in w or "error" in w:
            reason = w.get("error") or f"skipped: {w['skipped']}"
            lines.append(f"| {w['write']} | {w['role']} | | | | | | | | {reason} |")
            continue
        met = "yes" if w["meets_targets"] else "**no**"
        lines.append(
            f"| {w['write']} | {w['role']} | {w['first_ms']} | {w['median_ms']} | {w['p95_ms']} |"
            f" {w['cpu_median_ms']} | {w['queries']} | {met} | {_v(w.get('after_response_ms') or None)} |"
            f" {w['detail']} |"
        )
    return "\n".join(lines)


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else max(RESULTS.glob("*.json"))
    print(tables(json.loads(path.read_text())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
