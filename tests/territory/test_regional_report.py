"""The region's annual figures in one grouped query (apps/territory/regional_report.py) against the
straightforward ORM computation: every organisation's flags and counts against plain counts made one
organisation at a time (tests/territory/plain.py), every municipality's and the whole scope's sums against
counts of the rows themselves and the plain indicator; and the region's .xlsx that prints them."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.models import Role
from apps.banks.models import MenteeEntry, MentorEntry
from apps.orders.models import Order
from apps.organizations.models import AcademicYear, Organization
from apps.programs.models import Program
from apps.territory import selectors
from apps.territory.filters import TerritoryFilter
from apps.territory.models import KeptWorkbook
from apps.territory.regional_report import regional_report
from apps.territory.services import roadmap_agree
from tests.factories import pairs as f
from tests.factories import territory as tf
from tests.factories.accounts import UserFactory
from tests.factories.monitoring import trio
from tests.factories.orders import make_signed
from tests.factories.organizations import OrganizationFactory
from tests.territory.plain import plain_figures, plain_indicator

pytestmark = pytest.mark.django_db

URL = reverse("territory:overview")
FIGURES = (
    "has_regulation",
    "has_curator",
    "active_pairs",
    "implements",
    "n_mentors",
    "n_mentees",
    "n_programs",
    "roadmap_status",
)


@pytest.fixture
def world(cast, year):
    """cast.school implements the model (Regulation, curator, active program) with an agreed roadmap;
    other_school has a curator, an approved roadmap, a counted mentor and mentee and uncounted ones; a
    preschool (outside the indicator) has a curator and a mentee; far_school (another municipality) has a
    signed Regulation but no curator; entries of another year count nowhere."""
    make_signed(
        cast.school,
        cast.curator,
        cast.director,
        kind=Order.Kind.REGULATION,
        title="Об утверждении Положения о системе наставничества",
        items=["Утвердить Положение о системе наставничества."],
    )
    trio(cast, year)
    roadmap = tf.approved(cast.school, year, cast.curator, cast.director)
    roadmap_agree(roadmap=roadmap, coordinator=cast.municipal)
    tf.approved(cast.other_school, year, cast.other_curator, cast.other_director)
    f.mentor_entry(cast.other_school, year)
    f.mentor_entry(cast.other_school, year, status=MentorEntry.Status.CANDIDATE)
    f.mentee_entry(cast.other_school, year)
    f.mentee_entry(cast.other_school, year, status=MenteeEntry.Status.LEFT)
    kindergarten = OrganizationFactory(
        municipality=cast.school.municipality,
        short_name="МБДОУ Детский сад № 5",
        kind=Organization.Kind.PRESCHOOL,
    )
    UserFactory(username="kg_curator", roles=[(Role.CURATOR, kindergarten)])
    f.mentee_entry(kindergarten, year)
    make_signed(
        cast.far_school,
        cast.far_curator,
        UserFactory(username="far_director", roles=[(Role.DIRECTOR, cast.far_school)]),
        kind=Order.Kind.REGULATION,
        title="Об утверждении Положения о системе наставничества",
        items=["Утвердить Положение о системе наставничества."],
    )
    cast.far_curator.memberships.filter(role=Role.CURATOR).update(is_active=False)
    past = AcademicYear.objects.create(start_year=year.start_year - 1)
    f.mentor_entry(cast.school, past)
    f.mentee_entry(cast.far_school, past)
    return kindergarten


def _orm(organizations, year) -> dict:
    """{pk: figures} counted the plain way, one organisation and one query per figure."""
    return {o.pk: {name: plain_figures(o, year)[name] for name in FIGURES} for o in organizations}


def _sql(report) -> dict:
    return {o.pk: {name: getattr(o, name) for name in FIGURES} for o in report.organizations}


@pytest.mark.parametrize("who", ["regional", "municipal"])
def test_every_organisation_has_the_figures_of_the_territory_list(cast, year, world, who):
    user = getattr(cast, who)
    scope = selectors.territory_scope(user=user)
    report = regional_report(organizations=scope, year=year)
    assert [o.pk for o in report.organizations] == [o.pk for o in scope]
    assert _sql(report) == _orm(scope, year)
    school = _sql(report)[cast.school.pk]
    assert school == {
        "has_regulation": True,
        "has_curator": True,
        "active_pairs": 1,
        "implements": True,
        "n_mentors": 1,
        "n_mentees": 3,
        "n_programs": 1,
        "roadmap_status": "agreed",
    }
    assert {o.municipality for o in report.organizations} <= {
        cast.school.municipality.name,
        cast.far_school.municipality.name,
    }


def test_another_year_has_its_own_counts_and_the_same_flags(cast, year, world):
    past = AcademicYear.objects.get(start_year=year.start_year - 1)
    scope = selectors.territory_scope(user=cast.regional)
    report = regional_report(organizations=scope, year=past)
    assert _sql(report) == _orm(scope, past)
    figures = _sql(report)
    assert figures[cast.school.pk]["n_mentors"] == 1 and figures[cast.school.pk]["has_regulation"]
    assert not figures[cast.school.pk]["implements"] and figures[cast.far_school.pk]["n_mentees"] == 1


def test_the_municipalities_and_the_whole_scope_are_the_sums_of_their_organisations(cast, year, world):
    scope = selectors.territory_scope(user=cast.regional)
    report = regional_report(organizations=scope, year=year)
    municipalities = sorted({o.municipality for o in scope}, key=lambda m: m.name)
    assert [m.municipality_id for m in report.municipalities] == [m.pk for m in municipalities]
    for totals, municipality in [
        *zip(report.municipalities, municipalities, strict=True),
        (report.whole, None),
    ]:
        rows = scope.filter(municipality=municipality) if municipality else scope
        indicator = plain_indicator(rows, year)
        assert (
            totals.total,
            totals.implementing,
            totals.with_regulation,
            totals.with_curator,
            totals.with_pairs,
            totals.roadmaps_agreed,
            totals.share,
        ) == (
            indicator["total"],
            indicator["implementing"],
            indicator["with_regulation"],
            indicator["with_curator"],
            indicator["with_pairs"],
            indicator["roadmaps_agreed"],
            indicator["share"],
        )
        assert totals.organizations == rows.count()
        assert totals.municipality == (municipality.name if municipality else "")
        # The people and programs counted straight from their own tables.
        assert (
            totals.n_mentors
            == MentorEntry.objects.filter(
                organization__in=rows, year=year, status__in=selectors.MENTOR_COUNTED
            ).count()
        )
        assert (
            totals.n_mentees
            == MenteeEntry.objects.filter(
                organization__in=rows, year=year, status__in=selectors.MENTEE_COUNTED
            ).count()
        )
        assert (
            totals.n_programs
            == Program.objects.filter(
                organization__in=rows, group__year=year, status__in=selectors.PROGRAM_COUNTED
            ).count()
        )
        assert totals.active_pairs == sum(plain_figures(o, year)["active_pairs"] for o in rows)
    whole = report.whole
    # cast.school alone implements; the kindergarten is listed and counted apart from the indicator.
    assert (whole.organizations, whole.total, whole.implementing, whole.share) == (4, 3, 1, 33.3)
    assert (whole.n_mentors, whole.n_mentees, whole.roadmaps_agreed) == (2, 5, 1)


@pytest.mark.parametrize(
    "query",
    [
        {"q": "сош № 7"},
        {"implements": "no"},
        {"implements": "yes"},
        {"roadmap": "approved"},
        {"kind": "preschool"},
    ],
)
def test_a_filtered_list_gives_the_figures_of_its_rows(cast, year, world, query):
    scope = selectors.territory_scope(user=cast.regional)
    rows = TerritoryFilter(query, queryset=scope, scope=scope, year=year).qs
    report = regional_report(organizations=rows, year=year)
    assert [o.pk for o in report.organizations] == [o.pk for o in rows]
    assert _sql(report) == _orm(rows, year)
    assert report.whole.organizations == len(report.organizations)


def test_an_empty_scope_gives_an_empty_report(cast, year):
    report = regional_report(organizations=Organization.objects.none(), year=year)
    assert report.organizations == [] and report.municipalities == []
    assert report.whole.organizations == 0 and report.whole.share is None


def _sheets(response) -> dict:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_the_region_xlsx_has_the_totals_the_municipalities_and_every_organisation(
    client_for, cast, year, world
):
    sheets = _sheets(client_for("regional").get(URL + "?export=xlsx"))
    assert list(sheets) == ["Итоги", "Муниципалитеты", "Организации"]
    summary = dict(sheets["Итоги"][1:])
    assert summary["Организаций"] == 4 and summary["Муниципалитетов"] == 2
    assert summary["Реализуют целевую модель наставничества"] == 1
    assert summary["Доля организаций, реализующих целевую модель наставничества, %"] == 33.3
    assert (summary["Наставников"], summary["Наставляемых"], summary["Программ"]) == (2, 5, 1)
    header, *municipalities = sheets["Муниципалитеты"]
    assert header[0] == "Муниципалитет"
    near = next(m for m in municipalities if m[0] == cast.school.municipality.name)
    assert near[1:5] == (3, 2, 1, 50)
    header, *organizations = sheets["Организации"]
    assert header[1] == "Организация" and len(organizations) == 4
    school = next(r for r in organizations if r[1] == cast.school.short_name)
    assert school[2:] == (
        "Общеобразовательная организация",
        "да",
        "да",
        1,
        "да",
        1,
        3,
        1,
        "согласована муниципальным координатором",
    )


def test_the_region_xlsx_reads_the_same_number_of_queries_at_4_and_24_organisations(
    client_for, cast, year, world, django_assert_max_num_queries
):
    """Built by the download (no kept workbook, as before the first refresh): the same queries whatever
    the number of organisations; the kept one is read by one (tests/territory/test_kept_workbook.py)."""
    client = client_for("regional")
    client.get(URL + "?export=xlsx")
    KeptWorkbook.objects.all().delete()
    with django_assert_max_num_queries(12) as small:  # the build, and keeping it: 5 more
        client.get(URL + "?export=xlsx")
    for i in range(20):
        org = OrganizationFactory(
            municipality=cast.far_school.municipality, short_name=f"МБОУ СОШ № {200 + i}"
        )
        f.mentor_entry(org, year, consent_signed_on=date(2026, 9, 1))
        if i % 2:  # a Regulation and a curator: no lookup per organisation for the flags either
            make_signed(
                org,
                UserFactory(username=f"curator{org.pk}", roles=[(Role.CURATOR, org)]),
                UserFactory(username=f"director{org.pk}", roles=[(Role.DIRECTOR, org)]),
                kind=Order.Kind.REGULATION,
                title="Об утверждении Положения о системе наставничества",
                items=["Утвердить Положение о системе наставничества."],
            )
    KeptWorkbook.objects.all().delete()
    with django_assert_max_num_queries(len(small.captured_queries)):
        sheets = _sheets(client.get(URL + "?export=xlsx"))
    assert len(sheets["Организации"]) == 1 + 24 and dict(sheets["Итоги"][1:])["Наставников"] == 22
    assert dict(sheets["Итоги"][1:])["Положение утверждено"] == 2 + 10


def _municipality_cells(page: str) -> dict:
    """{municipality: [cell texts]} of the page's «По муниципалитетам» table."""
    import re

    table = page.split('id="h-municipalities"', 1)[1].split("</table>", 1)[0]
    return {
        name: re.findall(r'<td class="text-end">([^<]*)</td>', cells)
        for name, cells in re.findall(
            r'<th scope="row" class="fw-normal">([^<]*)</th>(.*?)</tr>', table, re.S
        )
    }


