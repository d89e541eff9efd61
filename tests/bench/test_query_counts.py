"""Every main page of the benchmark (bench/pages.py) runs the same number of SQL queries at ten times
the data: the region of ``seed_scale`` at two scales, 10× apart (issue #8)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.pages import PAGES, find_cast

pytestmark = pytest.mark.django_db

SMALL, LARGE = 0.004, 0.04  # 2 and 20 organisations, 120 and 1,200 staff, 24 and 240 pairs


def query_counts() -> dict[str, int]:
    cast = find_cast()
    clients = {}
    counts = {}
    for page in PAGES:
        if page.role not in clients:
            clients[page.role] = Client()
            clients[page.role].force_login(cast.users[page.role])
        url = page.url(cast)
        assert clients[page.role].get(url).status_code == 200, (page.name, url)
        with CaptureQueriesContext(connection) as queries:
            response = clients[page.role].get(url)
        assert response.status_code == 200, (page.name, url)
        counts[page.name] = len(queries)
    return counts


def test_main_pages_run_the_same_number_of_queries_at_ten_times_the_data():
    call_command("seed_scale", scale=SMALL, seed=3, stdout=io.StringIO())
    small = query_counts()
    call_command("seed_scale", scale=LARGE, seed=3, reset=True, stdout=io.StringIO())
    large = query_counts()
    assert len(small) == len(PAGES)
    assert {name: (small[name], large[name]) for name in small if small[name] != large[name]} == {}
