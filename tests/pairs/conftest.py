import pytest

from apps.pairs import services
from tests.factories import pairs as f


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
    mentee2 = f.mentee_entry(
        school, year, last_name="Черных", first_name="Ольга", patronymic="Ивановна", sex="f"
    )
    return type(
        "Bank", (), {"mentor": mentor, "mentee": mentee, "mentee2": mentee2, "school": school, "year": year}
    )


@pytest.fixture
def draft_pair(bank, cast):
    return services.group_create(
        **f.group_kwargs(bank.school, bank.year, bank.mentor, [bank.mentee]), created_by=cast.curator
    )
