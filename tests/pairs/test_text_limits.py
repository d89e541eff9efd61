"""A pair's goal is bounded: 100,000 characters are refused at the field, in Russian, and nothing is saved."""

import pytest
from django.urls import reverse

from apps.pairs.models import MentoringGroup

pytestmark = pytest.mark.django_db


def test_a_goal_of_100000_characters_is_refused_at_the_field(client_for, bank):
    response = client_for("curator").post(
        reverse("pairs:group-create"),
        {
            "mentees": [bank.mentee.pk],
            "mentor": bank.mentor.pk,
            "form": "teacher_teacher",
            "types": ["traditional"],
            "direction": "methods",
            "planned_start": "2026-10-01",
            "planned_end": "2027-05-31",
            "goal": "ц" * 100_000,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["goal"] == [
        "Убедитесь, что это значение содержит не более 2000 символов (сейчас 100000)."
    ]
    assert "не более 2000 символов" in response.content.decode()
    assert not MentoringGroup.objects.exists()
