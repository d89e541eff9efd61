"""An activity-log note is bounded: 100,000 characters are refused at the field, in Russian, and nothing
is saved."""

import pytest
from django.urls import reverse

from apps.programs.models import ActivityLog

pytestmark = pytest.mark.django_db


def test_a_note_of_100000_characters_is_refused_at_the_field(client_for, approved):
    before = ActivityLog.objects.count()
    response = client_for("mentor").post(
        reverse("programs:activity-add", args=[approved.pk]),
        {
            "date": "2026-11-20",
            "minutes": "45",
            "kind": "meeting",
            "format": "in_person",
            "notes": "н" * 100_000,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["notes"] == [
        "Убедитесь, что это значение содержит не более 4000 символов (сейчас 100000)."
    ]
    assert ActivityLog.objects.count() == before


def test_a_note_at_the_limit_is_saved(client_for, approved):
    response = client_for("mentor").post(
        reverse("programs:activity-add", args=[approved.pk]),
        {
            "date": "2026-11-20",
            "minutes": "45",
            "kind": "meeting",
            "format": "in_person",
            "notes": "н" * 4000,
        },
    )
    assert response.status_code == 302
    assert ActivityLog.objects.get(program=approved).notes == "н" * 4000
