"""The change history on each object's page: who changed which field, shown to the curator and the
director of the organisation only, in a constant number of queries whatever its length."""

import pghistory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.pairs import services as pair_services
from tests.factories import pairs as f
from tests.factories import programs as pf
from tests.factories.banks import StaffPersonFactory, mentee
from tests.factories.orders import make_draft

pytestmark = pytest.mark.django_db

HISTORY = "История изменений"


@pytest.fixture
def bank(cast, year):
    mentor = f.mentor_entry(
        cast.school,
        year,
        last_name="Морозова",
        first_name="Татьяна",
        patronymic="Сергеевна",
        user=cast.mentor,
    )
    pupil = f.mentee_entry(
        cast.school, year, last_name="Васильев", first_name="Артём", patronymic="Дмитриевич", user=cast.mentee
    )
    return mentor, pupil


@pytest.fixture
def group(bank, cast, year):
    mentor, pupil = bank
    return pf.active_group(cast.school, year, mentor, [pupil], curator=cast.curator, director=cast.director)


def _change(obj, user, field: str, value) -> None:
    """One saved change of ``obj`` by ``user``, as the portal's middleware would record it."""
    with pghistory.context(user=user.pk):
        setattr(obj, field, value)
        obj.save()


# Each page: how to make its object, a field to change, the URL, and a reader who may open the page but
# not its history.
def _person(cast, year, request):
    person = StaffPersonFactory(organization=cast.school, user=cast.mentee, last_name="Васильев")
    return person, "phone", reverse("staff:person-detail", args=[person.pk]), "mentee"


def _mentee_entry(cast, year, request):
    entry = mentee(cast.school, year, request="Хочу научиться строить урок")
    return entry, "request", reverse("banks:mentee-detail", args=[entry.pk]), "council"


def _group(cast, year, request):
    group = request.getfixturevalue("group")
    return group, "goal", reverse("pairs:group-detail", args=[group.pk]), "mentor"


def _order(cast, year, request):
    order = make_draft(cast.school, cast.curator)
    return order, "preamble", reverse("orders:order-detail", args=[order.pk]), None


def _program(cast, year, request):
    program = pf.draft_program(request.getfixturevalue("group"), cast.mentor)
    return program, "goal", reverse("programs:program-detail", args=[program.pk]), "mentee"


PAGES = {
    "person": _person,
    "mentee-entry": _mentee_entry,
    "group": _group,
    "order": _order,
    "program": _program,
}


@pytest.mark.parametrize("page", PAGES)
def test_curator_and_director_see_who_changed_which_field(client_for, cast, year, request, page):
    obj, field, url, _reader = PAGES[page](cast, year, request)
    _change(obj, cast.curator, field, "Значение <b>куратора</b>")
    for who in ("curator", "director"):
        html = client_for(who).get(url).content.decode()
        assert HISTORY in html, who
        history = html.split(HISTORY, 1)[1]
        assert "Соловьёва Елена" in history  # the author of the change
        assert "Значение &lt;b&gt;куратора&lt;/b&gt;" in history  # the new value, escaped


@pytest.mark.parametrize("page", [p for p in PAGES if p != "order"])
def test_a_reader_of_the_page_does_not_see_its_change_history(client_for, cast, year, request, page):
    obj, field, url, reader = PAGES[page](cast, year, request)
    _change(obj, cast.curator, field, "Правка куратора")
    response = client_for(reader).get(url)
    assert response.status_code == 200
    assert HISTORY not in response.content.decode()


def test_a_mentee_sees_neither_the_cards_nor_the_history_of_other_staff(client_for, cast, year):
    colleague = StaffPersonFactory(organization=cast.school, last_name="Ёлкина")
    _change(colleague, cast.curator, "phone", "+7 900 000-00-00")
    response = client_for("mentee").get(reverse("staff:person-detail", args=[colleague.pk]))
    assert response.status_code in (403, 404)
    assert HISTORY not in response.content.decode() and "+7 900 000-00-00" not in response.content.decode()
    # Their own card: their data, but not who in the school changed it and when.
    own = StaffPersonFactory(organization=cast.school, user=cast.mentee)
    _change(own, cast.curator, "phone", "+7 900 111-11-11")
    html = client_for("mentee").get(reverse("staff:person-detail", args=[own.pk])).content.decode()
    assert HISTORY not in html and "Соловьёва" not in html


def test_the_curator_of_another_school_sees_no_history(client_for, cast, year):
    entry = mentee(cast.school, year)
    _change(entry, cast.curator, "request", "Правка")
    assert client_for("other_curator").get(reverse("banks:mentee-detail", args=[entry.pk])).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_the_history_costs_the_same_queries_however_long_it_is(
    client_for, cast, year, request, page, django_assert_max_num_queries
):
    obj, field, url, _reader = PAGES[page](cast, year, request)
    client = client_for("curator")
    _change(obj, cast.curator, field, "Первая правка")
    client.get(url)  # warm the caches that a first request fills (session, memberships)
    with CaptureQueriesContext(connection) as short:
        assert client.get(url).status_code == 200
    for n in range(12):
        _change(obj, cast.director if n % 2 else cast.curator, field, f"Правка № {n}")
    with django_assert_max_num_queries(len(short.captured_queries)):
        html = client.get(url).content.decode()
    assert "Правка № 11" in html


def test_status_changes_read_as_labels_not_codes(client_for, cast, group):
    pair_services.group_set_compatibility(
        group=group, user=cast.psychologist, compatibility="reservations", note=""
    )
    html = client_for("curator").get(reverse("pairs:group-detail", args=[group.pk])).content.decode()
    history = html.split(HISTORY, 1)[1]
    assert "совместимы с оговорками" in history and "reservations" not in history
