"""A double tap on «Создать» makes one draft order (issue «Trust, tried from outside», 9)."""

import pytest
from django.urls import reverse

from apps.orders.models import Order
from tests.factories.orders import make_person
from tests.one_shot import form_token, post_twice, told_repeated

pytestmark = pytest.mark.django_db


def test_two_taps_on_create_order_make_one_draft(client_for, cast):
    teacher = make_person(cast.school, "Морозова", "Татьяна", "Сергеевна", sex="f", user=cast.mentor)
    client = client_for("curator")
    token = form_token(client, reverse("orders:order-create"))
    data = {
        "kind": "curator",
        "title": "",
        "preamble": "",
        "items_text": f"Назначить {teacher.name_accusative} куратором наставничества.",
        "participants": [teacher.pk],
        "participant_role": "куратор",
        "control_text": "Контроль за исполнением настоящего приказа оставляю за собой.",
    }
    first, second = post_twice(client, reverse("orders:order-create"), data, token)
    order = Order.objects.get()
    assert second["Location"] == first["Location"] == reverse("orders:order-detail", args=[order.pk])
    assert told_repeated(second)
