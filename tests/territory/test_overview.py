import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.models import Role
from apps.orders.models import Order
from apps.orders.services import order_send_for_signature, order_sign
from apps.organizations.models import Organization
from apps.staff.models import DisclosureConsent
from apps.territory import selectors
from apps.territory.models import Roadmap
from tests.factories import territory as tf
from tests.factories.accounts import UserFactory
from tests.factories.monitoring import trio
from tests.factories.orders import make_draft, make_signed
from tests.factories.organizations import OrganizationFactory
from tests.territory.plain import plain_figures

pytestmark = pytest.mark.django_db

URL = reverse("territory:overview")


def _regulation(organization, curator, director):
    return make_signed(
        organization,
        curator,
        director,
        kind=Order.Kind.REGULATION,
        title="Об утверждении Положения о системе наставничества и дорожной карты",
        items=["Утвердить Положение о системе наставничества."],
    )


@pytest.fixture
def implementing(cast, year):
    """cast.school: signed Regulation, a curator (cast.curator) and an active group with an approved program."""
    _regulation(cast.school, cast.curator, cast.director)
    program, _users, _mentees = trio(cast, year)
    return program


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


def _rows(user, year):
    """The figures the list gives its page of rows (attach_territory_figures), checked against plain
    counts of each organisation: every test of a flag or a count below compares the two."""
    page = list(selectors.territory_scope(user=user))
    selectors.attach_territory_figures(page, year=year)
    for o in page:
        plain = plain_figures(o, year)
        assert {n: getattr(o, n) for n in FIGURES} == {n: plain[n] for n in FIGURES}
        roadmap = Roadmap.objects.filter(organization=o, year=year).first()
        assert o.roadmap_id == (roadmap.pk if roadmap else None)
    return {o.pk: o for o in page}


def test_organisation_implements_the_model_with_regulation_curator_and_active_program(
    cast, year, implementing
):
    rows = _rows(cast.municipal, year)
    school = rows[cast.school.pk]
    assert (school.has_regulation, school.has_curator, school.active_pairs, school.implements) == (
        True,
        True,
        1,
        True,
    )
    assert school.n_mentors == 1 and school.n_mentees == 3 and school.n_programs == 1
    other = rows[cast.other_school.pk]
    assert other.has_curator and not other.has_regulation and not other.implements


def test_the_page_figures_are_the_annotated_ones_with_roadmaps_and_other_years(cast, year, implementing):
    from apps.organizations.models import AcademicYear

    tf.approved(cast.school, year, cast.curator, cast.director)
    tf.roadmap(cast.other_school, year, cast.other_curator)
    rows = _rows(cast.regional, year)
    assert rows[cast.school.pk].roadmap_status == "approved" and rows[cast.other_school.pk].roadmap_status
    assert rows[cast.far_school.pk].roadmap_id is None
    # Another year: the counts of that year (none), the same flags of the organisation.
    other_year = AcademicYear.objects.create(start_year=year.start_year - 1)
    rows = _rows(cast.regional, other_year)
    assert rows[cast.school.pk].has_regulation and not rows[cast.school.pk].implements
    assert rows[cast.school.pk].n_mentors == 0 and rows[cast.school.pk].roadmap_status is None


def test_the_list_shows_the_page_figures(client_for, cast, year, implementing):
    page = client_for("municipal").get(URL).content.decode()
    assert page.count('<span class="badge text-bg-success">реализует</span>') == 1
    assert '<td class="text-center d-none d-md-table-cell">1 / 3</td>' in page


def test_without_a_signed_regulation_the_organisation_does_not_implement_the_model(cast, year):
    trio(cast, year)
    assert not _rows(cast.municipal, year)[cast.school.pk].implements


def test_indicator_counts_only_schools_additional_and_vocational_organisations(cast, year, implementing):
    OrganizationFactory(municipality=cast.school.municipality, kind=Organization.Kind.PRESCHOOL)
    data = selectors.indicator(selectors.territory_scope(user=cast.municipal), year)
    # school and other_school count; far_school is outside the municipality; the preschool is not counted
    assert (data["implementing"], data["total"], data["share"]) == (1, 2, 50.0)
    regional = selectors.indicator(selectors.territory_scope(user=cast.regional), year)
    assert (regional["implementing"], regional["total"], regional["share"]) == (1, 3, 33.3)


def test_counts_by_form_and_category_have_no_names(cast, year, implementing):
    breakdown = selectors.territory_breakdown(
        organizations=selectors.territory_scope(user=cast.municipal), year=year
    )
    assert breakdown["programs"] == 1 and breakdown["mentees"] == 3 and breakdown["mentors"] == 1
    assert breakdown["by_form"][0]["n"] == 1
    assert "Морозова" not in str(breakdown)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("municipal", 200),
        ("regional", 200),
        ("admin", 200),
        ("curator", 403),
        ("director", 403),
        ("nobody", 403),
    ],
)
def test_who_sees_the_territory(client_for, who, status):
    assert client_for(who).get(URL).status_code == status


def test_anonymous_is_sent_to_sign_in(client_for):
    assert client_for(None).get(URL).status_code == 302


def test_municipal_coordinator_sees_only_the_own_municipality(client_for, cast, year):
    page = client_for("municipal").get(URL).content.decode()
    assert cast.school.short_name in page and cast.other_school.short_name in page
    assert cast.far_school.short_name not in page


def _more_organizations(municipality, n):
    for i in range(n):
        org = OrganizationFactory(municipality=municipality, short_name=f"МБОУ СОШ № {100 + i}")
        UserFactory(username=f"cur{org.pk}", roles=[(Role.CURATOR, org)])


