"""bench.scales' verdict: a page over 1.5× of its scale-1 CPU is reported as over; a download that lists
every row it keeps (``Page.by_rows``) is reported apart, never hidden."""

from bench.pages import PAGES, SCOPE_PAGES
from bench.scales import LIMIT, over_limit, print_rows


def _row(page: str, cpu_ratio: float) -> dict:
    measured = {"wall_ms": 10.0, "cpu_ms": 10.0, "queries": 3, "py_cpu_ms": 8.0, "pg_cpu_ms": 2.0}
    return {
        "page": page,
        "small": measured,
        "large": {**measured, "cpu_ms": 10.0 * cpu_ratio},
        "cpu_ratio": cpu_ratio,
        "wall_ratio": cpu_ratio,
        "p95_ratio": cpu_ratio,
    }


def test_only_the_filtered_download_lists_its_rows():
    assert [p.name for p in [*PAGES, *SCOPE_PAGES] if p.by_rows] == ["territory .xlsx, filtered (regional)"]


def test_a_download_of_its_rows_is_reported_apart_and_a_page_over_the_limit_stays_over(capsys):
    rows = [_row("page", LIMIT + 0.1), _row("download", 7.0), _row("flat", 1.0)]
    assert over_limit(rows, {"download"}) == (["page"], ["download"])
    assert over_limit(rows) == (["page", "download"], [])
    print_rows(rows, "small", "large", {"download"})
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[2:]}
    assert lines["page"].endswith("OVER") and lines["download"].endswith("(rows)")
    assert not lines["flat"].endswith(("OVER", "(rows)"))
