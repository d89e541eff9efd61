"""Every rule of forming a pair or group, and the database guards behind the key ones."""

from datetime import date

import pytest
from django.db import IntegrityError

from apps.banks.models import MentorEntry
from apps.core.exceptions import DomainError
from apps.pairs import services
from apps.pairs.models import Direction, Form, GroupMember, MentoringGroup
from apps.pairs.selectors import mentor_load
from tests.factories import pairs as f

pytestmark = pytest.mark.django_db


def create(bank, mentor=None, mentees=None, **kw):
    return services.group_create(
        **f.group_kwargs(bank.school, bank.year, mentor or bank.mentor, mentees or [bank.mentee], **kw)
    )


def refused(field, fn, *args, **kwargs):
    with pytest.raises(DomainError) as exc:
        fn(*args, **kwargs)
    assert exc.value.field == field, exc.value.message
    return exc.value.message


def test_pair_is_created_as_draft_with_planned_member(bank):
    group = create(bank)
    assert group.status == MentoringGroup.Status.DRAFT
    member = group.members.get()
    assert member.status == GroupMember.Status.PLANNED
    assert member.direction == Direction.METHODS


def test_nobody_mentors_themselves(bank, cast):
    own = f.mentee_entry(bank.school, bank.year, person_obj=bank.mentor.person)
    message = refused("mentees", create, bank, mentees=[own])
    assert "самому себе" in message


def test_same_user_in_two_person_cards_cannot_mentor_themselves(bank, cast):
    twin = f.mentee_entry(bank.school, bank.year, user=cast.mentor)
    refused("mentees", create, bank, mentees=[twin])


def test_database_refuses_self_mentoring_member(draft_pair, bank):
    with pytest.raises(IntegrityError):
        GroupMember.objects.create(
            group=draft_pair,
            mentee=bank.mentee2,
            mentee_person=bank.mentor.person,
            mentor_person=bank.mentor.person,
            direction=Direction.METHODS,
        )


def test_unapproved_mentor_is_refused(bank):
    candidate = f.mentor_entry(bank.school, bank.year, status=MentorEntry.Status.CANDIDATE)
    assert "не утвержд" in refused("mentor", create, bank, mentor=candidate)


def test_mentor_without_written_consent_is_refused(bank):
    mentor = f.mentor_entry(bank.school, bank.year, consent_signed_on=None)
    assert "согласия" in refused("mentor", create, bank, mentor=mentor)


def test_mentor_without_personal_data_consent_is_refused(bank):
    mentor = f.mentor_entry(bank.school, bank.year, consent=False)
    assert "персональных данных" in refused("mentor", create, bank, mentor=mentor)


def test_mentee_without_personal_data_consent_is_refused(bank):
    mentee = f.mentee_entry(bank.school, bank.year, consent=False)
    refused("mentees", create, bank, mentees=[mentee])


def test_mentor_over_limit_counting_awaiting_and_active_is_refused(bank, cast):
    bank.mentor.max_mentees = 1
    bank.mentor.save()
    group = create(bank)
    for person in (bank.mentor.person, bank.mentee.person):
        services.duty_consent_upload(
            group=group, person=person, signed_on=date(2026, 9, 2), scan=_scan(), user=cast.curator
        )
    services.groups_submit_to_order(groups=[group], user=cast.curator)
    assert mentor_load(bank.mentor) == 1
    assert "из 1" in refused("mentor", create, bank, mentees=[bank.mentee2])


def test_drafts_do_not_count_against_limit_but_submission_rechecks(bank, cast):
    bank.mentor.max_mentees = 1
    bank.mentor.save()
    first = create(bank)
    second = create(bank, mentees=[bank.mentee2])
    services.groups_submit_to_order(groups=[first], user=cast.curator)
    refused("mentor", services.groups_submit_to_order, groups=[second], user=cast.curator)
    second.refresh_from_db()
    assert second.status == MentoringGroup.Status.DRAFT


def test_mentor_of_another_organisation_is_refused(bank, cast):
    outsider = f.mentor_entry(cast.other_school, bank.year)
    refused("mentor", create, bank, mentor=outsider)


def test_mentee_has_one_pair_per_direction(bank):
    create(bank)
    other = f.mentor_entry(bank.school, bank.year)
    assert "уже есть пара" in refused("mentees", create, bank, mentor=other)
    create(bank, mentor=other, direction=Direction.ICT)  # another direction is fine


def test_database_allows_one_active_membership_per_mentee_and_direction(draft_pair, bank):
    other = f.mentor_entry(bank.school, bank.year)
    group2 = MentoringGroup.objects.create(
        organization=bank.school,
        year=bank.year,
        mentor=other,
        form=Form.TEACHER_TEACHER,
        direction=Direction.METHODS,
        planned_start=date(2026, 10, 1),
        planned_end=date(2027, 1, 1),
    )
    GroupMember.objects.filter(group=draft_pair).update(status=GroupMember.Status.ACTIVE)
    with pytest.raises(IntegrityError):
        GroupMember.objects.create(
            group=group2,
            mentee=bank.mentee,
            mentee_person=bank.mentee.person,
            mentor_person=other.person,
            direction=Direction.METHODS,
            status=GroupMember.Status.ACTIVE,
        )


def test_group_needs_two_mentees(bank):
    assert "двух" in refused("mentees", create, bank, form=Form.TEACHER_GROUP)


def test_pair_has_exactly_one_mentee(bank):
    refused("mentees", create, bank, mentees=[bank.mentee, bank.mentee2], form=Form.TEACHER_TEACHER)


def test_group_with_two_mentees_is_created(bank):
    group = create(bank, mentees=[bank.mentee, bank.mentee2])
    assert group.members.count() == 2 and group.kind_label == "Группа"


def test_planned_end_must_follow_start(bank):
    refused("planned_end", create, bank, planned_start=date(2027, 1, 1), planned_end=date(2026, 12, 1))


def test_database_refuses_end_before_start(draft_pair):
    with pytest.raises(IntegrityError):
        MentoringGroup.objects.filter(pk=draft_pair.pk).update(planned_end=date(2026, 1, 1))


def test_at_least_one_type(bank):
    refused("types", create, bank, types=[])


def test_only_draft_can_be_deleted(draft_pair, cast):
    services.groups_submit_to_order(groups=[draft_pair], user=cast.curator)
    with pytest.raises(DomainError):
        services.group_delete_draft(group=draft_pair)


def test_transitions_table():
    g = MentoringGroup(status=MentoringGroup.Status.DRAFT)
    assert g.can_move_to(MentoringGroup.Status.AWAITING_ORDER)
    assert not g.can_move_to(MentoringGroup.Status.ACTIVE)
    g.status = MentoringGroup.Status.ENDED
    assert not g.can_move_to(MentoringGroup.Status.ACTIVE)


def _scan():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("consent.pdf", b"%PDF-1.4 scan", content_type="application/pdf")


def test_mentee_of_another_organisation_is_refused(bank, cast):
    outsider = f.mentee_entry(cast.other_school, bank.year)
    refused("mentees", create, bank, mentees=[outsider])


def test_mentee_application_under_review_is_refused(bank):
    from apps.banks.models import MenteeEntry

    candidate = f.mentee_entry(bank.school, bank.year, status=MenteeEntry.Status.CANDIDATE)
    refused("mentees", create, bank, mentees=[candidate])
