"""A double tap on the pair forms creates one pair and one order (issue «Trust, tried from outside», 9)."""

import pytest
from django.urls import reverse

from apps.orders.models import Order
from apps.pairs.models import MentoringGroup
from tests.one_shot import form_token, post_twice, told_repeated

pytestmark = pytest.mark.django_db


def test_two_taps_on_create_pair_make_one_pair(client_for, bank):
    client = client_for("curator")
    token = form_token(client, reverse("pairs:group-create"))
    data = {
        "mentees": [bank.mentee.pk],
        "mentor": bank.mentor.pk,
        "form": "teacher_teacher",
        "types": ["traditional"],
        "direction": "methods",
        "planned_start": "2026-10-01",
        "planned_end": "2027-05-31",
    }
    first, second = post_twice(client, reverse("pairs:group-create"), data, token)
    group = MentoringGroup.objects.get()  # one pair, not two
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == reverse("pairs:group-detail", args=[group.pk])
    assert told_repeated(second)


def test_two_taps_on_prepare_order_make_one_draft_order(client_for, draft_pair):
    client = client_for("curator")
    token = form_token(client, reverse("pairs:group-detail", args=[draft_pair.pk]))
    first, second = post_twice(client, reverse("pairs:order-create"), {"groups": [draft_pair.pk]}, token)
    assert second["Location"] == first["Location"]
    assert Order.objects.filter(organization=draft_pair.organization).count() == 1
    assert told_repeated(second)
