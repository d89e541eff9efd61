"""The demo shows reverse mentoring in action (seed 000 §4.1.5, issue 15): the young «reverse» user
mentors an experienced colleague in digital tools, with an approved program and logged meetings, while
being a mentee in methodology herself."""

import pytest
from django.core.management import call_command

from apps.banks.models import MenteeEntry
from apps.pairs.models import Direction, MentoringGroup, MentoringType
from apps.programs.models import Program

pytestmark = pytest.mark.django_db


def test_demo_has_an_active_reverse_pair_with_a_program_and_logged_work():
    call_command("seed_demo", verbosity=0)
    group = MentoringGroup.objects.get(types__contains=[MentoringType.REVERSE])
    assert group.status == MentoringGroup.Status.ACTIVE
    assert group.direction == Direction.ICT
    mentor = group.mentor.person
    mentee = group.members.get().mentee.person
    assert mentor.user.username == "reverse"
    # The mentor is the younger one, and she is a mentee of the same year herself.
    assert mentor.birth_date > mentee.birth_date
    assert mentee.pedagogical_experience_years > mentor.pedagogical_experience_years
    assert MenteeEntry.objects.filter(person=mentor, year=group.year).exists()
    program = Program.objects.get(group=group)
    assert program.status == Program.Status.APPROVED
    assert "реверсивное" in program.title
    assert program.activities.filter(created_by=mentor.user).count() >= 2
