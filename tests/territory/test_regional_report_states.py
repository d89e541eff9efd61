"""The region's annual report (apps/territory/regional_report.py, issue 18) in a world with every state its
columns tell apart, against plain ORM counts made one organisation and one figure at a time: every column
of every row of the «Организации» sheet and of ``regional_report``, the «Муниципалитеты» and «Итоги»
sheets as the sums of those rows, the kept indicator of the territories (``refresh_territory_figures``),
the page's rows, the list's filter «целевая модель» with the indicator of the filtered page, and the
statistical form's flags, all as the plain counts give them."""

import io
from collections import defaultdict

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.models import Membership, Role
from apps.accounts.selectors import organizations_of
from apps.banks.models import MenteeEntry, MentorEntry
from apps.monitoring.models import TerritoryFigures
from apps.monitoring.outcome_services import territory_figures_refresh
from apps.monitoring.selectors.outcomes import territory_figures_of
from apps.orders.models import Order
from apps.orders.services import order_send_for_signature, order_sign
from apps.organizations.models import AcademicYear, Organization
from apps.territory import selectors
from apps.territory.models import Roadmap
from apps.territory.regional_report import regional_report
from apps.territory.services import roadmap_agree
from tests.factories import pairs as f
from tests.factories import programs as pf
from tests.factories import territory as tf
from tests.factories.accounts import UserFactory
from tests.factories.monitoring import trio
from tests.factories.orders import make_draft, make_signed
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
KINDS = dict(Organization.Kind.choices)
ROADMAPS = dict(Roadmap.Status.choices)
ELIGIBLE = {KINDS[kind] for kind in selectors.INDICATOR_KINDS}


def _regulation(organization, curator, director):
    return make_signed(
        organization,
        curator,
        director,
        kind=Order.Kind.REGULATION,
        title="Об утверждении Положения о системе наставничества и дорожной карты",
        items=["Утвердить Положение о системе наставничества."],
    )


def _cancelling(regulation, curator):
    return make_draft(
        regulation.organization,
        curator,
        kind=Order.Kind.AMEND,
        title="Об отмене приказа об утверждении Положения",
        items=["Отменить приказ об утверждении Положения о системе наставничества."],
        cancels=regulation,
    )


@pytest.fixture
def world(cast, year):
    """Organisations in every state the columns tell apart, and rows that must not count (another year,
    statuses outside the counts, an inactive curator, a draft program, a Regulation cancelled by a signed
    order, one awaiting signature); returns the other year."""
    other_year = AcademicYear.objects.create(start_year=year.start_year - 1)
    # school: implements (Regulation, curator, active group with an approved program), roadmap agreed;
    # bank entries of every status, and of another year.
    _regulation(cast.school, cast.curator, cast.director)
    trio(cast, year)
    roadmap_agree(
        roadmap=tf.approved(cast.school, year, cast.curator, cast.director), coordinator=cast.municipal
    )
    for status in MentorEntry.Status:
        f.mentor_entry(cast.school, year, status=status)
    for status in MenteeEntry.Status:
        f.mentee_entry(cast.school, year, status=status)
    f.mentor_entry(cast.school, other_year)
    f.mentee_entry(cast.school, other_year)
    # other_school: its Regulation cancelled by a signed order; an active group with a draft program; a
    # roadmap in draft.
    cancelling = _cancelling(
        _regulation(cast.other_school, cast.other_curator, cast.other_director), cast.other_curator
    )
    order_send_for_signature(order=cancelling, user=cast.other_curator)
    order_sign(order=cancelling, director=cast.other_director)
    mentor = f.mentor_entry(cast.other_school, year, user=cast.other_teacher)
    mentee = f.mentee_entry(cast.other_school, year, user=cast.other_mentee)
    group = pf.active_group(
        cast.other_school, year, mentor, [mentee], curator=cast.other_curator, director=cast.other_director
    )
    pf.draft_program(group, cast.other_curator)
    tf.roadmap(cast.other_school, year, cast.other_curator)
    # far_school: a Regulation whose cancelling order is only a draft (it still counts); a roadmap approved
    # by the director, not yet agreed.
    far_director = UserFactory(username="far_director", roles=[(Role.DIRECTOR, cast.far_school)])
    _cancelling(_regulation(cast.far_school, cast.far_curator, far_director), cast.far_curator)
    tf.approved(cast.far_school, year, cast.far_curator, far_director)
    # A preschool organisation (outside the indicator) with only a former curator, and one with nothing.
    kindergarten = OrganizationFactory(
        municipality=cast.school.municipality,
        short_name="МБДОУ Детский сад № 5",
        kind=Organization.Kind.PRESCHOOL,
    )
    former = UserFactory(username="former_curator", roles=[(Role.CURATOR, kindergarten)])
    Membership.objects.filter(user=former).update(is_active=False)
    f.mentee_entry(kindergarten, year)
    house = OrganizationFactory(
        municipality=cast.far_school.municipality,
        short_name="МАУ ДО Дом творчества",
        kind=Organization.Kind.ADDITIONAL,
    )
    # Its Regulation is awaiting the director's signature: not yet one.
    order_send_for_signature(
        order=make_draft(
            house,
            UserFactory(username="house_director", roles=[(Role.DIRECTOR, house)]),
            kind=Order.Kind.REGULATION,
            title="Об утверждении Положения о системе наставничества",
            items=["Утвердить Положение о системе наставничества."],
        ),
        user=UserFactory(username="house_director2", roles=[(Role.DIRECTOR, house)]),
    )
    return other_year


