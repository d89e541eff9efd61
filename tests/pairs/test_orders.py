"""Pairs become active only by a signed order and end only by one: PAIRS, REPLACE_MENTOR, RELEASE_MENTOR."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.banks.models import MenteeEntry, MentorEntry
from apps.core.exceptions import DomainError
from apps.orders.models import Order
from apps.orders.services import order_blockers, order_create, order_send_for_signature, order_sign
from apps.pairs import services
from apps.pairs.dates import add_working_days, notice_end
from apps.pairs.models import Direction, GroupMember, MentorChange, MentoringGroup
from apps.pairs.selectors import participants
from tests.factories import pairs as f

pytestmark = pytest.mark.django_db


def scan():
    return SimpleUploadedFile("consent.pdf", b"%PDF-1.4 scan", content_type="application/pdf")


def consent_all(group, user):
    for person in participants(group):
        services.duty_consent_upload(
            group=group, person=person, signed_on=date(2026, 9, 2), scan=scan(), user=user
        )


def sign(order, director):
    order_send_for_signature(order=order, user=director)
    return order_sign(order=order, director=director)


def active_pair(bank, cast, mentee=None, mentor=None, **dates):
    group = services.group_create(
        **f.group_kwargs(bank.school, bank.year, mentor or bank.mentor, [mentee or bank.mentee], **dates),
        created_by=cast.curator,
    )
    consent_all(group, cast.curator)
    order = services.groups_submit_to_order(groups=[group], user=cast.curator)
    sign(order, cast.director)
    group.refresh_from_db()
    return group


def test_submitting_drafts_creates_pairs_order_and_awaits_it(draft_pair, cast, bank):
    order = services.groups_submit_to_order(groups=[draft_pair], user=cast.curator)
    draft_pair.refresh_from_db()
    assert order.kind == Order.Kind.PAIRS
    assert draft_pair.status == MentoringGroup.Status.AWAITING_ORDER
    assert draft_pair.assigned_order == order
    item = order.items.order_by("position").first().text
    assert (
        "Закрепить наставляемого Васильева Артёма Дмитриевича за наставником Морозовой Татьяной Сергеевной"
        in item
    )
    assert {p.person_id for p in order.participants.all()} == {bank.mentor.person_id, bank.mentee.person_id}


def test_more_than_three_pairs_go_to_an_annex_table(bank, cast):
    groups = []
    for _ in range(4):
        mentor = f.mentor_entry(bank.school, bank.year)
        mentee = f.mentee_entry(bank.school, bank.year)
        groups.append(services.group_create(**f.group_kwargs(bank.school, bank.year, mentor, [mentee])))
    order = services.groups_submit_to_order(groups=groups, user=cast.curator)
    annex = order.annexes.get()
    assert len(annex.rows) == 4
    assert "приложению № 1" in order.items.order_by("position").first().text
    assert order.participants.count() == 8


def test_order_cannot_be_sent_without_duty_consents(draft_pair, cast):
    order = services.groups_submit_to_order(groups=[draft_pair], user=cast.curator)
    problems = order_blockers(order)
    assert any("нет согласия на возложение дополнительных обязанностей" in p for p in problems)
    with pytest.raises(DomainError):
        order_send_for_signature(order=order, user=cast.curator)


def test_signing_activates_pairs_and_bank_entries(bank, cast):
    group = active_pair(bank, cast)
    assert group.status == MentoringGroup.Status.ACTIVE
    assert group.started_on == max(group.assigned_order.date, group.planned_start)
    assert group.members.get().status == GroupMember.Status.ACTIVE
    bank.mentee.refresh_from_db()
    bank.mentor.refresh_from_db()
    assert bank.mentee.status == MenteeEntry.Status.IN_PAIR
    assert bank.mentor.status == MentorEntry.Status.ACTIVE


def test_an_order_signed_before_the_planned_start_starts_the_pair_on_it(bank, cast):
    planned = timezone.localdate() + timedelta(days=11)
    group = active_pair(bank, cast, planned_start=planned, planned_end=planned + timedelta(days=200))
    assert group.assigned_order.date < planned
    assert group.started_on == planned
    assert group.members.get().joined_on == planned


def test_an_order_signed_after_the_planned_start_starts_the_pair_on_the_order_date(bank, cast):
    planned = timezone.localdate() - timedelta(days=20)
    group = active_pair(bank, cast, planned_start=planned, planned_end=planned + timedelta(days=200))
    assert group.started_on == group.assigned_order.date > planned


def test_portal_confirmation_by_the_participant(draft_pair, cast, bank):
    consent = services.duty_consent_confirm(group=draft_pair, user=cast.mentee)
    assert consent.person == bank.mentee.person and consent.form == "portal"
    with pytest.raises(DomainError):
        services.duty_consent_confirm(group=draft_pair, user=cast.mentee)
    with pytest.raises(DomainError):
        services.duty_consent_confirm(group=draft_pair, user=cast.curator)


def test_replacing_a_mentor_on_petition_ends_old_pair_and_activates_new(bank, cast):
    old = active_pair(bank, cast)
    new_mentor = f.mentor_entry(
        bank.school, bank.year, last_name="Ёлкина", first_name="Дарья", patronymic="Андреевна", sex="f"
    )
    member = old.members.get()
    order = services.mentor_replace_request(
        member=member,
        new_mentor=new_mentor,
        petition_date=date(2026, 11, 20),
        reason="несовпадение графиков",
        user=cast.curator,
    )
    change = MentorChange.objects.get(order=order)
    new_group = change.new_group
    assert new_group.status == MentoringGroup.Status.AWAITING_ORDER
    old.refresh_from_db()
    assert old.status == MentoringGroup.Status.ACTIVE  # nothing ends before signing
    text = " ".join(i.text for i in order.items.all())
    assert "Освободить Морозову Татьяну Сергеевну" in text and "Ёлкиной Дарьей Андреевной" in text
    consent_all(new_group, cast.curator)
    sign(order, cast.director)
    old.refresh_from_db()
    new_group.refresh_from_db()
    assert old.status == MentoringGroup.Status.ENDED and old.ended_order == order
    assert new_group.status == MentoringGroup.Status.ACTIVE
    assert GroupMember.objects.filter(mentee=bank.mentee, status="active").get().group == new_group


def test_release_on_application_ends_after_three_working_days(bank, cast):
    group = active_pair(bank, cast)
    order = services.mentor_release_request(
        mentor=bank.mentor,
        ground=MentorChange.Ground.MENTOR_APPLICATION,
        document_date=date(2026, 11, 27),
        user=cast.curator,
    )
    change = MentorChange.objects.get(order=order)
    assert change.effective_on == date(2026, 12, 2)  # Fri 27.11 → Mon, Tue, Wed
    assert "с 02.12.2026" in " ".join(i.text for i in order.items.all())
    sign(order, cast.director)
    group.refresh_from_db()
    bank.mentor.refresh_from_db()
    bank.mentee.refresh_from_db()
    assert group.status == MentoringGroup.Status.ENDED
    assert bank.mentor.status == MentorEntry.Status.RELEASED
    assert bank.mentee.status == MenteeEntry.Status.WAITING


def test_release_needs_an_active_pair(bank, cast):
    with pytest.raises(DomainError):
        services.mentor_release_request(
            mentor=bank.mentor,
            ground=MentorChange.Ground.EARLY_TERMINATION,
            document_date=date(2026, 11, 2),
            user=cast.curator,
        )


def test_second_active_pair_in_same_direction_cannot_be_signed(bank, cast):
    """Two drafts slipped past the service check (e.g. created at the same moment): the database refuses."""
    first = services.group_create(**f.group_kwargs(bank.school, bank.year, bank.mentor, [bank.mentee]))
    other = f.mentor_entry(bank.school, bank.year)
    second = services.group_create(
        **f.group_kwargs(bank.school, bank.year, other, [bank.mentee], direction=Direction.ICT)
    )
    GroupMember.objects.filter(group=second).update(direction=Direction.METHODS)  # simulate the race
    for g in (first, second):
        consent_all(g, cast.curator)
        MentoringGroup.objects.filter(pk=g.pk).update(status=MentoringGroup.Status.AWAITING_ORDER)
    order = order_create(
        organization=bank.school,
        kind=Order.Kind.PAIRS,
        title="О закреплении пар",
        preamble="",
        items=["Закрепить пары."],
        participants=[],
        created_by=cast.curator,
    )
    MentoringGroup.objects.filter(pk__in=[first.pk, second.pk]).update(assigned_order=order)
    order_send_for_signature(order=order, user=cast.curator)
    with pytest.raises(DomainError, match="уже есть действующая пара"):
        order_sign(order=order, director=cast.director)
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_SIGNATURE


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 23), 3, date(2026, 11, 26)),  # Mon → Thu
        (date(2026, 11, 26), 3, date(2026, 12, 1)),  # Thu → Tue
        (date(2026, 11, 28), 3, date(2026, 12, 2)),  # Sat → Wed
        # Public holidays and transferred days off are not working days either.
        (date(2026, 12, 29), 3, date(2027, 1, 12)),  # Tue → 30.12, (31.12 off, 1–8.01 holidays), 11.01, 12.01
        (
            date(2027, 11, 2),
            3,
            date(2027, 11, 9),
        ),  # Tue → 03.11, (04.11 holiday, 05.11 transferred), 08.11, 09.11
        (
            date(2027, 2, 19),
            3,
            date(2027, 2, 25),
        ),  # Fri → Sat 20.02 is a working day, 22–23.02 off, 24.02, 25.02
        (date(2026, 6, 10), 3, date(2026, 6, 16)),  # Wed → 11.06, (12.06 Russia Day), 15.06, 16.06
    ],
)
def test_working_days_skip_weekends_and_holidays(start, days, expected):
    assert add_working_days(start, days) == expected
    assert notice_end(start) == expected


def test_deleting_the_draft_order_returns_its_pairs_to_drafts(draft_pair, cast):
    from apps.orders.services import order_delete_draft

    order = services.groups_submit_to_order(groups=[draft_pair], user=cast.curator)
    with pytest.raises(DomainError):
        services.group_return_to_draft(group=draft_pair)
    order_delete_draft(order=order, user=cast.curator)
    draft_pair.refresh_from_db()
    assert draft_pair.status == MentoringGroup.Status.DRAFT


def test_awaiting_pair_without_order_can_be_returned_by_hand(draft_pair, cast):
    services.groups_submit_to_order(groups=[draft_pair], user=cast.curator)
    MentoringGroup.objects.filter(pk=draft_pair.pk).update(assigned_order=None)
    assert services.group_return_to_draft(group=draft_pair).status == MentoringGroup.Status.DRAFT


def test_deleted_replacement_order_does_not_block_a_new_petition(bank, cast):
    from apps.orders.services import order_delete_draft

    old = active_pair(bank, cast)
    new_mentor = f.mentor_entry(bank.school, bank.year)
    member = old.members.get()
    order = services.mentor_replace_request(
        member=member, new_mentor=new_mentor, petition_date=date(2026, 11, 20), user=cast.curator
    )
    with pytest.raises(DomainError, match="уже готовится"):
        services.mentor_replace_request(
            member=member, new_mentor=new_mentor, petition_date=date(2026, 11, 20), user=cast.curator
        )
    new_group = MentorChange.objects.get(order=order).new_group
    order_delete_draft(order=order, user=cast.curator)
    assert not MentoringGroup.objects.filter(pk=new_group.pk).exists()
    assert services.mentor_replace_request(
        member=member, new_mentor=new_mentor, petition_date=date(2026, 11, 21), user=cast.curator
    )
