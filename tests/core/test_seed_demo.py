"""seed_demo builds a school with a user for every role, and running it twice changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command

from apps.accounts.models import Membership, Role, User

pytestmark = pytest.mark.django_db


def _snapshot():
    counts = {}
    for model in apps.get_models():
        if model._meta.app_label in {
            "organizations",
            "accounts",
            "staff",
            "banks",
            "pairs",
            "orders",
            "programs",
            "monitoring",
        }:
            counts[model._meta.label] = model.objects.count()
    users = sorted(User.objects.values_list("username", "last_name", "first_name", "patronymic", "email"))
    return counts, users


def test_seed_demo_twice_gives_the_same_data():
    call_command("seed_demo")
    first = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == first


def test_seed_demo_has_a_user_for_every_role():
    call_command("seed_demo")
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    assert User.objects.get(username="curator").check_password("demo2026")
