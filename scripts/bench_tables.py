#!/usr/bin/env python3
"""Put the tables of a `make bench` result into docs/performance.md.

    .venv/bin/python scripts/bench_tables.py [RESULT.json] [--doc docs/performance.md] [--stdout]

RESULT.json defaults to the newest file of bench/results/ (`make bench` writes one per run, git-ignored).
The tables (made by ``bench.markdown.tables``) replace what stands between the lines
``<!-- bench-tables:start -->`` and ``<!-- bench-tables:end -->`` of the document; the prose around them
(the machine, the targets, what the numbers changed) is written by hand and stays. A quick run or a run on
the demo data is refused unless --force: the document publishes full runs at the scale of a region.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- bench-tables:start -->", "<!-- bench-tables:end -->"


def replace_block(text: str, tables: str) -> str:
    """``text`` with the generated block between the markers replaced by ``tables``."""
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise ValueError(f"the document needs one {START} line followed by one {END} line")
    before, rest = text.split(START)
    _, after = rest.split(END)
    return f"{before}{START}\n{tables.strip()}\n{END}{after}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("result", nargs="?", type=Path, help="a bench/results/*.json (default: the newest)")
    parser.add_argument("--doc", type=Path, default=DOC)
    parser.add_argument("--stdout", action="store_true", help="print the tables, change nothing")
    parser.add_argument("--force", action="store_true", help="also a quick run or one on the demo data")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from bench.markdown import tables
    from bench.run import RESULTS

    path = args.result
    if path is None:
        found = sorted(RESULTS.glob("*.json"))
        if not found:
            parser.error(f"no result in {RESULTS.relative_to(ROOT)}: run `make bench` first")
        path = found[-1]
    result = json.loads(path.read_text())
    generated = tables(result)
    if args.stdout:
        print(generated)
        return 0
    if (result.get("mode") != "full" or result.get("data") != "seed_scale") and not args.force:
        parser.error(
            f"{path.name} is a {result.get('mode')} run on {result.get('data')}: docs/performance.md"
            " publishes full runs on seed_scale (--force to write it anyway, --stdout to look at it)"
        )
    args.doc.write_text(replace_block(args.doc.read_text(), generated))
    print(f"{args.doc}: the tables of {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
