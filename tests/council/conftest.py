"""A school with a council of three members (the cast's ``council`` and two more), a pair with a program
on approval, and a planned meeting of today."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.council import services
from apps.programs import services as program_services
from tests.factories import pairs as f
from tests.factories import programs as pf
from tests.factories.accounts import UserFactory


@pytest.fixture
def council(cast):
    second = UserFactory(
        username="council2",
        last_name="Григорьева",
        first_name="Марина",
        patronymic="Александровна",
        roles=[(Role.COUNCIL, cast.school)],
    )
    third = UserFactory(
        username="council3",
        last_name="Лебедев",
        first_name="Игорь",
        patronymic="Николаевич",
        roles=[(Role.COUNCIL, cast.school)],
    )
    return SimpleNamespace(members=[cast.council, second, third], chair=second, secretary=third)


@pytest.fixture
def bank(cast, year):
    mentor = f.mentor_entry(
        cast.school,
        year,
        last_name="Морозова",
        first_name="Татьяна",
        patronymic="Сергеевна",
        sex="f",
        user=cast.mentor,
        pedagogical_experience_years=20,
        total_experience_years=25,
    )
    mentee = f.mentee_entry(
        cast.school,
        year,
        last_name="Васильев",
        first_name="Артём",
        patronymic="Дмитриевич",
        sex="m",
        user=cast.mentee,
        pedagogical_experience_years=1,
        total_experience_years=1,
    )
    return SimpleNamespace(mentor=mentor, mentee=mentee)


@pytest.fixture
def group(bank, cast, year):
    return pf.active_group(
        cast.school, year, bank.mentor, [bank.mentee], curator=cast.curator, director=cast.director
    )


@pytest.fixture
def program_on_approval(group, cast):
    """A program on approval with both participants' agreement: the curator may approve it."""
    program = pf.draft_program(group, cast.mentor)
    program = program_services.program_submit(program=program, user=cast.curator)
    for user in (cast.mentor, cast.mentee):
        program_services.program_agree(program=program, user=user)
    return program


@pytest.fixture
def meeting(cast, council, year):
    return services.meeting_create(
        organization=cast.school,
        date=timezone.localdate(),
        place="кабинет № 12",
        chair=council.chair,
        secretary=council.secretary,
        user=cast.curator,
    )


def hold_with_one_question(meeting, council, user, *, question="О плане работы совета на год"):
    """Attendance of the whole council, one question decided unanimously, the minutes closed."""
    services.attendance_set(meeting=meeting, members=council.members, user=user)
    item = services.item_add(meeting=meeting, kind="other", question=question, user=user)
    services.decision_record(item=item, text="Утвердить план работы.", votes_for=3, user=user)
    return services.meeting_hold(meeting=meeting, user=user)


@pytest.fixture
def last_year_day():
    return date(2026, 5, 20)
