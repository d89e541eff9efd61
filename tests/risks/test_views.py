"""The register's pages: the curator keeps it, the director reads it, nobody else of the school sees it;
another school's curator and the coordinators reach no entry; the coordinators' table sums their own
municipality or region only."""

from datetime import timedelta

import pytest
from django.urls import reverse

from apps.programs.selectors import today
from apps.risks import services
from apps.risks.catalogue import RiskKind, measures_text
from apps.risks.models import RiskEntry
from tests.one_shot import form_token, post_twice

pytestmark = pytest.mark.django_db


def _entry(organization, year, user, kind=RiskKind.LOAD, *, due_in=10, on=None):
    return services.entry_create(
        organization=organization,
        year=year,
        kind=kind,
        description="Описание",
        measure=measures_text(kind),
        owner=user,
        due_on=today() + timedelta(days=due_in),
        user=user,
        on=on,
    )


@pytest.fixture
def own(cast, year):
    return _entry(cast.school, year, cast.curator)


# The school's register ------------------------------------------------------------------------


def test_the_curator_sees_the_register_and_the_detected_risks(client_for, cast, year, own):
    html = client_for("curator").get(reverse("risks:register")).content.decode()
    assert "Высокая нагрузка на наставников и наставляемых" in html
    # No roadmap of the year: risk 6 is detected and waits with its one-click button.
    assert reverse("risks:detected-add", args=[RiskKind.CONTOURS]) in html
    assert "выявлен 1 риск, которого нет в реестре" in html


def test_the_director_reads_the_register_without_its_buttons(client_for, own):
    response = client_for("director").get(reverse("risks:register"))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("risks:entry-create") not in html
    assert "Внести в реестр" not in html
    assert (
        "Взять в работу"
        not in client_for("director").get(reverse("risks:entry-detail", args=[own.pk])).content.decode()
    )


def test_the_register_reads_a_fixed_number_of_queries(client_for, own, django_assert_max_num_queries):
    client = client_for("curator")
    with django_assert_max_num_queries(30):
        assert client.get(reverse("risks:register")).status_code == 200


def test_the_entry_shows_what_the_data_says_today(client_for, cast, year):
    entry = services.entry_register_detected(
        organization=cast.school, year=year, kind=RiskKind.CONTOURS, user=cast.curator
    )
    html = client_for("curator").get(reverse("risks:entry-detail", args=[entry.pk])).content.decode()
    assert "Что показывают данные портала сегодня" in html
    assert "Дорожная карта внедрения на 2026/2027 учебный год не составлена" in html


@pytest.mark.parametrize("role", ["mentor", "mentee", "council", "psychologist", "municipal", "nobody"])
def test_other_roles_do_not_see_the_register(client_for, role):
    assert client_for(role).get(reverse("risks:register")).status_code == 403


def test_the_register_of_another_school_is_its_own(client_for, cast, year, own):
    _entry(cast.other_school, year, cast.other_curator, RiskKind.PERCEPTION)
    html = client_for("other_curator").get(reverse("risks:register")).content.decode()
    assert reverse("risks:entry-detail", args=[own.pk]) not in html


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("curator", 200),
        ("director", 200),
        ("mentor", 403),
        ("municipal", 403),  # the school is in the coordinator's scope, the entries are not for her
        ("other_curator", 404),
        ("far_municipal", 404),
        ("far_curator", 404),
    ],
)
def test_who_opens_an_entry(client_for, own, role, status):
    assert client_for(role).get(reverse("risks:entry-detail", args=[own.pk])).status_code == status


@pytest.mark.parametrize(
    ("role", "status"), [("director", 403), ("mentor", 403), ("other_curator", 404), ("municipal", 403)]
)
def test_a_crafted_post_on_a_foreign_entry_fails(client_for, own, role, status):
    client = client_for(role)
    assert client.post(reverse("risks:entry-start", args=[own.pk])).status_code == status
    assert client.post(reverse("risks:entry-close", args=[own.pk]), {"result": "x"}).status_code == status
    assert client.post(reverse("risks:entry-edit", args=[own.pk]), {"measure": "x"}).status_code == status
    own.refresh_from_db()
    assert own.status == RiskEntry.Status.OPEN and own.measure != "x"


def test_the_curator_takes_a_detected_risk_in_one_click_once(client_for, cast, year):
    client = client_for("curator")
    token = form_token(client, reverse("risks:register"))
    url = reverse("risks:detected-add", args=[RiskKind.CONTOURS])
    first, second = post_twice(client, url, {"year": year.pk}, token)
    entry = RiskEntry.objects.get()
    assert first.status_code == 302 and first.url == reverse("risks:entry-detail", args=[entry.pk])
    assert second.status_code == 302
    assert entry.source == RiskEntry.Source.DETECTED and entry.owner == cast.curator


def test_the_director_cannot_add_a_detected_risk(client_for, year):
    url = reverse("risks:detected-add", args=[RiskKind.CONTOURS])
    assert client_for("director").post(url, {"year": year.pk}).status_code == 403
    assert not RiskEntry.objects.exists()


