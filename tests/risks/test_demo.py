"""The risks' demo data: the demo school's register in every state with a detected risk still waiting,
the gymnasium's entries for the municipality's sums, idempotent."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.organizations.models import AcademicYear, Organization
from apps.risks.detection import detect_all
from apps.risks.models import RiskEntry
from apps.risks.selectors import waiting

pytestmark = pytest.mark.django_db


def test_demo_risks(client):
    call_command("seed_demo", verbosity=0)
    year = AcademicYear.objects.current()
    school = Organization.objects.get(short_name="МБОУ СОШ № 7")
    entries = list(RiskEntry.objects.filter(organization=school, year=year))
    assert {e.status for e in entries} == {"open", "in_work", "closed"}
    assert all(e.result for e in entries if e.is_closed)
    findings = detect_all(organization=school, year=year)
    assert waiting(findings, entries), "the demo curator should see a detected risk to take in one click"
    gymnasium = RiskEntry.objects.filter(organization__short_name="МБОУ Гимназия № 2", year=year)
    assert gymnasium.filter(source="detected", status="in_work").exists()

    from apps.accounts.models import User

    client.force_login(User.objects.get(username="municipal"))
    total = client.get(reverse("risks:territory")).context["total"]
    assert total.total.open >= 4 and total.total.overdue >= 2

    count = RiskEntry.objects.count()
    call_command("seed_demo", verbosity=0)
    assert RiskEntry.objects.count() == count
