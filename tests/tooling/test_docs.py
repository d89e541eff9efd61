"""README.md and docs/: every relative link leads to a file that exists, and to a heading that exists."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def headings(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file (code blocks left out)."""
    anchors, fenced = set(), False
    for line in path.read_text().splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (match := re.match(r"#{1,6} (.+)", line)):
            text = re.sub(r"[^\w\- ]", "", match[1].strip().lower())
            anchors.add(text.replace(" ", "-"))
    return anchors


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page):
    broken = []
    for target in LINK.findall(page.read_text()):
        if re.match(r"[a-z]+:", target):
            continue  # http(s), mailto
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists() or (
            anchor and resolved.suffix == ".md" and anchor not in headings(resolved)
        ):
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)}: broken links {broken}"


def test_the_readme_keeps_the_two_commands_and_the_logins():
    text = (ROOT / "README.md").read_text()
    assert "make run" in text and "make test" in text
    assert "`demo2026`" in text and "| `curator` |" in text


def _bench_tables():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_tables", ROOT / "scripts" / "bench_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_tables_replace_only_the_generated_block():
    bench_tables = _bench_tables()
    text = f"prose\n{bench_tables.START}\nold table\n{bench_tables.END}\nmore prose\n"
    assert bench_tables.replace_block(text, "| new |\n") == (
        f"prose\n{bench_tables.START}\n| new |\n{bench_tables.END}\nmore prose\n"
    )
    with pytest.raises(ValueError):
        bench_tables.replace_block("no markers", "| new |")


def test_performance_page_has_the_generated_block():
    bench_tables = _bench_tables()
    text = bench_tables.DOC.read_text()
    assert bench_tables.replace_block(text, "x") != text
