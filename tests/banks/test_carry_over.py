"""Carrying the banks into a new academic year: decisions respected, defaults, copies, idempotence."""

import pytest

from apps.banks import services
from apps.banks.models import Area, Level, MenteeEntry, MentorEntry
from apps.banks.services import CarryDecision
from apps.core.exceptions import DomainError
from tests.factories.banks import mentee, mentor, withdraw_consent
from tests.factories.organizations import AcademicYearFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_year(db):
    return AcademicYearFactory(start_year=2027, is_current=False)


def _carry(cast, year, next_year, decisions=None):
    return services.banks_carry_over(
        organization=cast.school,
        from_year=year,
        to_year=next_year,
        decisions=decisions or {},
        user=cast.curator,
    )


def test_defaults_leave_finished_and_left_and_carry_mentees_in_pair_for_rediagnosis(cast, year, next_year):
    waiting = mentee(cast.school, year, status="waiting")
    in_pair = mentee(cast.school, year, status="in_pair")
    finished = mentee(cast.school, year, status="finished")
    left = mentee(cast.school, year, status="left")
    approved = mentor(cast.school, year, status="approved", director=cast.director)
    released = mentor(cast.school, year, status="released", director=cast.director)

    result = _carry(cast, year, next_year)

    carried = {e.person_id: e for e in MenteeEntry.objects.filter(year=next_year)}
    assert set(carried) == {waiting.person_id, in_pair.person_id}
    assert carried[in_pair.person_id].needs_rediagnosis is True
    assert carried[waiting.person_id].needs_rediagnosis is False
    assert finished.person_id not in carried and left.person_id not in carried
    mentors = set(MentorEntry.objects.filter(year=next_year).values_list("person_id", flat=True))
    assert mentors == {approved.person_id}
    assert released.person_id not in mentors
    assert (result.mentees_created, result.mentors_created, result.left_behind) == (2, 1, 3)


def test_decisions_of_the_curator_are_respected(cast, year, next_year):
    keep = mentee(cast.school, year, status="waiting")
    drop = mentee(cast.school, year, status="waiting")
    refresh = mentee(cast.school, year, status="waiting")
    finished_but_kept = mentee(cast.school, year, status="finished")
    mentor_dropped = mentor(cast.school, year, status="approved", director=cast.director)
    mentor_refreshed = mentor(cast.school, year, status="approved", director=cast.director)

    _carry(
        cast,
        year,
        next_year,
        {
            ("mentee", keep.pk): CarryDecision.KEEP,
            ("mentee", drop.pk): CarryDecision.LEAVE,
            ("mentee", refresh.pk): CarryDecision.REDIAGNOSE,
            ("mentee", finished_but_kept.pk): CarryDecision.KEEP,
            ("mentor", mentor_dropped.pk): CarryDecision.LEAVE,
            ("mentor", mentor_refreshed.pk): CarryDecision.REDIAGNOSE,
        },
    )

    carried = {e.person_id: e for e in MenteeEntry.objects.filter(year=next_year)}
    assert set(carried) == {keep.person_id, refresh.person_id, finished_but_kept.person_id}
    assert carried[refresh.person_id].needs_rediagnosis is True
    assert carried[keep.person_id].needs_rediagnosis is False
    new_mentor = MentorEntry.objects.get(year=next_year)
    assert new_mentor.person_id == mentor_refreshed.person_id
    assert new_mentor.needs_rediagnosis is True


def test_kept_people_whose_way_ended_start_again(cast, year, next_year):
    finished = mentee(cast.school, year, status="finished")
    rejected = mentee(cast.school, year, status="rejected")
    released = mentor(cast.school, year, status="released", director=cast.director)

    _carry(
        cast,
        year,
        next_year,
        {
            ("mentee", finished.pk): CarryDecision.KEEP,
            ("mentee", rejected.pk): CarryDecision.KEEP,
            ("mentor", released.pk): CarryDecision.KEEP,
        },
    )

    statuses = dict(MenteeEntry.objects.filter(year=next_year).values_list("person_id", "status"))
    assert statuses == {finished.person_id: "waiting", rejected.person_id: "candidate"}
    again = MentorEntry.objects.get(year=next_year)
    assert again.status == "candidate" and again.approved_at is None and again.released_on is None


def test_difficulties_strengths_and_link_to_the_old_entry_are_copied(cast, year, next_year):
    old = mentee(cast.school, year, difficulties=[(Area.ICT, Level.HIGH), (Area.NORMATIVE, Level.LOW)])
    old_mentor = mentor(cast.school, year, director=cast.director, strengths=[(Area.SUBJECT, Level.HIGH)])

    _carry(cast, year, next_year)

    new = MenteeEntry.objects.get(year=next_year)
    assert new.carried_from == old
    assert new.category == old.category and new.request == old.request and new.status == old.status
    assert sorted(new.difficulties.values_list("area", "level", "comment")) == sorted(
        old.difficulties.values_list("area", "level", "comment")
    )
    new_mentor = MentorEntry.objects.get(year=next_year)
    assert new_mentor.carried_from == old_mentor
    assert new_mentor.consent_signed_on == old_mentor.consent_signed_on
    assert list(new_mentor.strengths.values_list("area", "level")) == [(Area.SUBJECT, Level.HIGH)]
    # the old year stays as it was
    assert old.difficulties.count() == 2


def test_running_the_carry_over_twice_creates_nothing_twice(cast, year, next_year):
    mentee(cast.school, year)
    mentor(cast.school, year, director=cast.director)

    first = _carry(cast, year, next_year)
    second = _carry(cast, year, next_year)

    assert first.created == 2
    assert second.created == 0 and second.already_there == 2
    assert MenteeEntry.objects.filter(year=next_year).count() == 1
    assert MentorEntry.objects.filter(year=next_year).count() == 1


def test_a_person_without_consent_cannot_be_carried_and_nothing_is_saved(cast, year, next_year):
    fine = mentee(cast.school, year)
    withdrawn = mentee(cast.school, year)
    withdraw_consent(withdrawn.person)

    with pytest.raises(DomainError, match="ничего не сохранено"):
        _carry(cast, year, next_year, {("mentee", withdrawn.pk): CarryDecision.KEEP})

    assert not MenteeEntry.objects.filter(year=next_year).exists()
    # left behind, the rest is carried
    _carry(cast, year, next_year, {("mentee", withdrawn.pk): CarryDecision.LEAVE})
    assert list(MenteeEntry.objects.filter(year=next_year).values_list("person_id", flat=True)) == [
        fine.person_id
    ]


def test_carry_over_goes_only_forward(cast, year):
    earlier = AcademicYearFactory(start_year=2025, is_current=False)
    with pytest.raises(DomainError, match="следующий"):
        services.banks_carry_over(
            organization=cast.school, from_year=year, to_year=earlier, decisions={}, user=cast.curator
        )


def test_decision_for_an_entry_of_another_organisation_is_refused(cast, year, next_year):
    foreign = mentee(cast.other_school, year)
    with pytest.raises(DomainError, match="другого года или организации"):
        _carry(cast, year, next_year, {("mentee", foreign.pk): CarryDecision.KEEP})


def test_other_organisations_are_not_carried(cast, year, next_year):
    mentee(cast.other_school, year)
    _carry(cast, year, next_year)
    assert not MenteeEntry.objects.filter(year=next_year).exists()
