"""The demo data shows every role's «Ждут вашего решения» with at least one item (issue 14)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.accounts import inbox
from apps.accounts.models import User
from apps.accounts.selectors import member_organizations

pytestmark = pytest.mark.django_db

DEMO_USERS = ("director", "curator", "psychologist", "council", "mentor", "mentee", "reverse")


def test_every_role_of_the_demo_has_something_waiting(client):
    call_command("seed_demo", verbosity=0)
    for username in DEMO_USERS:
        user = User.objects.get(username=username)
        organization = member_organizations(user)[0]
        groups = inbox.collect(user=user, organization=organization, roles=user.roles_in(organization))
        assert groups and all(g.items for g in groups), f"{username}: an empty inbox in the demo"
        client.force_login(user)
        body = client.get(reverse("accounts:dashboard")).content.decode()
        assert 'data-inbox="' in body and "Нет дел, ждущих вашего решения" not in body, username
