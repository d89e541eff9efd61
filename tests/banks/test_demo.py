"""The banks' demo data: realistic, in varied statuses, the «reverse» user in both banks, idempotent."""

import pytest
from django.core.management import call_command

from apps.banks.models import MenteeEntry, MentorEntry
from apps.organizations.models import AcademicYear

pytestmark = pytest.mark.django_db


def test_demo_banks(db):
    call_command("seed_demo", verbosity=0)
    year = AcademicYear.objects.current()
    mentees = MenteeEntry.objects.filter(year=year, organization__short_name="МБОУ СОШ № 7")
    mentors = MentorEntry.objects.filter(year=year, organization__short_name="МБОУ СОШ № 7")
    assert mentees.count() >= 8 and mentors.count() >= 6
    assert mentees.filter(person__user__username="reverse").exists()
    assert mentors.filter(person__user__username="reverse").exists()
    assert mentors.filter(status="candidate", source="self").exists()
    assert {"candidate", "approved", "released"} <= set(mentors.values_list("status", flat=True))
    assert mentees.filter(carried_from__isnull=False, needs_rediagnosis=True).exists()
    assert all(e.difficulties.exists() for e in mentees)
    counts = (MenteeEntry.objects.count(), MentorEntry.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (MenteeEntry.objects.count(), MentorEntry.objects.count()) == counts


def test_demo_applications(db):
    from apps.banks.models import Petition
    from apps.orders.models import Order

    call_command("seed_demo", verbosity=0)
    petitions = Petition.objects.filter(organization__short_name="МБОУ СОШ № 7")
    waiting = petitions.get(status="submitted")
    assert waiting.kind == "mentee" and waiting.channel == "account"
    accepted = petitions.get(status="accepted")
    assert accepted.kind == "mentor" and accepted.channel == "paper"
    basis = f"заявления {accepted.person.full_name_genitive} от {accepted.filed_on:%d.%m.%Y}"
    signed = Order.objects.filter(kind="pairs", status="signed", organization=accepted.organization)
    assert signed.filter(preamble__contains=basis).exists()
    count = Petition.objects.count()
    call_command("seed_demo", verbosity=0)
    assert Petition.objects.count() == count
