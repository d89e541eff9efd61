import pytest

from tests.factories import pairs as f
from tests.factories import programs as pf


@pytest.fixture
def bank(cast, year):
    """A mentor and two mentees of ``school`` linked to the cast's mentor and mentee users."""
    school = cast.school
    mentor = f.mentor_entry(
        school,
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
        school,
        year,
        last_name="Васильев",
        first_name="Артём",
        patronymic="Дмитриевич",
        sex="m",
        user=cast.mentee,
        pedagogical_experience_years=1,
        total_experience_years=1,
    )
    return type("Bank", (), {"mentor": mentor, "mentee": mentee, "school": school, "year": year})


@pytest.fixture
def group(bank, cast):
    return pf.active_group(
        bank.school, bank.year, bank.mentor, [bank.mentee], curator=cast.curator, director=cast.director
    )


@pytest.fixture
def program(group, cast):
    return pf.draft_program(group, cast.mentor)


@pytest.fixture
def approved(program, cast):
    return pf.approve(program, cast.curator)