def test_an_unknown_risk_is_not_found(client_for, year):
    url = reverse("risks:detected-add", args=["plague"])
    assert client_for("curator").post(url, {"year": year.pk}).status_code == 404


def test_the_curator_enters_a_risk_with_the_measures_prefilled(client_for, cast, year):
    client = client_for("curator")
    page = client.get(reverse("risks:entry-create") + f"?kind={RiskKind.LOAD}").content.decode()
    assert "Перераспределить наставляемых" in page
    response = client.post(
        reverse("risks:entry-create"),
        {
            "kind": RiskKind.PERCEPTION,
            "description": "Педагоги не идут в банк наставников",
            "measure": "Рассказать на педсовете",
            "owner": cast.director.pk,
            "due_on": (today() + timedelta(days=20)).isoformat(),
        },
    )
    entry = RiskEntry.objects.get()
    assert response.status_code == 302
    assert (entry.kind, entry.owner, entry.source) == (RiskKind.PERCEPTION, cast.director, "curator")


def test_an_owner_of_another_school_is_refused_at_the_field(client_for, cast, year):
    response = client_for("curator").post(
        reverse("risks:entry-create"),
        {
            "kind": RiskKind.LOAD,
            "description": "Описание",
            "measure": "Меры",
            "owner": cast.other_curator.pk,
            "due_on": (today() + timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not RiskEntry.objects.exists()


def test_closing_on_the_page_asks_for_the_result(client_for, cast, own):
    services.entry_start(entry=own, user=cast.curator)
    client = client_for("curator")
    url = reverse("risks:entry-close", args=[own.pk])
    response = client.post(url, {"result": ""})
    assert response.status_code == 200 and "result" in response.context["form"].errors
    response = client.post(url, {"result": "Нагрузка снижена"})
    own.refresh_from_db()
    assert response.status_code == 302 and own.status == RiskEntry.Status.CLOSED


def test_an_open_entry_is_not_closed_from_the_page(client_for, own):
    response = client_for("curator").post(reverse("risks:entry-close", args=[own.pk]), {"result": "Готово"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    own.refresh_from_db()
    assert own.status == RiskEntry.Status.OPEN


# The coordinators' sums -----------------------------------------------------------------------


@pytest.fixture
def registers(cast, year):
    """school: two open (one overdue, of risk 1) and one closed; other_school: one open; far_school: one."""
    _entry(cast.school, year, cast.curator, RiskKind.PERCEPTION, due_in=-3, on=today() - timedelta(days=10))
    _entry(cast.school, year, cast.curator, RiskKind.LOAD)
    closed = services.entry_start(entry=_entry(cast.school, year, cast.curator), user=cast.curator)
    services.entry_close(entry=closed, result="Сделано", user=cast.curator)
    _entry(cast.other_school, year, cast.other_curator, RiskKind.LOAD)
    _entry(cast.far_school, year, cast.far_curator, RiskKind.CONTOURS)


def test_the_municipal_coordinator_sums_her_municipality(client_for, cast, registers):
    context = client_for("municipal").get(reverse("risks:territory")).context
    schools = {r.label: r for block in context["blocks"] for r in block.schools}
    assert set(schools) == {cast.school.short_name, cast.other_school.short_name}
    own = schools[cast.school.short_name]
    assert (own.total.open, own.total.overdue, own.closed) == (2, 1, 1)
    assert (own.cells[RiskKind.PERCEPTION].open, own.cells[RiskKind.PERCEPTION].overdue) == (1, 1)
    total = context["total"]
    assert (total.total.open, total.total.overdue, total.cells[RiskKind.LOAD].open) == (3, 1, 2)


def test_the_regional_operator_sums_every_municipality(client_for, cast, registers):
    context = client_for("regional").get(reverse("risks:territory")).context
    assert len(context["blocks"]) == 2
    assert context["total"].total.open == 4
    assert context["total"].cells[RiskKind.CONTOURS].open == 1


def test_the_regional_operator_narrows_to_one_municipality(client_for, cast, registers):
    url = reverse("risks:territory") + f"?municipality={cast.far_school.municipality_id}"
    context = client_for("regional").get(url).context
    assert [r.label for b in context["blocks"] for r in b.schools] == [cast.far_school.short_name]


def test_the_table_names_nobody(client_for, cast, registers):
    html = client_for("municipal").get(reverse("risks:territory")).content.decode()
    assert "Описание" not in html and cast.curator.last_name not in html


@pytest.mark.parametrize("role", ["curator", "director", "mentor", "nobody"])
def test_the_school_does_not_open_the_territory_table(client_for, role):
    assert client_for(role).get(reverse("risks:territory")).status_code == 403


def test_the_territory_table_reads_a_fixed_number_of_queries(
    client_for, cast, registers, django_assert_max_num_queries
):
    client = client_for("regional")
    with django_assert_max_num_queries(12):
        client.get(reverse("risks:territory"))


def test_the_territory_overview_links_to_the_sums(client_for):
    html = client_for("municipal").get(reverse("territory:overview")).content.decode()
    assert reverse("risks:territory") in html
