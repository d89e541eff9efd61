"""The level-4 figures of each municipality and region kept in a table (issue 18): after a refresh they
equal the figures computed directly over the territory's organisations, whatever was written before;
the overview reads them without reading the territory's teachers, pairs and entries; a row the refresh
command left too old is computed again by the page; the page states when they were computed."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.banks.models import MentorEntry
from apps.core import freshness
from apps.monitoring import outcome_services
from apps.monitoring.models import TerritoryFigures
from apps.monitoring.selectors.outcomes import (
    kept_territory_outcomes,
    outcome_figures,
    outcome_overview,
)
from apps.organizations.models import Organization
from tests.factories import banks as bf
from tests.factories import staff as sf
from tests.monitoring.test_outcomes import DAY, other_pair, results

pytestmark = pytest.mark.django_db

ALIEN = "Ямало-Ненецкий автономный округ"


@pytest.fixture
def kept_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "aggregates": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t18-kept"},
    }
    caches["aggregates"].clear()
    yield caches["aggregates"]
    caches["aggregates"].clear()


def _direct(cast, year) -> dict:
    """The figures computed now over each territory's organisations, as the kept rows must hold them."""
    municipality, far = cast.school.municipality, cast.far_school.municipality
    return {
        ("m", municipality.pk): outcome_figures(Organization.objects.filter(municipality=municipality), year),
        ("m", far.pk): outcome_figures(Organization.objects.filter(municipality=far), year),
        ("r", municipality.region_id): outcome_figures(
            Organization.objects.filter(municipality__region_id=municipality.region_id), year
        ),
    }


def _kept(year) -> dict:
    """The kept rows of the cast's region (the other region of the fixtures has its own)."""
    return {
        ("m", row.municipality_id) if row.municipality_id else ("r", row.region_id): row.figures["outcomes"]
        for row in TerritoryFigures.objects.filter(year=year).exclude(
            Q(municipality__region__name=ALIEN) | Q(region__name=ALIEN)
        )
    }


def _pupil_results(cast, year, trio):
    results(trio, 0, "start", passed_share=60, quality_share=30)
    results(trio, 0, "end", passed_share="80,5", quality_share=45)


def _adaptation(cast, year, trio):
    for point, level, day in (("start", 2, DAY), ("middle", 4, DAY + timedelta(days=20))):
        outcome_services.adaptation_record(
            program=trio.program,
            mentee=trio.mentees[0].person,
            point=point,
            rater="mentor",
            level=level,
            assessed_on=day,
            user=None,
        )


def _activity(cast, year, trio):
    outcome_services.activity_record(
        program=trio.program,
        person=trio.mentees[1].person,
        whose="mentee",
        kind="publication",
        level="regional",
        title="Статья в сборнике",
        happened_on=DAY,
        user=cast.curator,
    )


def _new_pair(cast, year, trio):
    other_pair(cast, year)  # two more teachers involved, two more in the pairs of the year


def _bank_entry(cast, year, trio):
    bf.mentor(cast.far_school, year, status="candidate", source=MentorEntry.Source.SELF)


def _new_teacher(cast, year, trio):
    sf.PersonFactory(organization=cast.far_school)


WRITES = [_pupil_results, _adaptation, _activity, _new_pair, _bank_entry, _new_teacher]


def test_after_each_kind_of_write_the_refresh_gives_the_direct_figures(cast, year, trio):
    assert outcome_services.territory_figures_refresh(year=year) == 5
    assert _kept(year) == _direct(cast, year)
    for write in WRITES:
        before = _kept(year)
        write(cast, year, trio)
        direct = _direct(cast, year)
        assert direct != before, write.__name__  # the write changes a figure of a territory
        assert _kept(year) == before  # kept until the refresh (the page states their time)
        # Two municipalities and the region of the cast; one and one of the other region.
        assert outcome_services.territory_figures_refresh(year=year) == 5
        assert _kept(year) == direct, write.__name__


