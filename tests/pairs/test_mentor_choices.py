"""The pair form shows the mentors who cannot be chosen yet, greyed out with the reason, instead of leaving
a new mentor out silently; such a choice posted by hand is refused at the field."""

import re

import pytest
from django.urls import reverse

from apps.banks.models import MentorEntry
from tests.factories import banks as bf

pytestmark = pytest.mark.django_db


def _option(page: str, text: str) -> str:
    select = re.search(r'<select name="mentor"[^>]*>(.*?)</select>', page, re.S).group(1)
    found = [o for o in re.findall(r"<option[^>]*>[^<]*</option>", select) if text in o]
    assert len(found) == 1, (text, select)
    return found[0]


def test_a_candidate_and_a_mentor_without_consent_are_shown_disabled_with_the_reason(client, cast, year):
    candidate = bf.mentor(cast.school, year, status="candidate", consent_signed_on=None)
    unsigned = bf.mentor(cast.school, year, director=cast.director)
    MentorEntry.objects.filter(pk=unsigned.pk).update(consent_signed_on=None)
    ready = bf.mentor(cast.school, year, director=cast.director)
    bf.mentor(cast.other_school, year, status="candidate")  # another school's candidate is not shown

    client.force_login(cast.curator)
    page = client.get(reverse("pairs:group-create")).content.decode()
    option = _option(page, candidate.person.full_name)
    assert "disabled" in option and "ожидает утверждения директором" in option
    option = _option(page, unsigned.person.full_name)
    assert "disabled" in option and "нет письменного согласия быть наставником" in option
    option = _option(page, ready.person.full_name)
    assert "disabled" not in option and f'value="{ready.pk}"' in option
    assert page.count("Пока не могут быть выбраны") == 1


def test_a_candidate_posted_by_hand_is_refused_at_the_field(client, cast, year):
    candidate = bf.mentor(cast.school, year, status="candidate")
    mentee = bf.mentee(cast.school, year)
    client.force_login(cast.curator)
    for value in (f"pending-{candidate.pk}", str(candidate.pk)):
        response = client.post(
            reverse("pairs:group-create"),
            {
                "mentees": [mentee.pk],
                "mentor": value,
                "form": "teacher_teacher",
                "types": ["traditional"],
                "direction": "methods",
                "planned_start": "2026-12-07",
                "planned_end": "2027-05-31",
            },
        )
        assert response.status_code == 200
        assert "Выберите корректный вариант" in response.content.decode()
    assert not candidate.groups.exists()
