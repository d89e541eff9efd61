"""The writes of the benchmark (bench/writes.py, issue 18) run on a small region and leave nothing
behind: every table has the same rows after them, and no file is left in the storage."""

import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from apps.programs.models import Program
from bench.pages import find_cast
from bench.writes import WRITES, form_data, measure_write, prepare_cast

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if model._meta.managed and not model._meta.proxy and table not in counts:
                cursor.execute(f'SELECT count(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
    return counts


def stored_files() -> set[str]:
    root = settings.MEDIA_ROOT
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, "bench.writes.CommitAtViewEnd"])
def test_every_write_runs_on_a_small_region_and_is_undone():
    call_command("seed_scale", scale=0.004, seed=3, stdout=io.StringIO())
    cast = find_cast()
    # One program of the school on approval, as 5 % of the region's are (none among this seed's few).
    program = Program.objects.filter(organization=cast.organization).order_by("pk").first()
    Program.objects.filter(pk=program.pk).update(status=Program.Status.ON_APPROVAL)
    prepare_cast(cast)
    clients = {}
    for role, user in cast.users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    before, files_before = row_counts(), stored_files()

    rows = [measure_write(write, cast, clients, repeat=2, warmup=1) for write in WRITES]

    assert {r["write"]: r.get("skipped") for r in rows if "median_ms" not in r} == {}
    assert all(r["queries"] > 0 and r["median_ms"] > 0 for r in rows)
    signed = next(r for r in rows if r["write"].startswith("sign"))
    assert signed["on_commit"] == 1 and signed["after_response_ms"] > 0  # the PDF, made after the answer
    after = row_counts()
    # The sign-in of the mentee whose survey is answered (a client of her own) is the bench's, not a write.
    signed_in = {"django_session", "axes_accesslog"}
    assert {t: (before[t], after[t]) for t in before if before[t] != after[t] and t not in signed_in} == {}
    assert stored_files() - files_before == set()


def test_the_form_is_read_as_a_browser_sends_it():
    html = """
    <form method="get" action="/search/"><input name="q" value="x"></form>
    <form method="post" action="/save/">
      <input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input name="title" value="Программа">
      <input type="checkbox" name="types" value="a" checked><input type="checkbox" name="types" value="b">
      <input type="radio" name="mode" value="1"><input type="radio" name="mode" value="2" checked>
      <input type="radio" name="free" value="1">
      <input name="off" value="1" disabled>
      <textarea name="goal">Цель &amp; задачи</textarea>
      <select name="kind"><option value="m">встреча</option><option value="c" selected>консультация</option></select>
      <select name="empty"><option value="">—</option><option value="1">1</option></select>
      <input type="file" name="files"><button type="submit" name="go">Сохранить</button>
    </form>"""
    assert form_data(html, page_url="/page/", action="/save/") == {
        "csrfmiddlewaretoken": ["t"],
        "title": ["Программа"],
        "types": ["a"],
        "mode": ["2"],
        "goal": ["Цель & задачи"],
        "kind": ["c"],
        "empty": [""],
    }
    with pytest.raises(AssertionError, match="no POST form"):
        form_data(html, page_url="/page/", action="/other/")


def test_the_markdown_tables_carry_the_writes_and_their_targets():
    from bench.markdown import tables

    machine = {"nproc": 2, "cpu": "x", "ram": "1 GiB", "load_average": [0.1, 0.1, 0.1]}
    result = {"started": "2026-12-05T08:00:00", "mode": "full", "repeat": 20, "machine": machine}
    result |= {"sizes": {}, "pages": [], "documents": []}
    signed = {"write": "sign an order (with its PDF)", "role": "director", "first_ms": 400.0}
    signed |= {"median_ms": 360.0, "p95_ms": 420.0, "cpu_median_ms": 350.0, "queries": 58}
    signed |= {"meets_targets": False, "after_response_ms": 190.0, "detail": "№ 12"}
    result["writes"] = [signed, {"write": "answer a survey", "role": "mentee", "skipped": "no survey"}]
    text = tables(result)
    assert (
        "| sign an order (with its PDF) | director | 400.0 | 360.0 | 420.0 | 350.0 | 58 | **no** | 190.0 |"
        in text
    )
    assert "| answer a survey | mentee | | | | | | | | skipped: no survey |" in text
