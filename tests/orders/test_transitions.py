"""The order workflow's table (Order.TRANSITIONS) is what the services enforce: from every status,
each move the table has succeeds and every other is refused with its Russian message."""

import pytest

from apps.core.exceptions import DomainError
from apps.orders.models import Order
from apps.orders.services import order_return, order_send_for_signature, order_sign
from tests.factories.orders import make_draft

pytestmark = pytest.mark.django_db

S = Order.Status

# One service per arrow, by the status it moves to; and the message it refuses with.
MOVES = {
    S.AWAITING_SIGNATURE: (
        lambda order, cast: order_send_for_signature(order=order, user=cast.curator),
        "Направить на подпись можно только проект приказа.",
    ),
    S.SIGNED: (
        lambda order, cast: order_sign(order=order, director=cast.director),
        "Подписать можно только приказ, направленный на подпись.",
    ),
    S.DRAFT: (
        lambda order, cast: order_return(order=order, director=cast.director, comment="Уточните основание"),
        "Вернуть на доработку можно только приказ, направленный на подпись.",
    ),
}


def _reach(status, cast) -> Order:
    """An order in ``status``, through the services."""
    order = make_draft(cast.school, cast.curator)
    if status != S.DRAFT:
        order = order_send_for_signature(order=order, user=cast.curator)
    if status == S.SIGNED:
        order = order_sign(order=order, director=cast.director)
    return order


def test_every_status_has_a_service_that_moves_to_it():
    assert set(MOVES) == set(S.values)


@pytest.mark.parametrize("source", S.values)
@pytest.mark.parametrize("target", S.values)
def test_order_services_enforce_the_transition_table(cast, source, target):
    order = _reach(source, cast)
    assert order.status == source
    move, message = MOVES[target]
    if (source, target) in Order.moves():
        assert move(order, cast).status == target
    else:
        with pytest.raises(DomainError) as error:
            move(order, cast)
        assert error.value.message == message
        order.refresh_from_db()
        assert order.status == source
