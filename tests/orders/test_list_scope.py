"""The order list's scope and choices, read with an IN over a UNION (issue 18): the same orders as before."""

import pytest
from django.urls import reverse

from apps.orders.models import Order
from apps.orders.selectors import order_list, orders_in_scope
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
