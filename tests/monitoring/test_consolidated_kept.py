"""The consolidated statistical form read from the kept forms of the municipalities (issue 18): a region's
municipalities side by side, a municipality's organisations page by page, every figure equal to the form
computed live over the same organisations, and nothing computed while the kept rows are current."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.accounts.models import Role
from apps.monitoring import services, statform
from apps.monitoring.models import Indicator, StatFormFigures
from apps.monitoring.outcome_services import statform_refresh
from apps.monitoring.selectors import consolidated
from apps.monitoring.statform import NOT_SUMMED, Value, decode, encode
from apps.organizations.models import Organization
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

URL = "monitoring:consolidated-form"


@pytest.fixture
def entered(cast, year, known):
    """Beside the trio's program in «СОШ № 7»: the far school's entered figures, so that the region's
    columns differ and an entered percentage meets a total."""
    for kind, value in ((Indicator.OLYMPIAD, 5), (Indicator.EXAM_PASS, 91)):
        services.indicator_set(
            organization=cast.far_school,
            year=year,
            kind=kind,
            value=value,
            source="протоколы",
            user=cast.far_curator,
        )
    return known


def _live(organizations, year) -> dict[str, str]:
    """The form computed now over ``organizations``: {code: the total as the page shows it}."""
    return {item["row"].code: statform.show(item["total"]) for item in statform.form(organizations, year)}


def _page(response) -> dict:
    """{column name: {code: cell}} and «Итого» as the page shows them."""
    names = [column.name for column in response.context["form"].columns] + ["Итого"]
    table = {name: {} for name in names}
    for item in response.context["rows"]:
        for name, cell in zip(names, [*item["cells"], item["shown"]], strict=True):
            table[name][item["row"].code] = cell
    return table


def test_a_value_survives_its_json_unrounded():
    for value in (
        Value("count", 7),
        Value("share", 1, 3),
        Value("mean", Decimal("13.5"), 3),
        Value("mean", 4.25, 2),
        Value("entered", Decimal("87.50")),
        Value("entered", NOT_SUMMED),
    ):
        import json

        assert decode(json.loads(json.dumps(encode(value)))) == value


def test_the_regions_columns_are_its_municipalities_each_equal_to_the_live_form(
    client_for, cast, year, entered, municipality, far_municipality
):
    response = client_for("regional").get(reverse(URL), {"year": year.pk})
    assert response.status_code == 200
    table = _page(response)
    near = Organization.objects.filter(municipality=municipality)
    assert table[municipality.name] == _live(near, year)
    assert table[far_municipality.name] == _live([cast.far_school], year)
    assert table["Итого"] == _live([*near, cast.far_school], year)
    # Counts are summed and entered percentages are not, as over the schools themselves.
    assert table["Итого"]["6.5"] == "12" and table["Итого"]["6.3"] == NOT_SUMMED
    html = response.content.decode()
    assert f"municipality={far_municipality.pk}" in html  # each column opens its own form


def test_a_current_kept_form_is_read_not_computed(client_for, cast, year, entered, municipality):
    statform_refresh(year=year)
    client = client_for("regional")
    with CaptureQueriesContext(connection) as region:
        assert client.get(reverse(URL), {"year": year.pk}).status_code == 200
    with CaptureQueriesContext(connection) as municipal:
        page = client.get(reverse(URL), {"year": year.pk, "municipality": municipality.pk})
        assert page.status_code == 200
    # The form's rows read the banks, the answers, the programs: the pages read only the kept rows.
    for captured in (region, municipal):
        sql = " ".join(q["sql"] for q in captured.captured_queries)
        assert "monitoring_statformfigures" in sql
        for table in ("banks_mentorentry", "monitoring_answer", "programs_program", "monitoring_indicator"):
            assert table not in sql
    # The region's page does not even read the organisations' values.
    region_sql = next(q["sql"] for q in region.captured_queries if "monitoring_statformfigures" in q["sql"])
    selected = region_sql.split(" FROM ")[0]
    assert "\"figures\" -> 'totals'" in selected
    assert '"figures"' not in re.sub(r"\"figures\" -> '\w+'", "", selected)


def test_the_page_shows_the_kept_moment_until_the_refresh(client_for, cast, year, entered, municipality):
    client = client_for("municipal")
    first = _page(client.get(reverse(URL), {"year": year.pk}))
    kept = StatFormFigures.objects.get(year=year, municipality=municipality)
    services.indicator_set(
        organization=cast.other_school,
        year=year,
        kind=Indicator.OLYMPIAD,
        value=5,
        source="протоколы",
        user=cast.other_curator,
    )
    response = client.get(reverse(URL), {"year": year.pk})
    assert _page(response) == first  # the kept form, as of its moment
    moment = f"{timezone.localtime(kept.computed_at):%H:%M}"
    assert f"данные на {moment}" in response.content.decode()
    call_command("refresh_territory_figures", stdout=io.StringIO())
    after = _page(client.get(reverse(URL), {"year": year.pk}))
    assert after["Итого"]["6.5"] == "12" and after[cast.other_school.short_name]["6.5"] == "5"


@pytest.mark.parametrize("how", ["old", "other codes", "none"])
def test_a_form_kept_too_long_ago_or_by_another_version_is_computed_again(
    client_for, cast, year, entered, how, municipality
):
    statform_refresh(year=year)
    row = StatFormFigures.objects.get(year=year, municipality=municipality)
    if how == "old":
        row.computed_at = timezone.now() - timedelta(days=1)
        row.save()
    elif how == "other codes":
        row.figures = {**row.figures, "codes": ["1.1"]}
        row.save()
    else:
        row.delete()
    response = client_for("municipal").get(reverse(URL), {"year": year.pk})
    assert _page(response)["Итого"] == _live(Organization.objects.filter(municipality=municipality), year)
    again = StatFormFigures.objects.get(year=year, municipality=municipality)
    assert again.figures["codes"] == statform.computed_codes()
    assert again.computed_at > timezone.now() - timedelta(minutes=1)


def test_a_municipality_is_shown_page_by_page_with_the_total_of_all(
    client_for, cast, year, entered, monkeypatch, municipality
):
    monkeypatch.setattr(consolidated, "ORGANIZATIONS_PER_PAGE", 1)
    client = client_for("municipal")
    both = _live([cast.school, cast.other_school], year)
    first = client.get(reverse(URL), {"year": year.pk})
    second = client.get(reverse(URL), {"year": year.pk, "page": 2})
    assert [c.name for c in first.context["form"].columns] == [cast.other_school.short_name]
    assert [c.name for c in second.context["form"].columns] == [cast.school.short_name]
    assert _page(first)["Итого"] == _page(second)["Итого"] == both
    assert _page(second)[cast.school.short_name] == {
        item["row"].code: statform.show(item["values"].get(cast.school.pk))
        for item in statform.form([cast.school], year)
    }
    assert "Итого по муниципалитету" in first.content.decode()
    assert "page=2" in first.content.decode()
    # The schools without data: those of the page, and how many in the whole municipality.
    form = second.context["form"]
    assert form.organizations == 2 and form.without_data == 2
    assert [name for name, _m, _codes in form.gaps] == [cast.school.short_name]
    # A page past the last one shows the last, never a 500.
    assert client.get(reverse(URL), {"year": year.pk, "page": "999"}).context["form"].page.number == 2


def test_the_regions_workbook_has_a_column_per_municipality_and_every_school_without_data(
    client_for, cast, year, entered, municipality, far_municipality
):
    response = client_for("regional").get(reverse("monitoring:consolidated-form-xlsx"), {"year": year.pk})
    book = load_workbook(io.BytesIO(response.content))
    rows = [tuple(r) for r in book["Сводная форма"].iter_rows(values_only=True)]
    header = next(r for r in rows if r[0] == "№")
    assert header[3:] == (far_municipality.name, municipality.name, "Итого")
    by_code = {r[0]: r for r in rows if r[0]}
    assert by_code["6.5"][3:] == (5, 7, 12)
    assert any(str(r[1]).startswith("Данные на: ") for r in rows)
    gaps = [tuple(r) for r in book["Нет данных"].iter_rows(values_only=True)]
    assert gaps[0] == ("Муниципалитет", "Организация", "Строки формы без данных")
    assert (far_municipality.name, cast.far_school.short_name) in {g[:2] for g in gaps}


def test_a_coordinator_of_two_municipalities_sees_them_side_by_side_and_may_pick_one(
    client, cast, year, alien, municipality, far_municipality
):
    both = UserFactory(
        username="two_municipalities",
        roles=[(Role.MUNICIPAL, municipality), (Role.MUNICIPAL, far_municipality)],
    )
    client.force_login(both)
    response = client.get(reverse(URL), {"year": year.pk})
    assert [c.name for c in response.context["form"].columns] == [
        far_municipality.name,
        municipality.name,
    ]
    assert [m.pk for m in response.context["municipalities"]] == [
        far_municipality.pk,
        municipality.pk,
    ]
    far = client.get(reverse(URL), {"year": year.pk, "municipality": far_municipality.pk})
    assert [c.name for c in far.context["form"].columns] == [cast.far_school.short_name]
    alien = client.get(reverse(URL), {"year": year.pk, "municipality": alien.school.municipality_id})
    assert alien.status_code == 404


def test_a_municipality_page_reads_the_values_of_its_own_organisations_only(
    client_for, cast, year, entered, monkeypatch
):
    monkeypatch.setattr(consolidated, "ORGANIZATIONS_PER_PAGE", 1)
    statform_refresh(year=year)
    with CaptureQueriesContext(connection) as page:
        response = client_for("municipal").get(reverse(URL), {"year": year.pk, "page": 2})
    assert [c.name for c in response.context["form"].columns] == [cast.school.short_name]
    kept = [q["sql"] for q in page.captured_queries if "monitoring_statformfigures" in q["sql"]]
    selected = " ".join(sql.split(" FROM ")[0] for sql in kept)
    assert '"figures" FROM' not in " ".join(kept) and '"figures",' not in selected  # never the whole JSON
    assert f"'organizations','{cast.school.pk}']" in selected
    assert f"'organizations','{cast.other_school.pk}']" not in selected


def test_a_form_kept_again_between_the_two_reads_is_read_again_whole(
    client_for, cast, year, entered, monkeypatch
):
    from apps.monitoring.outcome_services import statform_keep

    statform_refresh(year=year)
    real = consolidated.kept_columns
    calls = []

    def kept_meanwhile(**kwargs):
        if not calls:  # cron keeps the municipality again between the page's two reads
            services.indicator_set(
                organization=cast.school,
                year=year,
                kind=Indicator.OLYMPIAD,
                value=9,
                source="протоколы",
                user=cast.curator,
            )
            statform_keep(year=year, municipality=cast.school.municipality_id)
        calls.append(kwargs["computed_at"])
        return real(**kwargs)

    monkeypatch.setattr(consolidated, "kept_columns", kept_meanwhile)
    table = _page(client_for("municipal").get(reverse(URL), {"year": year.pk}))
    assert len(calls) == 2 and calls[0] != calls[1]
    assert table[cast.school.short_name]["6.5"] == "9" and table["Итого"]["6.5"] == "9"
