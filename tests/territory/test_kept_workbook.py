"""The territory's .xlsx of a whole municipality or region is kept (issue 18, apps/territory/exports.py):
built by ``refresh_territory_figures``, served by the download without the grouped query, the same sheets
as a build of the moment apart from «Данные на», built again when too old; a filtered download is built as
it is asked; and each coordinator gets only her own territory's workbook."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.core.freshness import moment_text
from apps.monitoring import hooks as monitoring_hooks
from apps.organizations.models import Organization
from apps.territory import exports
from apps.territory.models import KeptWorkbook
from tests.factories import pairs as f
from tests.factories.organizations import OrganizationFactory

pytestmark = pytest.mark.django_db

URL = reverse("territory:overview")
# Only the grouped query of regional_report says GROUPING SETS: the workbook was built, not read.
BUILT = "GROUPING SETS"


@pytest.fixture
def world(cast, year):
    f.mentor_entry(cast.school, year)
    f.mentor_entry(cast.far_school, year)
    f.mentee_entry(cast.other_school, year)
    return cast


def _sheets(content: bytes) -> dict:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def _without_moment(sheets: dict) -> dict:
    """The sheets less the row «Данные на» of «Итоги» (checked to be there, once)."""
    summary = sheets["Итоги"]
    moments = [row for row in summary if row[0] == "Данные на"]
    assert len(moments) == 1
    return {**sheets, "Итоги": [row for row in summary if row[0] != "Данные на"]}


def _moment(sheets: dict) -> str:
    return dict(sheets["Итоги"][1:])["Данные на"]


def _download(client, query: str = ""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL + "?export=xlsx" + query)
    assert response.status_code == 200
    built = any(BUILT in q["sql"] for q in queries.captured_queries)
    return response, built


def _region(cast):
    return cast.school.municipality.region_id


def test_the_refresh_command_builds_the_workbook_of_every_municipality_and_region(world, year):
    call_command("refresh_territory_figures", stdout=io.StringIO())
    municipalities = set(Organization.objects.values_list("municipality_id", flat=True))
    regions = set(Organization.objects.values_list("municipality__region_id", flat=True))
    kept = KeptWorkbook.objects.filter(year=year)
    assert {k.municipality_id for k in kept if k.municipality_id} == municipalities
    assert {k.region_id for k in kept if k.region_id} == regions
    region = kept.get(region_id=_region(world))
    sheets = _sheets(bytes(region.content))
    assert _moment(sheets) == moment_text(region.computed_at)
    assert sorted(row[1] for row in sheets["Организации"][1:]) == sorted(
        Organization.objects.filter(municipality__region_id=_region(world)).values_list(
            "short_name", flat=True
        )
    )
    # Built again by the next run, with the moment of its data.
    before = region.computed_at
    call_command("refresh_territory_figures", stdout=io.StringIO())
    assert kept.get(region_id=_region(world)).computed_at > before
    assert kept.count() == len(municipalities) + len(regions)


def test_the_territory_app_keeps_its_workbooks_through_the_monitoring_hook():
    assert [func.__module__ for func in monitoring_hooks.territory_figures_refreshed] == [
        "apps.territory.exports"
    ]


def test_a_whole_region_s_download_is_the_kept_workbook_read_without_the_grouped_query(
    client_for, world, year
):
    call_command("refresh_territory_figures", stdout=io.StringIO())
    kept = KeptWorkbook.objects.get(year=year, region_id=_region(world))
    response, built = _download(client_for("regional"))
    assert not built
    assert response.content == bytes(kept.content)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "no-store"
    day = f"{timezone.localtime(kept.computed_at):%d.%m.%Y}"
    assert f"{day}.xlsx" in response["Content-Disposition"]


def test_the_kept_workbook_is_a_build_of_the_moment_but_for_the_moment_of_its_data(client_for, world, year):
    call_command("refresh_territory_figures", stdout=io.StringIO())
    kept, built = _download(client_for("regional"))
    assert not built
    organizations = Organization.objects.filter(municipality__region_id=_region(world))
    live = exports.territory_workbook(organizations=organizations, year=year)
    kept_sheets, live_sheets = _sheets(kept.content), _sheets(live.content)
    assert _without_moment(kept_sheets) == _without_moment(live_sheets)
    assert list(kept_sheets) == ["Итоги", "Муниципалитеты", "Организации"]
    assert dict(kept_sheets["Итоги"][1:])["Организаций"] == organizations.count() == 3
    assert dict(kept_sheets["Итоги"][1:])["Наставников"] == 2
    assert _moment(live_sheets) == moment_text(live.data_time)
    # The rows and the summary as the download built them before they were kept (a filter that keeps
    # every organisation of the region is built as it is asked).
    response, built = _download(client_for("regional"), "&kind=school")
    assert built
    assert _without_moment(_sheets(response.content)) == _without_moment(kept_sheets)


def test_the_kept_workbook_is_served_until_it_is_too_old_then_built_again(client_for, world, year, settings):
    call_command("refresh_territory_figures", stdout=io.StringIO())
    client = client_for("regional")
    OrganizationFactory(municipality=world.far_school.municipality, short_name="МБОУ СОШ № 99")
    response, built = _download(client)
    assert not built and "МБОУ СОШ № 99" not in str(_sheets(response.content)["Организации"])
    settings.TERRITORY_FIGURES_MAX_AGE_SECONDS = 600
    KeptWorkbook.objects.filter(region_id=_region(world)).update(
        computed_at=timezone.now() - timedelta(seconds=601)
    )
    response, built = _download(client)
    assert built and "МБОУ СОШ № 99" in str(_sheets(response.content)["Организации"])
    kept = KeptWorkbook.objects.get(year=year, region_id=_region(world))  # and kept, one row
    assert timezone.now() - kept.computed_at < timedelta(seconds=60)
    assert bytes(kept.content) == response.content
    response, built = _download(client)
    assert not built and response.content == bytes(kept.content)


def test_a_territory_without_a_kept_workbook_gets_it_built_and_kept_by_the_download(client_for, world, year):
    assert not KeptWorkbook.objects.exists()
    response, built = _download(client_for("municipal"))
    assert built
    kept = KeptWorkbook.objects.get()
    assert kept.municipality_id == world.school.municipality_id and kept.year == year
    assert bytes(kept.content) == response.content
    response, built = _download(client_for("municipal"))
    assert not built and response.content == bytes(kept.content)


@pytest.mark.parametrize("query", ["&kind=school", "&q=СОШ", "&implements=no", "&roadmap=none"])
def test_a_filtered_download_is_built_as_it_is_asked(client_for, world, year, query):
    call_command("refresh_territory_figures", stdout=io.StringIO())
    OrganizationFactory(municipality=world.school.municipality, short_name="МБОУ СОШ № 98")
    response, built = _download(client_for("regional"), query)
    assert built
    assert "МБОУ СОШ № 98" in str(_sheets(response.content)["Организации"])
    assert KeptWorkbook.objects.filter(year=year).count() == 3 + 2  # what the refresh kept, nothing more


def test_each_coordinator_gets_only_her_own_territory_s_workbook(client_for, world, year, alien):
    call_command("refresh_territory_figures", stdout=io.StringIO())
    near, far = world.school.municipality, world.far_school.municipality
    kept = {
        "near": bytes(KeptWorkbook.objects.get(year=year, municipality=near).content),
        "far": bytes(KeptWorkbook.objects.get(year=year, municipality=far).content),
        "region": bytes(KeptWorkbook.objects.get(year=year, region_id=near.region_id).content),
    }
    municipal = client_for("municipal")
    response, built = _download(municipal)
    assert not built and response.content == kept["near"]
    # Another municipality of her region or of another region is no choice of hers (the filter refuses
    # it): her own organisations, built as asked, never another territory's kept workbook.
    for query in (f"&municipality={far.pk}", f"&municipality={alien.municipality.pk}"):
        response, built = _download(municipal, query)
        assert built
        assert response.content != kept["far"] and response.content != kept["region"]
        names = {row[1] for row in _sheets(response.content)["Организации"][1:]}
        assert names == {world.school.short_name, world.other_school.short_name}
    # The regional operator: the region's, and any municipality's of it when she chooses one.
    regional = client_for("regional")
    assert _download(regional)[0].content == kept["region"]
    response, built = _download(regional, f"&municipality={far.pk}")
    assert not built and response.content == kept["far"]
    # Not a coordinator: refused, nothing read.
    assert client_for("curator").get(URL + "?export=xlsx").status_code == 403


def test_an_older_build_never_replaces_a_newer_kept_workbook(world, year):
    territory = ("r", _region(world))
    first = exports.territory_workbook_keep(year=year, territory=territory)
    newer = first.data_time + timedelta(minutes=5)
    KeptWorkbook.objects.filter(region_id=territory[1]).update(content=b"newer", computed_at=newer)
    # A process that read its data before the newer one was kept: its update finds no older row, its
    # insert meets the unique constraint; the newer workbook stays, whole.
    exports.territory_workbook_keep(year=year, territory=territory)
    row = KeptWorkbook.objects.get(year=year, region_id=territory[1])
    assert (bytes(row.content), row.computed_at) == (b"newer", newer)
    # A newer build replaces an older one in place.
    KeptWorkbook.objects.filter(pk=row.pk).update(computed_at=first.data_time - timedelta(minutes=5))
    again = exports.territory_workbook_keep(year=year, territory=territory)
    row = KeptWorkbook.objects.get(year=year, region_id=territory[1])
    assert (bytes(row.content), row.computed_at) == (again.content, again.data_time)
