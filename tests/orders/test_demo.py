"""The demo school's orders: two signed, one on the director's desk; seeding twice changes nothing."""

import pytest

from apps.core.demo import DemoContext
from apps.orders import demo
from apps.orders.models import Order
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_orders_are_idempotent(cast):
    ctx = DemoContext()
    ctx["school"] = cast.school
    ctx["user_curator"], ctx["user_director"] = cast.curator, cast.director
    ctx["user_mentor"], ctx["user_council"] = cast.mentor, UserFactory(username="council2")
    demo.seed(ctx)
    demo.seed(ctx)
    orders = Order.objects.filter(organization=cast.school)
    assert sorted(orders.values_list("kind", "status")) == [
        ("amend", "awaiting_signature"),
        ("curator", "signed"),
        ("regulation", "signed"),
    ]
    assert sorted(orders.exclude(number=None).values_list("number", flat=True)) == [1, 2]
