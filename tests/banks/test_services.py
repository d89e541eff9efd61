"""Rules of the banks, at the services: transitions, consent gating, once per year, load limits."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from apps.banks import services
from apps.banks.models import (
    MENTEE_TRANSITIONS,
    MENTOR_TRANSITIONS,
    Area,
    Level,
    MenteeDifficulty,
    MenteeEntry,
    MentorEntry,
)
from apps.core.exceptions import DomainError
from tests.factories.banks import StaffPersonFactory, mentee, mentor, withdraw_consent

pytestmark = pytest.mark.django_db

MenteeStatus = MenteeEntry.Status
MentorStatus = MentorEntry.Status


# --- transitions -------------------------------------------------------------------------------


def _mentee_move(entry, to, user):
    if entry.status == MenteeStatus.CANDIDATE and to == MenteeStatus.WAITING:
        return services.mentee_entry_accept(entry=entry, user=user)
    if to == MenteeStatus.REJECTED:
        return services.mentee_entry_reject(entry=entry, user=user, comment="Причина")
    if to == MenteeStatus.LEFT:
        return services.mentee_entry_leave(entry=entry, user=user)
    return services.mentee_entry_transition(entry=entry, to=to)


@pytest.mark.parametrize("source", list(MenteeStatus.values))
@pytest.mark.parametrize("target", list(MenteeStatus.values))
def test_mentee_status_moves_follow_the_table(cast, year, source, target):
    entry = mentee(cast.school, year, status=source, user=cast.curator)
    assert entry.status == source
    if target in MENTEE_TRANSITIONS[source]:
        moved = _mentee_move(entry, target, cast.curator)
        assert moved.status == target
    else:
        with pytest.raises(DomainError) as exc:
            _mentee_move(entry, target, cast.curator)
        assert "Нельзя перевести запись" in exc.value.message or "причину" in exc.value.message
        entry.refresh_from_db()
        assert entry.status == source


def _mentor_move(entry, to, cast):
    if to == MentorStatus.APPROVED and entry.status == MentorStatus.CANDIDATE:
        return services.mentor_entry_approve(entry=entry, director=cast.director)
    if to == MentorStatus.RELEASED:
        return services.mentor_entry_release(entry=entry, user=cast.director)
    if to == MentorStatus.REJECTED:
        return services.mentor_entry_reject(entry=entry, user=cast.curator, comment="Причина")
    return services.mentor_entry_transition(entry=entry, to=to)


@pytest.mark.parametrize("source", list(MentorStatus.values))
@pytest.mark.parametrize("target", list(MentorStatus.values))
def test_mentor_status_moves_follow_the_table(cast, year, source, target):
    entry = mentor(cast.school, year, status=source, director=cast.director)
    assert entry.status == source
    if target in MENTOR_TRANSITIONS[source]:
        assert _mentor_move(entry, target, cast).status == target
    else:
        with pytest.raises(DomainError):
            _mentor_move(entry, target, cast)
        entry.refresh_from_db()
        assert entry.status == source


def test_mentor_walks_candidate_approved_active_released(cast, year):
    entry = mentor(cast.school, year, status="candidate")
    entry = services.mentor_entry_approve(entry=entry, director=cast.director)
    assert entry.approved_by == cast.director and entry.approved_at is not None
    entry = services.mentor_entry_transition(entry=entry, to=MentorStatus.ACTIVE)
    entry = services.mentor_entry_release(entry=entry, user=cast.curator, comment="Заявление от 01.10.2026")
    assert entry.status == MentorStatus.RELEASED
    assert entry.released_on == timezone.localdate()
    assert entry.review_comment == "Заявление от 01.10.2026"


def test_approval_needs_the_written_consent_date_first(cast, year):
    entry = mentor(cast.school, year, status="candidate", consent_signed_on=None)
    with pytest.raises(DomainError) as exc:
        services.mentor_entry_approve(entry=entry, director=cast.director)
    assert exc.value.field == "consent_signed_on"
    assert "письменного согласия" in exc.value.message
    entry.refresh_from_db()
    assert entry.status == MentorStatus.CANDIDATE


def test_only_the_director_approves_a_mentor(cast, year):
    entry = mentor(cast.school, year, status="candidate")
    for user in (cast.curator, cast.other_director, cast.council):
        with pytest.raises(DomainError, match="руководитель"):
            services.mentor_entry_approve(entry=entry, director=user)
    entry.refresh_from_db()
    assert entry.status == MentorStatus.CANDIDATE


def test_approval_is_refused_after_the_personal_data_consent_is_withdrawn(cast, year):
    entry = mentor(cast.school, year, status="candidate")
    withdraw_consent(entry.person)
    with pytest.raises(DomainError, match="согласия на обработку"):
        services.mentor_entry_approve(entry=entry, director=cast.director)


def test_mentor_with_mentees_in_active_pairs_cannot_be_released(cast, year, monkeypatch):
    entry = mentor(cast.school, year, status="active", director=cast.director)
    monkeypatch.setattr(services, "mentor_load", lambda e: 1)
    with pytest.raises(DomainError, match="действующие пары"):
        services.mentor_entry_release(entry=entry, user=cast.director)


def test_release_date_in_the_future_is_refused(cast, year):
    entry = mentor(cast.school, year, status="approved", director=cast.director)
    with pytest.raises(DomainError) as exc:
        services.mentor_entry_release(
            entry=entry, user=cast.director, released_on=timezone.localdate() + timedelta(days=1)
        )
    assert exc.value.field == "released_on"


def test_generic_transition_cannot_skip_the_director_approval(cast, year):
    entry = mentor(cast.school, year, status="candidate")
    with pytest.raises(DomainError):
        services.mentor_entry_transition(entry=entry, to=MentorStatus.APPROVED)


def test_rejection_needs_a_reason(cast, year):
    entry = mentee(cast.school, year, status="candidate")
    with pytest.raises(DomainError, match="причину"):
        services.mentee_entry_reject(entry=entry, user=cast.curator, comment="  ")


# --- who may enter a bank ----------------------------------------------------------------------


def test_person_without_consent_cannot_enter_the_mentee_bank(cast, year):
    person = StaffPersonFactory(organization=cast.school, consent=False)
    with pytest.raises(DomainError) as exc:
        mentee(cast.school, year, person=person)
    assert exc.value.field == "person"
    assert not MenteeEntry.objects.filter(person=person).exists()


def test_person_without_consent_cannot_enter_the_mentor_bank(cast, year):
    person = StaffPersonFactory(organization=cast.school, consent=False)
    with pytest.raises(DomainError, match="согласия"):
        mentor(cast.school, year, person=person, status="candidate")


def test_person_of_another_organisation_cannot_enter_this_bank(cast, year):
    person = StaffPersonFactory(organization=cast.other_school)
    with pytest.raises(DomainError, match="не числится"):
        mentee(cast.school, year, person=person)


def test_dismissed_person_cannot_enter_a_bank(cast, year):
    person = StaffPersonFactory(organization=cast.school, left_on=date(2026, 9, 30))
    with pytest.raises(DomainError, match="уволен"):
        mentor(cast.school, year, person=person, status="candidate")


def test_a_person_appears_once_per_bank_and_year(cast, year):
    entry = mentee(cast.school, year)
    with pytest.raises(DomainError, match="уже есть в банке наставляемых"):
        mentee(cast.school, year, person=entry.person)
    assert MenteeEntry.objects.filter(person=entry.person).count() == 1


def test_database_refuses_a_second_entry_of_a_year_too(cast, year):
    entry = mentor(cast.school, year, status="candidate")
    with pytest.raises(IntegrityError):
        MentorEntry.objects.create(organization=cast.school, year=year, person=entry.person)


def test_a_person_may_be_in_both_banks_the_same_year_reverse_mentoring(cast, year):
    person = StaffPersonFactory(organization=cast.school)
    as_mentee = mentee(cast.school, year, person=person, difficulties=[(Area.METHODICAL, Level.HIGH)])
    as_mentor = mentor(
        cast.school, year, person=person, director=cast.director, strengths=[(Area.ICT, Level.HIGH)]
    )
    assert as_mentee.person == as_mentor.person
    assert as_mentor.status == MentorStatus.APPROVED


@pytest.mark.parametrize("value", [0, 11, -1])
def test_max_mentees_outside_one_to_ten_is_refused(cast, year, value):
    with pytest.raises(DomainError) as exc:
        mentor(cast.school, year, status="candidate", max_mentees=value)
    assert exc.value.field == "max_mentees"


def test_max_mentees_cannot_drop_below_the_current_load(cast, year, monkeypatch):
    entry = mentor(cast.school, year, status="active", director=cast.director, max_mentees=3)
    monkeypatch.setattr(services, "mentor_load", lambda e: 2)
    with pytest.raises(DomainError, match="меньше указать нельзя"):
        services.mentor_entry_update(
            entry=entry, user=cast.curator, max_mentees=1, consent_signed_on=date(2026, 9, 1)
        )


def test_consent_date_of_an_approved_mentor_cannot_be_removed(cast, year):
    entry = mentor(cast.school, year, status="approved", director=cast.director)
    with pytest.raises(DomainError) as exc:
        services.mentor_entry_update(entry=entry, user=cast.curator, max_mentees=2, consent_signed_on=None)
    assert exc.value.field == "consent_signed_on"


def test_consent_date_in_the_future_is_refused(cast, year):
    with pytest.raises(DomainError) as exc:
        mentor(
            cast.school, year, status="candidate", consent_signed_on=timezone.localdate() + timedelta(days=3)
        )
    assert exc.value.field == "consent_signed_on"


# --- areas ---------------------------------------------------------------------------------


def test_update_replaces_the_difficulties_exactly(cast, year):
    entry = mentee(cast.school, year, difficulties=[(Area.METHODICAL, Level.HIGH), (Area.ICT, Level.LOW)])
    services.mentee_entry_update(
        entry=entry,
        user=cast.curator,
        category=MenteeEntry.Category.NEW_STAFF,
        difficulties=[
            services.AreaMark(Area.ICT, Level.HIGH, "электронный журнал"),
            services.AreaMark(Area.HEALTH, Level.MEDIUM),
        ],
    )
    rows = {d.area: (d.level, d.comment) for d in MenteeDifficulty.objects.filter(entry=entry)}
    assert rows == {Area.ICT: (Level.HIGH, "электронный журнал"), Area.HEALTH: (Level.MEDIUM, "")}
    entry.refresh_from_db()
    assert entry.category == MenteeEntry.Category.NEW_STAFF


def test_bad_area_saves_nothing(cast, year):
    entry = mentee(cast.school, year, difficulties=[(Area.METHODICAL, Level.HIGH)])
    with pytest.raises(DomainError):
        services.mentee_entry_update(
            entry=entry,
            user=cast.curator,
            category=MenteeEntry.Category.NEW_STAFF,
            difficulties=[services.AreaMark(Area.ICT, Level.HIGH), services.AreaMark("astrology", Level.LOW)],
        )
    entry.refresh_from_db()
    assert entry.category == MenteeEntry.Category.YOUNG
    assert list(entry.difficulties.values_list("area", flat=True)) == [Area.METHODICAL]


def test_the_same_area_twice_is_refused(cast, year):
    with pytest.raises(DomainError, match="дважды"):
        services.mentee_entry_create(
            organization=cast.school,
            year=year,
            person=StaffPersonFactory(organization=cast.school),
            category=MenteeEntry.Category.YOUNG,
            user=cast.curator,
            difficulties=[services.AreaMark(Area.ICT, 1), services.AreaMark(Area.ICT, 2)],
        )