def test_territory_page_makes_the_same_number_of_queries_at_3_and_23_organisations(
    client_for, cast, year, implementing, django_assert_max_num_queries
):
    client = client_for("municipal")
    client.get(URL)
    with django_assert_max_num_queries(25) as small:
        client.get(URL)
    _more_organizations(cast.school.municipality, 20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(URL).status_code == 200


def test_export_reads_back_with_the_flags(client_for, cast, year, implementing):
    response = client_for("municipal").get(URL + "?export=xlsx")
    rows = list(
        load_workbook(io.BytesIO(response.content), read_only=True)["Организации"].iter_rows(values_only=True)
    )
    header, *data = rows
    assert header[1] == "Организация"
    school = next(r for r in data if r[1] == cast.school.short_name)
    assert school[3:7] == ("да", "да", 1, "да")
    assert len(data) == 2


def test_filter_by_implementation(client_for, cast, year, implementing):
    page = client_for("municipal").get(URL + "?implements=no").content.decode()
    assert cast.other_school.short_name in page
    assert f'href="{reverse("territory:organization", args=[cast.school.pk])}"' not in page


def test_drill_down_names_only_mentors_with_a_transfer_consent(client_for, cast, year, implementing):
    url = reverse("territory:organization", args=[cast.school.pk])
    page = client_for("municipal").get(url).content.decode()
    assert "Морозова" not in page
    assert "без согласия на передачу сведений: 1" in page
    mentor = implementing.group.mentor.person
    tf.consent(mentor, DisclosureConsent.Kind.PUBLICATION)
    assert "Морозова" not in client_for("municipal").get(url).content.decode()
    tf.consent(mentor, DisclosureConsent.Kind.TRANSFER)
    assert "Морозова Татьяна Сергеевна" in client_for("municipal").get(url).content.decode()


def test_portal_admin_is_no_recipient_of_the_transfer_consent(client_for, cast, year, implementing):
    # The transfer consent names the municipality and the region (and schools of the region) as its
    # recipients, not the portal's technical administrator: he gets the figures alone.
    url = reverse("territory:organization", args=[cast.school.pk])
    tf.consent(implementing.group.mentor.person, DisclosureConsent.Kind.TRANSFER)
    page = client_for("admin").get(url).content.decode()
    assert "Морозова" not in page and "Наставников: 1." in page
    # Not even as a Django superuser (the demo administrator is one; Django grants him every permission).
    cast.admin.is_superuser = True
    cast.admin.save(update_fields=["is_superuser"])
    assert "Морозова" not in client_for("admin").get(url).content.decode()
    assert "Морозова Татьяна Сергеевна" in client_for("regional").get(url).content.decode()


def test_drill_down_shows_aggregates_and_signed_orders_without_names(client_for, cast, year, implementing):
    named = make_signed(
        cast.school, cast.curator, cast.director, title="О назначении куратором Морозовой Т. С."
    )
    url = reverse("territory:organization", args=[cast.school.pk])
    for who in ("municipal", "regional"):
        response = client_for(who).get(url)
        page = response.content.decode()
        assert (
            response.context["breakdown"]["mentors"] == 1 and response.context["breakdown"]["programs"] == 1
        )
        assert "Реализует целевую модель" in page
        # As on the public page: the kind, the number and the date of a signed order, never its title.
        assert named.get_kind_display() in page and f"№ {named.number}" in page
        assert named.title not in page and "Морозов" not in page
        assert cast.school.public_url() in page
        # No link into a school's records: a program, an order, the list of users.
        assert reverse("programs:program-detail", args=[implementing.pk]) not in page
        assert reverse("orders:order-detail", args=[named.pk]) not in page


def test_drill_down_shows_no_mentee_names(client_for, cast, year, implementing):
    page = (
        client_for("regional").get(reverse("territory:organization", args=[cast.school.pk])).content.decode()
    )
    # The page's own content: the navigation names the signed-in coordinator, whose random name may be any.
    main = page[page.index('<main id="main"') : page.index("</main>")]
    assert "Васильев" not in main and "Наставляемый" not in main.replace("наставляемых", "")


@pytest.mark.parametrize(
    ("who", "status"),
    [("municipal", 200), ("regional", 200), ("far_municipal", 404), ("curator", 403), ("other_curator", 404)],
)
def test_who_opens_the_drill_down(client_for, cast, who, status):
    assert client_for(who).get(reverse("territory:organization", args=[cast.school.pk])).status_code == status


def test_a_regulation_cancelled_by_a_signed_order_does_not_count(cast, year, implementing):
    regulation = Order.objects.get(organization=cast.school, kind=Order.Kind.REGULATION)
    cancelling = make_draft(
        cast.school,
        cast.curator,
        kind=Order.Kind.AMEND,
        title="Об отмене приказа об утверждении Положения",
        items=["Отменить приказ об утверждении Положения о системе наставничества."],
        cancels=regulation,
    )
    # A draft of the cancelling order cancels nothing yet.
    assert _rows(cast.municipal, year)[cast.school.pk].implements
    order_send_for_signature(order=cancelling, user=cast.curator)
    order_sign(order=cancelling, director=cast.director)
    school = _rows(cast.municipal, year)[cast.school.pk]
    assert not school.has_regulation and not school.implements
    assert selectors.indicator(selectors.territory_scope(user=cast.municipal), year)["implementing"] == 0
    # A new Regulation signed after the cancellation counts again.
    _regulation(cast.school, cast.curator, cast.director)
    assert _rows(cast.municipal, year)[cast.school.pk].implements
