"""The territory page's figures over the whole region are kept a few minutes (issue 18): the share of
trained mentors too, and what is kept is a small plain value."""

import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.selectors import organizations_of
from apps.territory import selectors
from apps.training.selectors import trained_share
from tests.territory.plain import plain_indicator

pytestmark = pytest.mark.django_db


def test_the_trained_share_is_kept(settings, cast, year):
    settings.CACHES = {
        **settings.CACHES,
        "aggregates": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t18-trained"},
    }
    from django.core.cache import caches

    caches["aggregates"].clear()
    scope = selectors.territory_scope(user=cast.regional)
    today = timezone.localdate()
    first = selectors.territory_trained(organizations=scope, today=today)
    with CaptureQueriesContext(connection) as again:
        second = selectors.territory_trained(organizations=scope, today=today)
    assert len(again.captured_queries) == 0
    assert second == first == trained_share(organizations=organizations_of(cast.regional), today=today)
    assert len(pickle.dumps(second)) < 1_000
    caches["aggregates"].clear()


# The breakdown of a whole municipality or region, kept with its figures (issue 18) ------------------


@pytest.fixture
def trio(cast, year):
    from tests.factories import monitoring as mf

    program, users, mentees = mf.trio(cast, year)
    return type("Trio", (), {"program": program, "users": users, "mentees": mentees})


def _breakdown_direct(cast, year):
    """What the territory page of the municipal coordinator ("m") and of the regional operator ("r")
    computes without kept figures: breakdown, indicator, share of trained mentors."""
    direct = {}
    for level, user in (("m", cast.municipal), ("r", cast.regional)):
        rows = selectors.territory_scope(user=user)
        trained = trained_share(organizations=organizations_of(user), today=timezone.localdate())
        direct[level] = {
            "breakdown": selectors._territory_breakdown(organizations=rows, year=year),
            "indicator": plain_indicator(rows, year),
            "trained": {"mentors": trained.mentors, "trained": trained.trained},
        }
    return direct


def _breakdown_kept(cast, year):
    from apps.monitoring.models import TerritoryFigures

    municipality = cast.school.municipality
    kept = {
        "m": TerritoryFigures.objects.get(year=year, municipality=municipality).figures,
        "r": TerritoryFigures.objects.get(year=year, region_id=municipality.region_id).figures,
    }
    for figures in kept.values():
        del figures["outcomes"]
        assert figures["trained"].pop("on") == timezone.localdate().isoformat()
    return kept


def _answers(cast, year, trio):
    from datetime import date

    from apps.monitoring import services
    from tests.factories import monitoring as mf

    campaign = services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=mf.builtin("mentee_satisfaction"),
        title="Удовлетворённость (старт)",
        audience="mentee",
        point="start",
        days_to_answer=90,
        programs=[trio.program],
    )
    mf.answer_all(campaign, trio.users[:2], [5, 3], on=date(2026, 10, 5))


def _pair(cast, year, trio):
    from tests.monitoring.test_outcomes import other_pair

    other_pair(cast, year)


def test_after_each_kind_of_write_the_refresh_gives_the_direct_breakdown(cast, year, trio):
    from apps.monitoring.outcome_services import territory_figures_refresh

    territory_figures_refresh(year=year)
    assert _breakdown_kept(cast, year) == _breakdown_direct(cast, year)
    for write in (_answers, _pair):
        before = _breakdown_kept(cast, year)
        write(cast, year, trio)
        direct = _breakdown_direct(cast, year)
        assert direct != before, write.__name__
        assert _breakdown_kept(cast, year) == before
        territory_figures_refresh(year=year)
        assert _breakdown_kept(cast, year) == direct, write.__name__


@pytest.mark.parametrize(
    ("who", "filters", "expected"),
    [
        ("regional", {}, "region"),
        ("municipal", {}, "municipality"),
        ("regional", {"municipality": "own"}, "municipality"),
        ("regional", {"kind": "school"}, None),
        ("regional", {"q": "Гимназия"}, None),
        ("admin", {}, None),  # every region
        ("curator", {}, None),  # a school of her own
    ],
)
def test_the_page_reads_the_kept_breakdown_only_for_a_whole_territory(cast, who, filters, expected):
    municipality = cast.school.municipality
    if filters.get("municipality") == "own":
        filters = {"municipality": municipality}
    found = selectors.whole_territory(user=getattr(cast, who), filters=filters)
    assert (
        found
        == {"region": ("r", municipality.region_id), "municipality": ("m", municipality.pk), None: None}[
            expected
        ]
    )


def test_the_territory_page_reads_no_answer_with_the_kept_figures(client_for, cast, year, trio, settings):
    from django.core.cache import caches
    from django.urls import reverse

    from apps.monitoring.outcome_services import territory_figures_refresh

    settings.CACHES = {
        **settings.CACHES,
        "aggregates": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t18-page"},
    }
    caches["aggregates"].clear()
    _answers(cast, year, trio)
    territory_figures_refresh(year=year)
    client = client_for("regional")
    with CaptureQueriesContext(connection) as page:
        response = client.get(reverse("territory:overview"))
    assert response.status_code == 200
    direct = _breakdown_direct(cast, year)["r"]
    assert response.context["breakdown"] == direct["breakdown"]
    assert response.context["indicator"] == direct["indicator"]
    assert response.context["trained"].mentors == direct["trained"]["mentors"]
    assert not [q for q in page.captured_queries if "monitoring_answer" in q["sql"]]
    with CaptureQueriesContext(connection) as filtered:
        response = client.get(reverse("territory:overview"), {"kind": "school"})
    assert [
        q for q in filtered.captured_queries if "monitoring_answer" in q["sql"]
    ]  # computed for the filter
    caches["aggregates"].clear()


def test_a_part_missing_or_of_another_day_is_computed_by_the_page(cast, year, trio):
    from apps.monitoring.models import TerritoryFigures
    from apps.monitoring.outcome_services import territory_figures_refresh

    territory_figures_refresh(year=year)
    region = ("r", cast.school.municipality.region_id)
    row = TerritoryFigures.objects.get(year=year, region_id=region[1])
    kept_breakdown = row.figures["breakdown"]
    row.figures["trained"] = {"mentors": 999, "trained": 999, "on": "2000-01-01"}  # computed another day
    del row.figures["indicator"]  # kept by an earlier version
    row.save()
    rows = selectors.territory_scope(user=cast.regional)
    today = timezone.localdate()
    assert selectors.indicator(rows, territory=region, year=year) == plain_indicator(rows, year)
    trained = selectors.territory_trained(organizations=rows, today=today, territory=region, year=year)
    assert trained == trained_share(organizations=organizations_of(cast.regional), today=today)
    assert selectors.territory_breakdown(organizations=rows, year=year, territory=region) == kept_breakdown
