"""A withdrawal of the personal-data consent ends the person's pairs in the same transaction
(152-ФЗ art. 21 p. 5): a mentee's program ends early, a mentor's mentees wait for a new mentor."""

import pytest
from django.utils import timezone

from apps.banks.models import MenteeEntry, MentorEntry
from apps.pairs import services
from apps.pairs.models import GroupMember, MentoringGroup
from apps.programs.models import EndReason, Program, ProgramEnd
from apps.staff import services as staff_services
from apps.staff.hooks import consent_withdrawn
from tests.factories import pairs as f
from tests.factories import programs as pf

pytestmark = pytest.mark.django_db


def _withdraw(person, user=None):
    consent = person.consents.get(withdrawn_on__isnull=True)
    return staff_services.consent_withdraw(consent=consent, withdrawn_by=user)


@pytest.fixture
def pair(bank, cast):
    group = pf.active_group(
        bank.school, bank.year, bank.mentor, [bank.mentee], curator=cast.curator, director=cast.director
    )
    program = pf.approve(pf.draft_program(group, cast.mentor), cast.curator)
    return group, program


@pytest.fixture
def group_of_two(bank, cast):
    return pf.active_group(
        bank.school,
        bank.year,
        bank.mentor,
        [bank.mentee, bank.mentee2],
        curator=cast.curator,
        director=cast.director,
    )


def test_mentee_withdrawal_ends_the_pair_and_finishes_the_program_early(pair, bank, cast):
    group, program = pair
    _withdraw(bank.mentee.person, cast.curator)

    group.refresh_from_db()
    member = group.members.get()
    assert member.status == GroupMember.Status.ENDED and member.left_on == timezone.localdate()
    assert group.status == MentoringGroup.Status.ENDED and group.ended_on == timezone.localdate()
    program.refresh_from_db()
    assert program.status == Program.Status.FINISHED and program.finished_on == timezone.localdate()
    ending = ProgramEnd.objects.get(program=program)
    assert ending.reason == EndReason.PARTICIPANT_INITIATIVE
    assert ending.explanation.startswith("наставляемый Васильев А. Д. отозвал согласие") and ending.applied
    assert "обработка его данных прекращена" in ending.explanation
    assert "Завершена досрочно" in program.versions.order_by("-number").first().note
    # The withdrawing mentee leaves the bank (staff), and is not put back to «waiting» by the pair's end.
    bank.mentee.refresh_from_db()
    assert bank.mentee.status == MenteeEntry.Status.LEFT


def test_mentee_withdrawal_leaves_a_group_with_other_mentees_going_on(group_of_two, bank, cast):
    _withdraw(bank.mentee.person)

    group_of_two.refresh_from_db()
    assert group_of_two.status == MentoringGroup.Status.ACTIVE
    statuses = dict(group_of_two.members.values_list("mentee_id", "status"))
    assert statuses == {bank.mentee.pk: GroupMember.Status.ENDED, bank.mentee2.pk: GroupMember.Status.ACTIVE}


def test_mentor_withdrawal_ends_the_groups_and_the_mentees_wait_for_a_new_mentor(group_of_two, bank, cast):
    _withdraw(bank.mentor.person, cast.curator)

    group_of_two.refresh_from_db()
    assert group_of_two.status == MentoringGroup.Status.ENDED
    assert set(group_of_two.members.values_list("status", flat=True)) == {GroupMember.Status.ENDED}
    for entry in (bank.mentee, bank.mentee2):
        entry.refresh_from_db()
        assert entry.status == MenteeEntry.Status.WAITING  # in the bank again: a replacement is needed
    bank.mentor.refresh_from_db()
    assert bank.mentor.status == MentorEntry.Status.RELEASED


def test_mentor_withdrawal_finishes_the_program_with_the_reason(pair, bank, cast):
    _, program = pair
    _withdraw(bank.mentor.person, cast.curator)

    program.refresh_from_db()
    assert program.status == Program.Status.FINISHED
    ending = ProgramEnd.objects.get(program=program)
    assert ending.reason == EndReason.PARTICIPANT_INITIATIVE
    assert ending.explanation.startswith("наставник Морозова Т. С. отозвала согласие")
    assert "новый наставник" in ending.explanation


def test_draft_pairs_of_a_withdrawing_mentor_are_deleted(draft_pair, bank):
    _withdraw(bank.mentor.person)
    assert not MentoringGroup.objects.filter(pk=draft_pair.pk).exists()


def test_a_withdrawing_mentee_leaves_draft_pairs(bank, cast):
    group = services.group_create(
        **f.group_kwargs(bank.school, bank.year, bank.mentor, [bank.mentee, bank.mentee2]),
        created_by=cast.curator,
    )
    _withdraw(bank.mentee.person)
    assert list(group.members.values_list("mentee_id", flat=True)) == [bank.mentee2.pk]


def test_pairs_of_other_people_are_untouched(pair, bank, cast, year):
    group, program = pair
    stranger = f.mentee_entry(bank.school, year)
    _withdraw(stranger.person)
    group.refresh_from_db()
    program.refresh_from_db()
    assert group.status == MentoringGroup.Status.ACTIVE
    assert program.status == Program.Status.APPROVED


def test_the_pair_ends_in_the_withdrawal_transaction(pair, bank):
    """A failure after the pairs' reaction rolls everything back: the consent and the pair stay as they were."""
    group, _ = pair
    consent = bank.mentee.person.consents.get(withdrawn_on__isnull=True)

    def fail(**kwargs):
        raise RuntimeError("a later registrant fails")

    consent_withdrawn.register(fail)
    try:
        with pytest.raises(RuntimeError):
            staff_services.consent_withdraw(consent=consent, withdrawn_by=None)
    finally:
        consent_withdrawn.unregister(fail)
    consent.refresh_from_db()
    group.refresh_from_db()
    assert consent.withdrawn_on is None
    assert group.status == MentoringGroup.Status.ACTIVE
    assert group.members.get().status == GroupMember.Status.ACTIVE


def test_a_pair_awaiting_its_order_cannot_start_after_the_mentee_withdrew(bank, cast):
    """The pair stays as it is, but the order that would start it cannot be sent for signature."""
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.core.exceptions import DomainError
    from apps.orders.services import order_send_for_signature
    from apps.pairs.selectors import participants

    group = services.group_create(
        **f.group_kwargs(bank.school, bank.year, bank.mentor, [bank.mentee]), created_by=cast.curator
    )
    for person in participants(group):
        services.duty_consent_upload(
            group=group,
            person=person,
            signed_on=date(2026, 9, 2),
            scan=SimpleUploadedFile("consent.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
            user=cast.curator,
        )
    order = services.groups_submit_to_order(groups=[group], user=cast.curator)
    _withdraw(bank.mentee.person)

    group.refresh_from_db()
    assert group.status == MentoringGroup.Status.AWAITING_ORDER
    with pytest.raises(DomainError) as error:
        order_send_for_signature(order=order, user=cast.curator)
    assert "нет действующего согласия" in str(error.value.message)