def test_the_command_refreshes_the_current_year(cast, year, trio):
    _pupil_results(cast, year, trio)
    call_command("refresh_territory_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _kept(year) == _direct(cast, year)
    with pytest.raises(CommandError):
        call_command("refresh_territory_figures", year=1990)


def test_the_overview_reads_the_kept_figures_not_the_territory(kept_cache, cast, year, trio):
    _pupil_results(cast, year, trio)
    _new_pair(cast, year, trio)
    outcome_services.territory_figures_refresh(year=year)
    assert cast.regional.active_memberships  # read once per request by the middleware
    with CaptureQueriesContext(connection) as reading:
        overview = outcome_overview(user=cast.regional, year=year)
    tables = " ".join(q["sql"] for q in reading.captured_queries)
    for table in ("staff_person", "pairs_groupmember", "banks_mentorentry", "monitoring_pupilresults"):
        assert table not in tables
    assert len(reading.captured_queries) == 2  # the municipalities' names, the kept rows
    direct = _direct(cast, year)
    municipality = cast.school.municipality
    assert dict(overview["municipalities"])[municipality.name] == direct[("m", municipality.pk)]
    assert overview["regions"] == [(municipality.region.name, direct[("r", municipality.region_id)])]


def test_a_municipality_reads_the_same_to_its_coordinator_and_to_the_region(kept_cache, cast, year, trio):
    """A teacher of the far municipality mentoring in ``school`` is involved in the region, not in her
    own municipality: a municipality's figures are those of its own organisations, whoever reads them."""
    _new_pair(cast, year, trio)
    outcome_services.territory_figures_refresh(year=year)
    own = dict(outcome_overview(user=cast.municipal, year=year)["municipalities"])
    caches["aggregates"].clear()
    regional = dict(outcome_overview(user=cast.regional, year=year)["municipalities"])
    assert list(own) == [cast.school.municipality.name]
    assert own[cast.school.municipality.name] == regional[cast.school.municipality.name]
    assert outcome_overview(user=cast.municipal, year=year)["regions"] == []


def test_a_missing_or_too_old_row_is_computed_by_the_page(settings, cast, year, trio):
    municipality = cast.school.municipality
    assert not TerritoryFigures.objects.exists()
    by_municipality, by_region, _as_of = kept_territory_outcomes(
        year=year, municipality_ids=[municipality.pk], region_ids=[municipality.region_id]
    )
    assert TerritoryFigures.objects.count() == 2
    assert by_municipality[municipality.pk] == _direct(cast, year)[("m", municipality.pk)]
    _pupil_results(cast, year, trio)
    stale = timezone.now() - timedelta(seconds=settings.TERRITORY_FIGURES_MAX_AGE_SECONDS + 60)
    TerritoryFigures.objects.filter(municipality=municipality).update(computed_at=stale)
    by_municipality, by_region, as_of = kept_territory_outcomes(
        year=year, municipality_ids=[municipality.pk], region_ids=[municipality.region_id]
    )
    assert by_municipality[municipality.pk] == _direct(cast, year)[("m", municipality.pk)]
    assert by_municipality[municipality.pk]["results_mentees"] == 1
    assert by_region[municipality.region_id]["results_mentees"] == 0  # fresh enough: kept as it was
    assert as_of < timezone.now()


def test_the_page_states_the_moment_of_the_kept_figures(kept_cache, cast, year, trio):
    outcome_services.territory_figures_refresh(year=year)
    computed = timezone.now() - timedelta(minutes=20)
    TerritoryFigures.objects.update(computed_at=computed)
    with freshness.tracking():
        outcome_overview(user=cast.regional, year=year)
        assert freshness.tracked().oldest == computed
    with freshness.tracking():  # read back from the cache: the same moment
        outcome_overview(user=cast.regional, year=year)
        assert freshness.tracked().oldest == computed


def test_a_school_of_her_own_elsewhere_is_a_line_over_that_school_alone(kept_cache, cast, year, trio):
    """A municipal coordinator who is also the curator of a school of another municipality: her own
    municipality from the kept figures, the other one computed over her school alone (not the whole
    municipality, which she does not coordinate)."""
    from apps.accounts.models import Role
    from tests.factories.accounts import UserFactory

    user = UserFactory(
        username="two_hats",
        roles=[(Role.MUNICIPAL, cast.school.municipality), (Role.CURATOR, cast.far_school)],
    )
    _new_pair(cast, year, trio)
    _new_teacher(cast, year, trio)  # a line needs something to count (as before)
    lines = dict(outcome_overview(user=user, year=year)["municipalities"])
    far = cast.far_school.municipality
    assert set(lines) == {cast.school.municipality.name, far.name}
    assert lines[far.name] == outcome_figures([cast.far_school], year)
    assert lines[far.name]["teachers"] == 1
    assert not TerritoryFigures.objects.filter(municipality=far).exists()