_plain = plain_figures


def _yes(value: bool) -> str:
    return "да" if value else "нет"


def _sheet_row(plain: dict) -> tuple:
    """The «Организации» sheet's row of an organisation's plain figures."""
    return (
        plain["municipality"],
        plain["short_name"],
        KINDS[plain["kind"]],
        _yes(plain["has_regulation"]),
        _yes(plain["has_curator"]),
        plain["active_pairs"],
        _yes(plain["implements"]),
        plain["n_mentors"],
        plain["n_mentees"],
        plain["n_programs"],
        ROADMAPS.get(plain["roadmap_status"], "нет"),
    )


def _workbook(client, query="") -> dict:
    response = client.get(URL + "?export=xlsx" + query)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_every_column_of_the_organisations_sheet_is_the_plain_count_of_each_organisation(
    client_for, cast, year, world
):
    organizations = list(selectors.territory_scope(user=cast.regional))
    assert len(organizations) == 5
    header, *rows = _workbook(client_for("regional"))["Организации"]
    assert rows == [_sheet_row(_plain(o, year)) for o in organizations]
    # The world tells the columns apart: each flag is both «да» and «нет» somewhere, the roadmap column
    # takes every state and «нет», no count is 0 everywhere.
    for column in (2, 3, 4, 6):
        assert len({r[column] for r in rows}) > 1, header[column]
    assert {r[10] for r in rows} >= {
        ROADMAPS[Roadmap.Status.AGREED],
        ROADMAPS[Roadmap.Status.APPROVED],
        ROADMAPS[Roadmap.Status.DRAFT],
        "нет",
    }
    for column in (5, 7, 8, 9):
        assert any(r[column] for r in rows), header[column]
    school = next(r for r in rows if r[1] == cast.school.short_name)
    assert school[3:] == ("да", "да", 1, "да", 3, 6, 1, ROADMAPS[Roadmap.Status.AGREED])
    other = next(r for r in rows if r[1] == cast.other_school.short_name)
    assert other[3:7] == ("нет", "да", 0, "нет") and other[9] == 0  # cancelled; a draft program
    far = next(r for r in rows if r[1] == cast.far_school.short_name)
    assert far[3:5] == ("да", "да")  # the cancelling order is only a draft
    kindergarten = next(r for r in rows if r[1] == "МБДОУ Детский сад № 5")
    assert kindergarten[4] == "нет"  # its only curator is a former one


@pytest.mark.parametrize("who", ["regional", "municipal", "far_municipal"])
@pytest.mark.parametrize("which", ["year", "other_year"])
def test_the_report_gives_each_organisation_its_plain_counts(cast, year, world, who, which):
    at = year if which == "year" else world
    scope = selectors.territory_scope(user=getattr(cast, who))
    report = regional_report(organizations=scope, year=at)
    assert [vars(o) for o in report.organizations] == [_plain(o, at) for o in scope]
    # And what the territory list gives the rows of its page.
    page = list(scope)
    selectors.attach_territory_figures(page, year=at)
    assert [{name: getattr(o, name) for name in FIGURES} for o in page] == [
        {name: plain[name] for name in FIGURES} for plain in (_plain(o, at) for o in scope)
    ]
    if which == "other_year":
        school = next((o for o in report.organizations if o.pk == cast.school.pk), None)
        if school is not None:  # the flags stay, the year's counts are the other year's
            assert (school.has_regulation, school.active_pairs, school.n_mentors, school.n_mentees) == (
                True,
                0,
                1,
                1,
            )


