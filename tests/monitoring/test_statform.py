"""The statistical form (seed 002 §VI): each row on a known world, the municipality's consolidated form
(sums, shares from the summed parts, the schools without data), who may see which territory."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.monitoring import documents, services, statform
from apps.monitoring.hooks import statform_rows
from apps.monitoring.models import Indicator
from apps.monitoring.statform import NO_DATA, NOT_SUMMED, Value, count, share, total

pytestmark = pytest.mark.django_db

ON = date(2026, 10, 5)


def cells(data: bytes, sheet: str) -> list[tuple]:
    wb = load_workbook(io.BytesIO(data))
    return [tuple(row) for row in wb[sheet].iter_rows(values_only=True)]


def _by_code(table, org) -> dict[str, str]:
    return {item["row"].code: statform.show(item["values"].get(org.pk)) for item in table}


def test_every_row_of_the_school_form_is_computed_on_the_known_world(cast, year, known):
    shown = _by_code(statform.form([cast.school], year), cast.school)
    assert shown["1.1"] == "1"  # one program
    assert shown["1.2"] == "1"  # one mentor
    assert shown["1.3"] == "3"  # three mentees
    assert shown["1.3.1"] == "3"  # all young specialists
    assert shown["1.3.2"] == "0"
    # Level 2: of the two assessed twice, one grew.
    assert shown["3.1"] == "1 из 2 (50%)"
    # Young specialists: three, none left.
    assert shown["3.2"] == "3 из 3 (100%)"
    assert shown["3.5"] == "1 из 1 (100%)"  # the program's mode is mixed (the default)
    assert shown["4.3.5"] == "1"  # «педагог – группа педагогов»
    assert shown["5.3"] == "1 из 3 (33,3%)"  # one of three mentees in the school's innovation
    assert shown["6.2"] == "2"
    assert shown["6.3"] == "87"
    assert shown["6.5"] == "7"
    assert shown["7.1"] == "1 из 1 (100%)"  # observed twice, 2 → 5
    assert shown["7.2"] == "4"  # mean of 5, 4, 3
    assert shown["7.3"] == NO_DATA  # no mentor answered
    assert shown["8.2"] == "0"  # three mentees, the mentor's limit is three
    assert shown["9.1"] == "0"


def test_a_row_without_data_says_so_never_zero(cast, year, trio):
    shown = _by_code(statform.form([cast.school], year), cast.school)
    for code in ("3.1", "6.3", "6.2", "7.1", "7.2", "4.1", "5.1", "5.1.1", "5.4", "6.6"):
        assert shown[code] == NO_DATA, code


def test_totals_sum_counts_and_recompute_shares_and_means_from_their_parts():
    assert total([count(2), count(5), None]) == Value("count", 7, 0)
    summed = total([share(1, 2), share(3, 4)])
    assert summed.percent == 66.7  # 4 of 6, not the mean of 50 % and 75 % (62,5 %)
    mean = total([Value("mean", 8, 2), Value("mean", 3, 1)])
    assert mean.mean == 3.67  # (8 + 3) / 3 answers, not (4 + 3) / 2
    assert total([None, None]) is None
    assert statform.show(total([Value("entered", 87), Value("entered", 91)])) == NOT_SUMMED


def test_the_school_form_xlsx_has_a_header_and_every_row(cast, year, known, municipality):
    rows = cells(documents.statistical_form_xlsx(organization=cast.school, year=year), "Статистическая форма")
    text = [r[1] for r in rows]
    assert rows[0][1].startswith("Статистическая форма мониторинга")
    assert f"Организация: {cast.school.full_name}" in text
    assert f"Муниципальное образование: {cast.school.municipality.name}" in text
    assert "Учебный год: 2026/2027" in text
    assert any(t and t.startswith("Дата формирования: ") and t.endswith(" г.") for t in text)
    by_code = {r[0]: r for r in rows if r[0]}
    assert len([c for c in by_code if c[0].isdigit()]) == len(statform.rows())
    assert by_code["3.1"][3:6] == ("1 из 2 (50%)", 1, 2)
    assert by_code["7.2"][3] == "4"
    assert by_code["4.1"][3] == NO_DATA


def test_the_consolidated_form_sums_schools_and_lists_those_without_data(
    client_for, cast, year, known, municipality
):
    services.indicator_set(
        organization=cast.other_school,
        year=year,
        kind=Indicator.OLYMPIAD,
        value=5,
        source="протоколы",
        user=cast.other_curator,
    )
    services.indicator_set(
        organization=cast.other_school,
        year=year,
        kind=Indicator.EXAM_PASS,
        value=91,
        source="протоколы",
        user=cast.other_curator,
    )
    # The municipal coordinator's workbook: «Гимназия № 2», «СОШ № 7» of her municipality, then the total.
    response = client_for("municipal").get(reverse("monitoring:consolidated-form-xlsx"), {"year": year.pk})
    data = response.content
    rows = {r[0]: r for r in cells(data, "Сводная форма") if r[0]}
    assert rows["№"][3:6] == (cast.other_school.short_name, cast.school.short_name, "Итого")
    assert rows["6.5"][3:6] == (5, 7, 12)  # olympiad participants summed, as numbers
    assert rows["6.3"][3:6] == (91, 87, NOT_SUMMED)  # percentages are not summed
    assert rows["1.3"][3:6] == (0, 3, 3)
    assert rows["3.1"][3:6] == (NO_DATA, "1 из 2 (50%)", "1 из 2 (50%)")
    gaps = cells(data, "Нет данных")
    assert gaps[1][0] == cast.other_school.short_name
    assert "3.1" in gaps[1][1] and "6.5" not in gaps[1][1]


def test_the_regional_indicator_row_comes_from_the_territory_app(cast, year):
    assert [f.__module__ for f in statform_rows] == ["apps.territory.statform", "apps.risks.statform"]
    row = next(r for r in statform.rows() if r.code == "2.1")
    assert row.compute is not None
    # No Regulation approved by order: neither school implements the target model; the total is a share.
    values = row.values([cast.school, cast.other_school], year)
    assert statform.show(total(list(values.values()))) == "0 из 2 (0%)"


# Who sees which consolidated form ------------------------------------------------------------------


def _names(response) -> list[str]:
    return [column.name for column in response.context["form"].columns]


def test_the_municipal_coordinator_sees_the_schools_of_her_municipality_only(
    client_for, cast, year, municipality
):
    url = reverse("monitoring:consolidated-form")
    response = client_for("municipal").get(url, {"year": year.pk})
    assert response.status_code == 200
    assert set(_names(response)) == {cast.school.short_name, cast.other_school.short_name}
    # Another municipality's id in the query: it does not exist for her.
    far = cast.far_school.municipality_id
    assert client_for("municipal").get(url, {"year": year.pk, "municipality": far}).status_code == 404
    xlsx = reverse("monitoring:consolidated-form-xlsx")
    assert client_for("municipal").get(xlsx, {"year": year.pk, "municipality": far}).status_code == 404
    assert client_for("municipal").get(xlsx, {"year": year.pk, "municipality": "1 OR 1=1"}).status_code == 404


def test_the_regional_operator_gets_the_region_or_picks_a_municipality(
    client_for, cast, year, municipality, far_municipality
):
    url = reverse("monitoring:consolidated-form")
    # The region: its municipalities side by side.
    region = client_for("regional").get(url, {"year": year.pk})
    assert _names(region) == sorted([municipality.name, far_municipality.name])
    far = client_for("regional").get(url, {"year": year.pk, "municipality": cast.far_school.municipality_id})
    assert _names(far) == [cast.far_school.short_name]
    # A regional operator of another region: our municipality is not hers.
    alien = client_for("alien_regional").get(
        url, {"year": year.pk, "municipality": cast.school.municipality_id}
    )
    assert alien.status_code == 404


@pytest.mark.parametrize("who", ["curator", "director", "mentor", "admin", "other_curator"])
def test_schools_and_the_administrator_get_no_consolidated_form(client_for, year, who):
    assert client_for(who).get(reverse("monitoring:consolidated-form"), {"year": year.pk}).status_code == 403


def test_the_school_form_page_shows_every_row(client_for, cast, year, known):
    response = client_for("director").get(reverse("monitoring:statistical-form-page"), {"year": year.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Рост числа закрепившихся в профессии молодых и начинающих педагогов" in html
    assert "1 из 2 (50%)" in html and NO_DATA in html
    assert client_for("mentor").get(reverse("monitoring:statistical-form-page")).status_code == 403


def test_the_consolidated_form_reads_the_same_number_of_queries_for_one_school_or_three(
    cast, year, known, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        statform.form([cast.school], year)
    with django_assert_num_queries(len(one.captured_queries)):
        statform.form([cast.school, cast.other_school, cast.far_school], year)


def test_hostile_query_values_never_give_a_500(client_for, year, municipality):
    huge = "9" * 40
    assert (
        client_for("municipal")
        .get(reverse("monitoring:consolidated-form"), {"municipality": huge})
        .status_code
        == 404
    )
    assert (
        client_for("curator").get(reverse("monitoring:statistical-form-page"), {"year": huge}).status_code
        == 200
    )
    response = client_for("curator").post(
        reverse("monitoring:recommendations"), {"text": "<script>alert(1)</script>", "program": "' OR 1=1 --"}
    )
    assert response.status_code == 200 and "<script>alert(1)" not in response.content.decode()
