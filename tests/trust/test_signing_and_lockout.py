"""The password is re-entered before signing an order; repeated wrong passwords lock the sign-in."""

import pytest
from django.urls import reverse

from apps.orders.models import Order
from apps.orders.services import order_send_for_signature
from tests.factories import orders as of

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(cast):
    order = of.make_draft(cast.school, cast.curator)
    return order_send_for_signature(order=order, user=cast.curator)


def test_signing_an_order_needs_the_directors_password_again(client_for, cast, awaiting):
    client = client_for("director")
    url = reverse("orders:order-sign", args=[awaiting.pk])
    for password in ("", "wrong-password"):
        response = client.post(url, {"password": password})
        assert response.status_code == 200
        awaiting.refresh_from_db()
        assert awaiting.status == Order.Status.AWAITING_SIGNATURE and not awaiting.number
    cast.director.set_password("correct horse battery")
    cast.director.save()
    client.force_login(cast.director)
    response = client.post(url, {"password": "correct horse battery"})
    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.status == Order.Status.SIGNED and awaiting.number


def test_repeated_wrong_passwords_lock_the_sign_in(client, cast, settings):
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "curator", "password": "nope"})
    cast.curator.set_password("right-password-2026")
    cast.curator.save()
    response = client.post(url, {"username": "curator", "password": "right-password-2026"})
    assert response.status_code in (403, 429) or "_auth_user_id" not in client.session
