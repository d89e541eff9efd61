"""The order list's scope and choices, read with an IN over a UNION (issue 18): the same orders as before."""

from datetime import date

import pytest
from django.urls import reverse

from apps.orders.models import Order
from apps.orders.selectors import order_list, order_years, orders_in_scope
from tests.factories.orders import make_draft, make_person, make_signed

pytestmark = pytest.mark.django_db


def test_scope_is_the_own_schools_orders_and_the_signed_orders_naming_the_user(cast):
    own = make_draft(cast.school, cast.curator, title="О назначении куратора")
    teacher_elsewhere = make_person(cast.other_school, "Дюма", "Александр", "Петрович", user=cast.curator)
    naming_signed = make_signed(
        cast.other_school,
        cast.other_curator,
        cast.other_director,
        participants=[(teacher_elsewhere, "наставник")],
    )
    naming_draft = make_draft(
        cast.other_school, cast.other_curator, participants=[(teacher_elsewhere, "наставник")]
    )
    not_naming = make_signed(cast.other_school, cast.other_curator, cast.other_director)

    assert set(orders_in_scope(cast.curator)) == {own, naming_signed}
    assert set(orders_in_scope(cast.other_curator)) == {naming_signed, naming_draft, not_naming}
    # The list page keeps the signed order of the other school that names the curator.
    assert set(order_list(user=cast.curator)) == {own, naming_signed}


def test_scope_of_an_anonymous_user_is_empty(cast):
    from django.contrib.auth.models import AnonymousUser

    make_draft(cast.school, cast.curator)
    assert not orders_in_scope(AnonymousUser()).exists()


def test_the_year_filter_offers_each_year_of_the_list_once(client_for, cast):
    for _ in range(3):
        make_signed(cast.school, cast.curator, cast.director)
    make_draft(cast.school, cast.curator)
    response = client_for("curator").get(reverse("orders:order-list"))
    years = [value for value, _label in response.context["filter"].form.fields["year"].choices if value != ""]
    expected = sorted(
        {o.year for o in Order.objects.filter(organization=cast.school) if o.year}, reverse=True
    )
    assert years == expected and len(years) == len(set(years))


def test_the_administrator_sees_every_order_of_every_organisation_without_the_scope(cast):
    orders = {
        make_draft(cast.school, cast.curator),
        make_signed(cast.school, cast.curator, cast.director),
        make_signed(cast.other_school, cast.other_curator, cast.other_director),
    }
    assert set(orders_in_scope(cast.admin)) == orders == set(Order.objects.all())
    # No subquery over the organisations: the administrator's list must not read every order twice.
    assert "UNION" not in str(orders_in_scope(cast.admin).query)


def _signed_in(year, cast, monkeypatch, organization=None, curator=None, director=None):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: date(year, 3, 2))
    order = make_signed(organization or cast.school, curator or cast.curator, director or cast.director)
    monkeypatch.undo()
    return order


@pytest.mark.parametrize("role", ["admin", "curator"])
def test_the_year_choices_are_the_distinct_years_of_the_orders_newest_first(cast, monkeypatch, role):
    for year in (2024, 2026, 2024, 2025):
        _signed_in(year, cast, monkeypatch)
    _signed_in(2023, cast, monkeypatch, cast.other_school, cast.other_curator, cast.other_director)
    make_draft(cast.school, cast.curator)  # no year until signed
    user = getattr(cast, role)
    # What the list's own rows give, computed by the ORM.
    expected = sorted({o.year for o in order_list(user=user) if o.year}, reverse=True)
    assert order_years(user=user) == expected
    assert expected == ([2026, 2025, 2024, 2023] if role == "admin" else [2026, 2025, 2024])


def test_the_administrator_has_no_year_choices_without_signed_orders(cast):
    make_draft(cast.school, cast.curator)
    assert order_years(user=cast.admin) == []


@pytest.mark.parametrize("count", [1, 6])
def test_the_administrators_list_runs_a_constant_number_of_queries(
    client_for, cast, django_assert_num_queries, count
):
    for school, curator, director in [
        (cast.school, cast.curator, cast.director),
        (cast.other_school, cast.other_curator, cast.other_director),
    ] * count:
        make_signed(school, curator, director)
    client = client_for("admin")
    client.get(reverse("orders:order-list"))
    with django_assert_num_queries(6):
        response = client.get(reverse("orders:order-list"))
    assert response.context["page_obj"].paginator.count == 2 * count


def test_the_administrator_types_the_organisation_s_name_instead_of_picking_it_among_every_one(
    client_for, cast
):
    mine = make_signed(cast.school, cast.curator, cast.director)
    theirs = make_signed(cast.other_school, cast.other_curator, cast.other_director)
    client = client_for("admin")
    html = client.get(reverse("orders:order-list")).content.decode()
    assert 'name="organization_name"' in html
    assert 'name="organization"' not in html  # no option per organisation of the portal
    response = client.get(reverse("orders:order-list"), {"organization_name": cast.other_school.short_name})
    assert list(response.context["page_obj"].object_list) == [theirs]
    # The id of the list's links still filters.
    response = client.get(reverse("orders:order-list"), {"organization": cast.school.pk})
    assert list(response.context["page_obj"].object_list) == [mine]
