"""Matching scores against hand-computed numbers, with their reasons; the cohort proposal keeps limits."""

import pytest

from apps.banks.models import Area
from apps.pairs import services
from apps.pairs.matching import load_mentees, main_direction, propose_cohort, suggest_mentors
from apps.pairs.models import Compatibility
from apps.staff.models import Position, Subject
from tests.factories import pairs as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast, year):
    school = cast.school
    teacher, _ = Position.objects.get_or_create(name="Учитель")
    math, _ = Subject.objects.get_or_create(name="Математика")
    mentee = f.mentee_entry(
        school,
        year,
        difficulties=[(Area.ICT, 3), (Area.METHODICAL, 2)],
        position=teacher,
        pedagogical_experience_years=1,
        total_experience_years=1,
    )
    mentee.person.subjects.add(math)
    a = f.mentor_entry(
        school,
        year,
        strengths=[(Area.ICT, 3), (Area.METHODICAL, 1)],
        position=teacher,
        pedagogical_experience_years=20,
        total_experience_years=25,
        last_name="Андреева",
    )
    a.person.subjects.add(math)
    b = f.mentor_entry(
        school,
        year,
        strengths=[(Area.ICT, 2)],
        position=teacher,
        pedagogical_experience_years=6,
        total_experience_years=6,
        last_name="Борисова",
    )
    return type(
        "W", (), {"school": school, "year": year, "mentee": mentee, "a": a, "b": b, "teacher": teacher}
    )


def ranked(world, **kw):
    return suggest_mentors(
        organization=world.school, year=world.year, mentees=load_mentees([world.mentee.pk]), **kw
    )


def test_scores_are_sums_of_explained_components(world, cast):
    # B already has one mentee awaiting an order: 1 of 2 places taken.
    other = f.mentee_entry(world.school, world.year)
    busy = services.group_create(**f.group_kwargs(world.school, world.year, world.b, [other]))
    services.groups_submit_to_order(groups=[busy], user=cast.curator)

    a, b = ranked(world)
    # A: coverage 50 × (3·3/3 + 2·1/3) / 5 = 36.7 → 37; subject 15; gap 19 years 15; load 0/2 → 10.
    assert a.mentor == world.a and a.score == 77
    assert [r.points for r in a.reasons] == [37, 15, 15, 10]
    assert "ИКТ и цифровизация (затруднение: высокий, наставник: высокий)" in a.reasons[0].label
    assert a.reasons[1].label == "Общий предмет: Математика"
    # B: coverage 50 × (3·2/3) / 5 = 20; same position 10; gap 5 years 10; load 1/2 → 5.
    assert b.mentor == world.b and b.score == 45
    assert [r.points for r in b.reasons] == [20, 10, 10, 5]
    assert b.reasons[1].label == "Та же должность: учитель"
    assert "Нагрузка: 1 из 2" in b.reasons[3].label


def test_psychologist_not_recommended_mark_lowers_score(world, cast):
    g = services.group_create(**f.group_kwargs(world.school, world.year, world.a, [world.mentee]))
    services.group_set_compatibility(
        group=g, user=cast.psychologist, compatibility=Compatibility.NOT_RECOMMENDED, note=""
    )
    a = next(s for s in ranked(world) if s.mentor == world.a)
    assert a.score == 57 and a.reasons[-1].points == -20


def test_full_mentor_self_and_less_experienced_are_not_proposed(world, cast):
    world.b.person.pedagogical_experience_years = 0
    world.b.person.save()
    assert [s.mentor for s in ranked(world)] == [world.a]
    # reverse mentoring admits the younger mentor
    reverse = ranked(world, reverse=True)
    assert world.b in [s.mentor for s in reverse]
    world.a.max_mentees = 1
    world.a.save()
    other = f.mentee_entry(world.school, world.year)
    g = services.group_create(**f.group_kwargs(world.school, world.year, world.a, [other]))
    services.groups_submit_to_order(groups=[g], user=cast.curator)
    assert world.a not in [s.mentor for s in ranked(world)]


def test_cohort_proposal_respects_limits(world):
    world.a.max_mentees = 1
    world.a.save()
    world.b.max_mentees = 1
    world.b.save()
    extra = [
        f.mentee_entry(world.school, world.year, difficulties=[(Area.ICT, 1)], pedagogical_experience_years=0)
        for _ in range(2)
    ]
    mentees = load_mentees([world.mentee.pk] + [m.pk for m in extra])
    proposals = propose_cohort(organization=world.school, year=world.year, mentees=mentees)
    chosen = [p.suggestion.mentor.pk for p in proposals if p.suggestion]
    assert len(chosen) == 2 and len(set(chosen)) == 2
    # the heaviest difficulties choose first: the main mentee gets the best mentor
    assert next(p for p in proposals if p.mentee == world.mentee).suggestion.mentor == world.a
    assert main_direction(mentees[0]) in {"ict", "methods"}


def test_cohort_creates_all_pairs_in_one_transaction(world, cast):
    mentees = load_mentees([world.mentee.pk])
    groups = services.cohort_create(
        organization=world.school,
        year=world.year,
        rows=[(mentees[0], world.a, "ict")],
        planned_start=f.group_kwargs(None, None, None, [None])["planned_start"],
        planned_end=f.group_kwargs(None, None, None, [None])["planned_end"],
        user=cast.curator,
    )
    assert len(groups) == 1 and groups[0].mentor == world.a


@pytest.mark.parametrize(
    ("n", "word"), [(1, "год"), (3, "года"), (5, "лет"), (11, "лет"), (21, "год"), (22, "года")]
)
def test_years_are_declined(n, word):
    from apps.pairs.matching import years_word

    assert years_word(n) == word