def test_the_region_page_shows_each_municipality_as_the_grouped_query_counts_it(
    client_for, cast, year, world
):
    page = client_for("regional").get(URL).content.decode()
    cells = _municipality_cells(page)
    report = regional_report(organizations=selectors.territory_scope(user=cast.regional), year=year)
    assert list(cells) == [m.municipality for m in report.municipalities]
    for m in report.municipalities:
        implementing, share, mentors, mentees, programs = cells[m.municipality]
        assert implementing == f"{m.implementing} из {m.total}"
        assert share == ("—" if m.share is None else f"{m.share}%".replace(".", ","))
        assert [int(mentors), int(mentees), int(programs)] == [m.n_mentors, m.n_mentees, m.n_programs]


def test_a_municipality_page_has_no_table_of_municipalities(client_for, cast, year, world):
    assert 'id="h-municipalities"' not in client_for("municipal").get(URL).content.decode()
    # Nor a filtered region: its rows are no longer the municipalities' whole.
    assert 'id="h-municipalities"' not in client_for("regional").get(URL + "?kind=school").content.decode()


def test_the_region_page_reads_the_same_number_of_queries_with_more_municipalities(
    client_for, cast, year, world, django_assert_max_num_queries
):
    from tests.factories.organizations import MunicipalityFactory

    client = client_for("regional")
    client.get(URL)
    with django_assert_max_num_queries(30) as small:
        client.get(URL)
    count = len(small.captured_queries)  # read now: the next request clears the connection's log
    for i in range(5):
        OrganizationFactory(
            municipality=MunicipalityFactory(region=cast.school.municipality.region, name=f"Район № {i}")
        )
    client.get(URL)  # the new municipalities' figures computed and kept once (the refresh's job)
    with django_assert_max_num_queries(count):
        page = client.get(URL).content.decode()
    assert len(_municipality_cells(page)) == 7
