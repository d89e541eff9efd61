"""The demo shows the allowance: the curator's basis of the current month for МБОУ СОШ № 7 with its lines,
which the demo accountant reads from her dashboard; idempotent."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.accounts.models import User
from apps.allowances.models import AllowanceBasis

pytestmark = pytest.mark.django_db


def test_demo_allowance_basis(client):
    call_command("seed_demo", verbosity=0)
    basis = AllowanceBasis.objects.get(organization__short_name="МБОУ СОШ № 7")
    assert basis.is_draft and basis.lines.exists()
    assert all(line.allowance_amount == 3000 for line in basis.lines.all())

    client.force_login(User.objects.get(username="accountant"))
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("allowances:basis-detail", args=[basis.pk]) in dashboard
    assert client.get(reverse("allowances:basis-detail", args=[basis.pk])).status_code == 200
    assert client.get(reverse("pairs:group-list")).status_code in (403, 404)

    call_command("seed_demo", verbosity=0)
    assert AllowanceBasis.objects.count() == 1