def _summed(rows) -> dict:
    """The sums of «Организации» rows as the «Муниципалитеты» and «Итоги» sheets print them."""
    eligible = [r for r in rows if r[2] in ELIGIBLE]
    total = len(eligible)
    implementing = sum(r[6] == "да" for r in eligible)
    return {
        "organizations": len(rows),
        "total": total,
        "implementing": implementing,
        "share": round(100 * implementing / total, 1) if total else None,
        "with_regulation": sum(r[3] == "да" for r in eligible),
        "with_curator": sum(r[4] == "да" for r in eligible),
        "with_pairs": sum(r[5] > 0 for r in eligible),
        "roadmaps_agreed": sum(r[10] == ROADMAPS[Roadmap.Status.AGREED] for r in eligible),
        "active_pairs": sum(r[5] for r in rows),
        "n_mentors": sum(r[7] for r in rows),
        "n_mentees": sum(r[8] for r in rows),
        "n_programs": sum(r[9] for r in rows),
    }


def test_the_municipalities_and_totals_sheets_are_the_sums_of_the_organisations_rows(
    client_for, cast, year, world
):
    sheets = _workbook(client_for("regional"))
    _header, *rows = sheets["Организации"]
    by_municipality = defaultdict(list)
    for row in rows:
        by_municipality[row[0]].append(row)
    _header, *municipalities = sheets["Муниципалитеты"]
    assert [m[0] for m in municipalities] == sorted(by_municipality)
    for name, organizations, total, implementing, share, *rest in municipalities:
        sums = _summed(by_municipality[name])
        assert (organizations, total, implementing, share, *rest) == (
            sums["organizations"],
            sums["total"],
            sums["implementing"],
            sums["share"],
            sums["with_regulation"],
            sums["with_curator"],
            sums["active_pairs"],
            sums["n_mentors"],
            sums["n_mentees"],
            sums["n_programs"],
        ), name
    summary = dict(sheets["Итоги"][1:])
    sums = _summed(rows)
    assert {
        "organizations": summary["Организаций"],
        "total": summary[
            "из них учитываемых в показателе (школы, дополнительное и профессиональное образование)"
        ],
        "implementing": summary["Реализуют целевую модель наставничества"],
        "share": summary["Доля организаций, реализующих целевую модель наставничества, %"],
        "with_regulation": summary["Положение утверждено"],
        "with_curator": summary["Куратор назначен"],
        "with_pairs": summary["Есть действующие пары с программой"],
        "roadmaps_agreed": summary["Дорожная карта согласована"],
        "active_pairs": summary["Действующих пар с программой"],
        "n_mentors": summary["Наставников"],
        "n_mentees": summary["Наставляемых"],
        "n_programs": summary["Программ"],
    } == sums
    assert summary["Муниципалитетов"] == len(by_municipality) == 2
    # The world makes these sums tell something: the preschool is listed but not counted, one of the
    # four counted implements, the cancelled Regulation is not one.
    assert (sums["organizations"], sums["total"], sums["implementing"], sums["with_regulation"]) == (
        5,
        4,
        1,
        2,
    )
    assert (sums["with_curator"], sums["roadmaps_agreed"], sums["n_mentees"]) == (3, 1, 8)


def test_a_filtered_export_lists_the_filtered_rows_with_their_figures(client_for, cast, year, world):
    sheets = _workbook(client_for("regional"), "&implements=no")
    expected = [
        _sheet_row(_plain(o, year))
        for o in organizations_of(cast.regional).order_by("municipality__name", "short_name")
    ]
    assert sheets["Организации"][1:] == [row for row in expected if row[6] == "нет"]
    assert len(sheets["Организации"]) == 1 + 4
    assert dict(sheets["Итоги"][1:])["Организаций"] == 4
    sheets = _workbook(client_for("municipal"), "&roadmap=draft")
    assert sheets["Организации"][1:] == [_sheet_row(_plain(cast.other_school, year))]
    assert [m[:2] for m in sheets["Муниципалитеты"][1:]] == [(cast.other_school.municipality.name, 1)]


def test_the_kept_indicator_of_every_territory_is_the_old_per_organisation_rule(cast, year, world):
    """``refresh_territory_figures`` keeps the whole-scope row of ``regional_report`` as the indicator: the
    same numbers as the plain figures of each organisation summed."""
    region = cast.school.municipality.region
    territories = [
        ({"municipality": m}, Organization.objects.filter(municipality=m))
        for m in (cast.school.municipality, cast.far_school.municipality)
    ] + [({"region": region}, Organization.objects.filter(municipality__region=region))]
    for territory, organizations in territories:
        kept = territory_figures_of(year=year, **territory)["indicator"]
        assert kept == plain_indicator(organizations, year), territory
    territory_figures_refresh(year=year)  # what the cron keeps
    kept = {
        (row.municipality_id, row.region_id): row.figures["indicator"]
        for row in TerritoryFigures.objects.filter(year=year)
        if row.region_id == region.pk or row.municipality_id in {m.pk for m in region.municipalities.all()}
    }
    assert kept == {
        (organizations.first().municipality_id, None) if "municipality" in territory else (None, region.pk): (
            plain_indicator(organizations, year)
        )
        for territory, organizations in territories
    }
    assert territory_figures_of(year=year, region=region)["indicator"] == {
        "total": 4,
        "implementing": 1,
        "with_regulation": 2,
        "with_curator": 3,
        "with_pairs": 1,
        "roadmaps_agreed": 1,
        "share": 25.0,
    }


