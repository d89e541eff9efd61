"""The psychologist's support of mentees without a pair (seed 002 §3.5): only a mentee of the school's bank
waiting for a mentor, recorded by the school's psychologist; the curator and the director read it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.banks.models import MenteeEntry
from apps.core.exceptions import DomainError
from apps.training import services
from apps.training.models import SupportRecord
from tests.factories import pairs as f

pytestmark = pytest.mark.django_db


def _form(**overrides):
    values = {
        "kind": "training",
        "date": timezone.localdate().isoformat(),
        "topic": "Стрессоустойчивость",
        "hours": "1.5",
    }
    return values | overrides


def test_the_psychologist_records_a_session_of_a_waiting_mentee(client_for, cast, year):
    waiting = f.mentee_entry(cast.school, year, last_name="Ожидающий")
    client = client_for("psychologist")
    assert "Ожидающий" in client.get(reverse("training:support-list")).content.decode()
    response = client.post(reverse("training:support-create", args=[waiting.person_id]), _form())
    assert response.status_code == 302
    record = SupportRecord.objects.get()
    assert record.hours == Decimal("1.5") and record.recorded_by == cast.psychologist
    assert (
        "Стрессоустойчивость" in client_for("curator").get(reverse("training:support-list")).content.decode()
    )


def test_a_mentee_in_a_pair_or_of_another_school_is_not_offered(client_for, cast, year):
    in_pair = f.mentee_entry(cast.school, year, status=MenteeEntry.Status.IN_PAIR)
    foreign = f.mentee_entry(cast.other_school, year)
    client = client_for("psychologist")
    for entry in (in_pair, foreign):
        assert (
            client.post(reverse("training:support-create", args=[entry.person_id]), _form()).status_code
            == 404
        )
    with pytest.raises(DomainError):
        services.support_record_create(
            organization=cast.school,
            person=in_pair.person,
            kind="training",
            on=timezone.localdate(),
            topic="x",
            hours=Decimal(1),
            user=cast.psychologist,
        )
    assert not SupportRecord.objects.exists()


@pytest.mark.parametrize("role", ["curator", "director", "mentor", "council", "other_curator"])
def test_only_the_psychologist_records(client_for, cast, year, role):
    waiting = f.mentee_entry(cast.school, year)
    response = client_for(role).post(reverse("training:support-create", args=[waiting.person_id]), _form())
    assert response.status_code == 403
    assert not SupportRecord.objects.exists()


def test_a_date_in_the_future_and_zero_hours_are_refused_at_the_field(client_for, cast, year):
    waiting = f.mentee_entry(cast.school, year)
    url = reverse("training:support-create", args=[waiting.person_id])
    client = client_for("psychologist")
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(url, _form(date=tomorrow))
    assert response.context["form"].errors["date"]
    response = client.post(url, _form(hours="0"))
    assert response.context["form"].errors["hours"]
    assert not SupportRecord.objects.exists()


def test_the_psychologist_removes_a_record_and_nobody_else_does(client_for, cast, year):
    waiting = f.mentee_entry(cast.school, year)
    record = services.support_record_create(
        organization=cast.school,
        person=waiting.person,
        kind="consultation",
        on=timezone.localdate(),
        topic="x",
        hours=Decimal(1),
        user=cast.psychologist,
    )
    url = reverse("training:support-delete", args=[record.pk])
    assert client_for("curator").post(url).status_code == 404
    assert client_for("psychologist").post(url).status_code == 302
    assert not SupportRecord.objects.exists()


def test_the_psychologists_dashboard_links_the_page(client_for):
    page = client_for("psychologist").get(reverse("accounts:dashboard")).content.decode()
    assert reverse("training:support-list") in page
