"""How old the figures of a page may be (apps/core/freshness.py): the sentence, the time kept with each
aggregate (less the replica's lag), and the pages that state it."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import caches
from django.template import Context, Template
from django.urls import reverse

from apps.core import freshness
from apps.core.cache import cached_aggregate
from apps.core.db_router import replica_reads
from apps.core.freshness import freshness_text

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 12, 5, 10, 45, 30, tzinfo=MSK)


def text(seconds, at=datetime(2026, 12, 5, 10, 42, 59, tzinfo=MSK), aggregates=True):
    return freshness_text(refresh_seconds=seconds, aggregates=aggregates, data_time=at, now=NOW)


def test_the_sentence_names_the_refresh_interval_and_the_time_of_the_data():
    assert text(300) == "Сводные показатели обновляются раз в 5 минут; данные на 10:42."


@pytest.mark.parametrize(
    ("seconds", "every"),
    [
        (60, "раз в минуту"),
        (120, "раз в 2 минуты"),
        (1260, "раз в 21 минуту"),
        (660, "раз в 11 минут"),
        (30, "раз в 30 секунд"),
        (1, "раз в секунду"),
        (3600, "раз в час"),
        (7200, "раз в 2 часа"),
        (90, "раз в 90 секунд"),
    ],
)
def test_the_interval_agrees_with_its_number(seconds, every):
    assert f"обновляются {every};" in text(seconds)


def test_data_of_another_day_carry_their_date():
    assert text(300, at=datetime(2026, 12, 4, 23, 58, tzinfo=MSK)).endswith("данные на 04.12.2026 23:58.")


def test_a_page_without_kept_aggregates_states_only_the_time():
    assert text(300, aggregates=False) == "Данные на 10:42."
    assert text(0) == "Данные на 10:42."


@pytest.fixture
def aggregates_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "aggregates": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fresh"},
    }
    caches["aggregates"].clear()


def test_a_kept_aggregate_brings_the_time_of_its_data_to_the_page(aggregates_cache, monkeypatch):
    old = datetime(2026, 12, 5, 10, 1, tzinfo=MSK)
    monkeypatch.setattr(freshness, "data_time", lambda alias: old)
    cached_aggregate("figures", ("scope",), lambda: {"n": 1})  # computed at 10:01, by another request
    monkeypatch.undo()
    with freshness.tracking():
        assert cached_aggregate("figures", ("scope",), lambda: {"n": 2}) == {"n": 1}
        assert freshness.tracked().oldest == old and freshness.tracked().aggregates


def test_an_aggregate_computed_from_a_lagging_replica_is_dated_back_by_the_lag(aggregates_cache, monkeypatch):
    monkeypatch.setattr("apps.core.cache.read_alias", lambda: "replica")
    lags = {"replica": timedelta(seconds=90), "default": timedelta(0)}
    monkeypatch.setattr(freshness, "replica_lag", lags.__getitem__)
    with freshness.tracking():
        cached_aggregate("figures", ("scope",), lambda: {"n": 1})
        age = freshness.timezone.now() - freshness.tracked().oldest
    assert timedelta(seconds=90) <= age < timedelta(seconds=150)


@pytest.mark.django_db(databases=["default", "replica"])
def test_the_lag_of_a_database_that_is_no_replica_is_nothing():
    # In tests "replica" mirrors the primary: not in recovery, pg_last_xact_replay_timestamp() is NULL.
    assert freshness.replica_lag("replica") == timedelta(0)
    assert freshness.replica_lag("default") == timedelta(0)


def test_the_tag_says_nothing_outside_a_page_of_figures():
    assert Template("{% load freshness %}{% figures_freshness %}").render(Context()) == ""


def test_the_tag_states_the_oldest_figures_of_the_page(aggregates_cache):
    template = Template("{% load freshness %}{% figures_freshness %}")
    with freshness.tracking(), replica_reads():
        freshness.note(datetime(2026, 12, 5, 10, 1, tzinfo=MSK))
        freshness.note(datetime(2026, 12, 5, 9, 58, tzinfo=MSK))
        html = template.render(Context())
    assert "Сводные показатели обновляются раз в 5 минут; данные на " in html
    assert "09:58" in html and "data-figures-freshness" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("municipal", reverse("territory:overview")),
        ("municipal", "territory_organization"),
        ("municipal", reverse("monitoring:overview")),
    ],
)
def test_the_pages_of_figures_say_how_old_they_may_be(cast, client, user, url):
    if url == "territory_organization":
        url = reverse("territory:organization", args=[cast.school.pk])
    client.force_login(getattr(cast, user))
    response = client.get(url)
    assert response.status_code == 200
    assert "Сводные показатели обновляются раз в 5 минут; данные на " in response.content.decode()


@pytest.mark.django_db
def test_the_municipality_page_read_from_the_replica_says_how_old_its_data_may_be(cast, client, municipality):
    # Documents, no kept aggregates: only the time of the data.
    client.force_login(cast.municipal)
    response = client.get(reverse("territory:municipal-detail", args=[municipality.pk]))
    assert response.status_code == 200
    assert re.search(r"data-figures-freshness>Данные на \d\d:\d\d\.<", response.content.decode())


@pytest.mark.django_db
def test_other_pages_say_nothing_of_it(cast, client):
    client.force_login(cast.municipal)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert "data-figures-freshness" not in response.content.decode()


# --- A replica cut off from the primary -----------------------------------------------------------------

REPLAYED = datetime(2026, 12, 5, 14, 5, 12, tzinfo=MSK)
LATER = REPLAYED + timedelta(minutes=40)


def state(**answers):
    values = {
        "in_recovery": True,
        "streaming": True,
        "last_heard": LATER - timedelta(seconds=5),
        "all_replayed": True,
        "replayed_at": REPLAYED,
        "now": LATER,
        **answers,
    }
    return freshness.replica_state_from(**values)


def test_a_streaming_replica_that_replayed_all_it_received_is_current():
    # An idle primary: the last replayed transaction is old, but nothing newer exists.
    assert state() == freshness.ReplicaState(lag=timedelta(0), replayed_at=REPLAYED)


def test_a_streaming_replica_behind_is_as_old_as_its_last_replayed_transaction():
    assert state(all_replayed=False).lag == timedelta(minutes=40) and not state(all_replayed=False).cut_off


def test_a_replica_without_a_streaming_receiver_is_cut_off_though_it_replayed_all_it_received():
    cut = state(streaming=False, last_heard=None)
    assert cut.cut_off and cut.lag == timedelta(minutes=40) and cut.replayed_at == REPLAYED


def test_a_receiver_silent_for_minutes_counts_as_cut_off():
    assert state(last_heard=LATER - timedelta(minutes=3)).cut_off
    assert not state(last_heard=None).cut_off  # a role that may not see the receiver's details


def test_a_cut_off_replica_that_replayed_nothing_yet_has_no_time():
    cut = state(streaming=False, replayed_at=None)
    assert cut.cut_off and cut.lag == timedelta(0) and cut.replayed_at is None


def test_the_primary_has_no_lag_whatever_else_it_answers():
    assert state(in_recovery=False, streaming=False) == freshness.ReplicaState(lag=timedelta(0))


def test_the_cut_off_sentence_names_the_time_and_day_of_the_data():
    assert freshness.cut_off_text(replayed_at=REPLAYED, oldest=None) == (
        "Связь с основной базой данных прервана: показатели могут быть устаревшими — данные на 14:05 5 декабря."
    )
    older = datetime(2026, 12, 4, 23, 59, tzinfo=MSK)
    assert freshness.cut_off_text(replayed_at=REPLAYED, oldest=older).endswith("данные на 23:59 4 декабря.")
    assert freshness.cut_off_text(replayed_at=None, oldest=None) == (
        "Связь с основной базой данных прервана: показатели могут быть устаревшими."
    )


def test_the_tag_on_a_cut_off_replica_says_the_figures_may_be_older(monkeypatch):
    cut = freshness.ReplicaState(lag=timedelta(minutes=40), cut_off=True, replayed_at=REPLAYED)
    monkeypatch.setattr(freshness, "replica_state", lambda alias: cut)
    with freshness.tracking(), replica_reads():
        html = Template("{% load freshness %}{% figures_freshness %}").render(Context())
    assert "показатели могут быть устаревшими — данные на 14:05 5 декабря." in html
    assert "data-cut-off" in html


@pytest.mark.django_db(databases=["default", "replica"])
def test_the_state_query_runs_on_postgresql():
    # In tests "replica" mirrors the primary: the query runs as written and finds no recovery.
    assert freshness.replica_state("replica") == freshness.ReplicaState(lag=timedelta(0))