def _one_short(municipality, year, name, *, cancelled=False, former_curator=False, draft_program=False):
    """A school with a Regulation, a curator and an active group with an approved program, but for the one
    condition named: its Regulation cancelled by a signed order, its only curator a former one, or the
    group's program still a draft."""
    school = OrganizationFactory(municipality=municipality, short_name=name)
    curator = UserFactory(username=f"curator_{school.pk}", roles=[(Role.CURATOR, school)])
    director = UserFactory(username=f"director_{school.pk}", roles=[(Role.DIRECTOR, school)])
    regulation = _regulation(school, curator, director)
    if cancelled:
        pf.sign(_cancelling(regulation, curator), director)
    mentor_user = UserFactory(username=f"mentor_{school.pk}", roles=[(Role.MENTOR, school)])
    mentee_user = UserFactory(username=f"mentee_{school.pk}", roles=[(Role.MENTEE, school)])
    group = pf.active_group(
        school,
        year,
        f.mentor_entry(school, year, user=mentor_user),
        [f.mentee_entry(school, year, user=mentee_user)],
        curator=curator,
        director=director,
    )
    program = pf.draft_program(group, mentor_user)
    if not draft_program:
        pf.approve(program, curator)
    if former_curator:
        Membership.objects.filter(user=curator).update(is_active=False)
    return school


@pytest.fixture
def each_condition(cast, year, world):
    """The world, and in it a school short of each condition alone, and one that has them all."""
    municipality = cast.school.municipality
    return {
        "cancelled": _one_short(municipality, year, "МБОУ СОШ № 31", cancelled=True),
        "former_curator": _one_short(municipality, year, "МБОУ СОШ № 32", former_curator=True),
        "draft_program": _one_short(municipality, year, "МБОУ СОШ № 33", draft_program=True),
        "all": _one_short(cast.far_school.municipality, year, "МБОУ СОШ № 34"),
    }


@pytest.mark.parametrize("who", ["regional", "municipal", "far_municipal"])
@pytest.mark.parametrize("which", ["year", "other_year"])
def test_the_implements_filter_and_its_indicator_are_the_plain_counts(
    cast, year, world, each_condition, who, which
):
    from apps.territory.filters import TerritoryFilter

    at = year if which == "year" else world
    scope = selectors.territory_scope(user=getattr(cast, who))
    plain = {o.pk: _plain(o, at) for o in scope}
    for value, implements in (("yes", True), ("no", False)):
        for query in ({}, {"kind": Organization.Kind.SCHOOL}, {"roadmap": "none"}, {"q": "СОШ № 3"}):
            rows = TerritoryFilter({"implements": value, **query}, queryset=scope, scope=scope, year=at).qs
            expected = [
                o
                for o in TerritoryFilter(query, queryset=scope, scope=scope, year=at).qs
                if plain[o.pk]["implements"] == implements
            ]
            assert list(rows) == expected, (value, query)
            assert selectors.indicator(rows, at) == plain_indicator(expected, at), (value, query)
            assert rows.count() == len(expected)
    # The world tells the rule apart: each school short of one condition does not implement the model.
    if which == "year":
        implementing = {pk for pk, figures in plain.items() if figures["implements"]}
        assert implementing == {cast.school.pk, each_condition["all"].pk} & set(plain)
    else:
        assert not any(figures["implements"] for figures in plain.values())


def test_the_page_filtered_by_implementation_shows_the_plain_indicator(
    client_for, cast, year, world, each_condition
):
    scope = selectors.territory_scope(user=cast.regional)
    for value, implements in (("yes", True), ("no", False)):
        response = client_for("regional").get(URL + f"?implements={value}")
        rows = [o for o in scope if _plain(o, year)["implements"] == implements]
        assert [o.pk for o in response.context["page_obj"].object_list] == [o.pk for o in rows]
        assert response.context["indicator"] == plain_indicator(rows, year)
    assert response.context["indicator"]["total"] == 6  # three schools short of one condition among them


def test_the_statistical_form_flags_are_the_plain_rule(cast, year, world, each_condition):
    from apps.territory.regional_report import implementing_flags

    organizations = list(selectors.territory_scope(user=cast.regional))
    for at in (year, world):
        assert implementing_flags(ids=[o.pk for o in organizations], year=at) == {
            o.pk: _plain(o, at)["implements"] for o in organizations
        }
