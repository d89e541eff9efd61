"""The council's services: protocol numbers per academic year without gaps, attendance only of the
school's council members, decisions by a majority of the members present, questions linked only to the
school's own programs, pairs and people, and decisions carried out through the owning apps' services."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from apps.accounts.models import Role
from apps.core.exceptions import DomainError
from apps.council import services
from apps.council.models import AgendaItem, Decision, Meeting
from apps.programs.models import Program, ProgramComment
from apps.territory.models import Award
from tests.factories import pairs as f
from tests.factories.accounts import UserFactory
from tests.factories.organizations import AcademicYearFactory

from .conftest import hold_with_one_question

pytestmark = pytest.mark.django_db


def _meeting(cast, council, day):
    return services.meeting_create(
        organization=cast.school,
        date=day,
        chair=council.chair,
        secretary=council.secretary,
        user=cast.curator,
    )


# Numbering -----------------------------------------------------------------------------------------


def test_a_planned_meeting_has_no_number_and_holding_gives_the_next_number_of_the_academic_year(
    cast, council, meeting
):
    assert meeting.number is None and meeting.status == Meeting.Status.PLANNED
    first = hold_with_one_question(meeting, council, cast.curator)
    second = hold_with_one_question(_meeting(cast, council, timezone.localdate()), council, cast.council)
    assert (first.number, second.number) == (1, 2)
    assert first.status == Meeting.Status.HELD and first.held_at is not None


def test_numbers_start_again_in_a_new_academic_year_and_per_organisation(cast, council, year):
    AcademicYearFactory(start_year=2025, is_current=False)
    last_year = hold_with_one_question(_meeting(cast, council, date(2026, 5, 20)), council, cast.curator)
    this_year = hold_with_one_question(_meeting(cast, council, date(2026, 9, 10)), council, cast.curator)
    assert (last_year.year.start_year, last_year.number) == (2025, 1)
    assert (this_year.year.start_year, this_year.number) == (2026, 1)


def test_a_cancelled_planned_meeting_leaves_no_gap(cast, council, meeting):
    services.meeting_delete(meeting=meeting, user=cast.curator)
    held = hold_with_one_question(_meeting(cast, council, timezone.localdate()), council, cast.curator)
    assert held.number == 1


def test_a_held_meeting_cannot_be_cancelled_nor_changed(cast, council, meeting):
    held = hold_with_one_question(meeting, council, cast.curator)
    item = held.items.get()
    with pytest.raises(DomainError, match="закрыт"):
        services.meeting_delete(meeting=held, user=cast.curator)
    with pytest.raises(DomainError, match="закрыт"):
        services.attendance_set(meeting=held, members=council.members[:1], user=cast.curator)
    with pytest.raises(DomainError, match="закрыт"):
        services.item_add(meeting=held, kind="other", question="Ещё вопрос", user=cast.curator)
    with pytest.raises(DomainError, match="закрыт"):
        services.decision_record(item=item, text="Иначе", votes_for=1, user=cast.curator)
    with pytest.raises(DomainError, match="уже закрыт"):
        services.meeting_hold(meeting=held, user=cast.curator)


def test_a_meeting_number_is_unique_in_the_year_in_the_database(cast, council, meeting):
    held = hold_with_one_question(meeting, council, cast.curator)
    other = _meeting(cast, council, timezone.localdate())
    with pytest.raises(IntegrityError):
        Meeting.objects.filter(pk=other.pk).update(status="held", number=held.number)


def test_the_minutes_are_closed_only_when_complete(cast, council, meeting):
    services.attendance_set(meeting=meeting, members=council.members, user=cast.curator)
    with pytest.raises(DomainError, match="нет ни одного вопроса"):
        services.meeting_hold(meeting=meeting, user=cast.curator)
    item = services.item_add(meeting=meeting, kind="other", question="О плане работы", user=cast.curator)
    with pytest.raises(DomainError, match="№ 1"):
        services.meeting_hold(meeting=meeting, user=cast.curator)
    services.decision_record(item=item, text="Утвердить.", votes_for=2, user=cast.curator)
    services.attendance_set(meeting=meeting, members=[cast.council, council.secretary], user=cast.curator)
    with pytest.raises(DomainError, match="Председатель и секретарь"):
        services.meeting_hold(meeting=meeting, user=cast.curator)


def test_a_future_meeting_cannot_be_closed(cast, council):
    future = _meeting(cast, council, timezone.localdate() + timedelta(days=7))
    with pytest.raises(DomainError, match="ещё не состоялось"):
        hold_with_one_question(future, council, cast.curator)


def test_the_chair_and_the_secretary_are_council_members(cast, council):
    with pytest.raises(DomainError, match="Председатель") as error:
        services.meeting_create(
            organization=cast.school, date=timezone.localdate(), chair=cast.curator, user=cast.curator
        )
    assert error.value.field == "chair"
    outsider = UserFactory(roles=[(Role.COUNCIL, cast.other_school)])
    with pytest.raises(DomainError, match="Секретарь"):
        services.meeting_create(
            organization=cast.school, date=timezone.localdate(), secretary=outsider, user=cast.curator
        )


def test_a_date_outside_the_known_academic_years_is_refused(cast, council):
    with pytest.raises(DomainError, match="Учебный год") as error:
        services.meeting_create(organization=cast.school, date=date(2031, 10, 1), user=cast.curator)
    assert error.value.field == "date"


# Attendance ----------------------------------------------------------------------------------------


def test_attendance_takes_only_council_members_of_the_school(cast, council, meeting):
    for stranger in (
        cast.curator,
        cast.mentor,
        UserFactory(roles=[(Role.COUNCIL, cast.other_school)]),
        cast.inactive_member,
    ):
        with pytest.raises(DomainError, match="только члены совета") as error:
            services.attendance_set(meeting=meeting, members=[cast.council, stranger], user=cast.curator)
        assert error.value.field == "members"
    assert meeting.attendees.count() == 0


def test_invited_persons_are_recorded_by_name_and_position(cast, council, meeting):
    services.attendance_set(
        meeting=meeting,
        members=council.members,
        invited=[("Соловьёва Елена Петровна", "заместитель директора"), ("  ", "")],
        user=cast.curator,
    )
    rows = list(meeting.attendees.order_by("pk").values_list("user_id", "name", "position"))
    assert rows[:3] == [(m.pk, "", "") for m in council.members]
    assert rows[3:] == [(None, "Соловьёва Елена Петровна", "заместитель директора")]


# Decisions -----------------------------------------------------------------------------------------


def test_votes_cannot_exceed_the_members_present(cast, council, meeting):
    item = services.item_add(meeting=meeting, kind="other", question="О плане", user=cast.curator)
    with pytest.raises(DomainError, match="отметьте присутствующих"):
        services.decision_record(item=item, text="Утвердить.", votes_for=1, user=cast.curator)
    services.attendance_set(
        meeting=meeting,
        members=council.members[:2],
        invited=[("Иванов Иван Иванович", "")],
        user=cast.curator,
    )
    with pytest.raises(DomainError, match=r"Голосов больше.*\(2\)"):
        services.decision_record(
            item=item, text="Утвердить.", votes_for=2, votes_against=1, user=cast.curator
        )
    assert not Decision.objects.exists()


def test_a_decision_is_taken_by_a_majority_of_the_members_present(cast, council, meeting):
    services.attendance_set(meeting=meeting, members=council.members, user=cast.curator)
    item = services.item_add(meeting=meeting, kind="other", question="О плане", user=cast.curator)
    decision = services.decision_record(
        item=item, text="Утвердить.", votes_for=1, votes_against=1, votes_abstained=1, user=cast.curator
    )
    assert decision.outcome == Decision.Outcome.REJECTED
    decision = services.decision_record(
        item=item, text="Утвердить.", votes_for=2, votes_against=1, heard="О плане на год", user=cast.council
    )
    assert decision.outcome == Decision.Outcome.ACCEPTED
    assert Decision.objects.count() == 1
    item.refresh_from_db()
    assert item.heard == "О плане на год"


def test_attendance_cannot_shrink_below_the_votes_already_recorded(cast, council, meeting):
    services.attendance_set(meeting=meeting, members=council.members, user=cast.curator)
    item = services.item_add(meeting=meeting, kind="other", question="О плане", user=cast.curator)
    services.decision_record(item=item, text="Утвердить.", votes_for=3, user=cast.curator)
    with pytest.raises(DomainError, match="голосовало больше"):
        services.attendance_set(meeting=meeting, members=council.members[:2], user=cast.curator)
    assert meeting.attendees.count() == 3


# The agenda and what it is about -------------------------------------------------------------------


def test_questions_are_numbered_and_renumbered_after_a_removal(cast, council, meeting):
    items = [
        services.item_add(meeting=meeting, kind="other", question=f"Вопрос {n}", user=cast.curator)
        for n in (1, 2, 3)
    ]
    assert [i.position for i in items] == [1, 2, 3]
    services.item_remove(item=items[0], user=cast.curator)
    assert list(meeting.items.values_list("question", "position")) == [("Вопрос 2", 1), ("Вопрос 3", 2)]


def test_a_question_is_linked_to_its_object(cast, council, meeting, program_on_approval, group, bank):
    program_item = services.item_add(
        meeting=meeting,
        kind="program",
        question="Об утверждении программы",
        program=program_on_approval,
        user=cast.curator,
    )
    conflict = services.item_add(
        meeting=meeting, kind="conflict", question="О конфликте в паре", group=group, user=cast.curator
    )
    nomination = services.item_add(
        meeting=meeting,
        kind="nomination",
        question="О выдвижении на поощрение",
        person=bank.mentor.person,
        nomination="грамота за наставничество",
        speaker=council.chair,
        user=cast.curator,
    )
    assert program_item.program == program_on_approval
    assert conflict.group == group
    assert (nomination.person, nomination.nomination, nomination.speaker) == (
        bank.mentor.person,
        "грамота за наставничество",
        council.chair,
    )


def test_objects_of_another_school_are_refused(cast, council, meeting, year):
    other_mentor = f.mentor_entry(cast.other_school, year)
    other_mentee = f.mentee_entry(cast.other_school, year)
    from tests.factories import programs as pf

    other_group = pf.active_group(
        cast.other_school,
        year,
        other_mentor,
        [other_mentee],
        curator=cast.other_curator,
        director=cast.other_director,
    )
    other_program = pf.draft_program(other_group, cast.other_curator)
    from apps.programs import services as program_services

    other_program = program_services.program_submit(program=other_program, user=cast.other_curator)
    cases = [
        ({"kind": "program", "program": other_program}, "program"),
        ({"kind": "conflict", "group": other_group}, "group"),
        ({"kind": "nomination", "person": other_mentor.person, "nomination": "грамота"}, "person"),
    ]
    for kwargs, field in cases:
        with pytest.raises(DomainError) as error:
            services.item_add(meeting=meeting, question="Вопрос", user=cast.curator, **kwargs)
        assert error.value.field == field
    with pytest.raises(DomainError, match="работников организации") as error:
        services.item_add(
            meeting=meeting, kind="other", question="Вопрос", speaker=cast.other_curator, user=cast.curator
        )
    assert not AgendaItem.objects.exists()


def test_a_question_must_fit_its_object(cast, council, meeting, group, program_on_approval):
    with pytest.raises(DomainError, match="не связан") as error:
        services.item_add(meeting=meeting, kind="other", question="Вопрос", group=group, user=cast.curator)
    assert error.value.field == "group"
    with pytest.raises(DomainError, match="Выберите программу"):
        services.item_add(meeting=meeting, kind="program", question="Вопрос", user=cast.curator)
    with pytest.raises(DomainError, match="завершённая"):
        services.item_add(
            meeting=meeting, kind="bank", question="Вопрос", program=program_on_approval, user=cast.curator
        )
    with pytest.raises(DomainError, match="награду или конкурс"):
        services.item_add(
            meeting=meeting,
            kind="nomination",
            question="Вопрос",
            person=group.mentor.person,
            user=cast.curator,
        )


def test_a_draft_program_is_not_put_to_the_council_for_approval(cast, council, meeting, group):
    from tests.factories import programs as pf

    draft = pf.draft_program(group, cast.mentor)
    with pytest.raises(DomainError, match="направленную на согласование, или действующую"):
        services.item_add(
            meeting=meeting, kind="program", question="Вопрос", program=draft, user=cast.curator
        )


def test_the_database_refuses_a_question_whose_object_does_not_fit_its_kind(cast, meeting, group):
    with pytest.raises(IntegrityError):
        AgendaItem.objects.create(meeting=meeting, position=1, kind="program", question="Вопрос", group=group)


# Decisions acted upon ------------------------------------------------------------------------------


def _held_with(meeting, council, user, **item_kwargs):
    services.attendance_set(meeting=meeting, members=council.members, user=user)
    item = services.item_add(meeting=meeting, question="Вопрос", user=user, **item_kwargs)
    decision = services.decision_record(item=item, text="Рекомендовать.", votes_for=3, user=user)
    services.meeting_hold(meeting=meeting, user=user)
    decision.refresh_from_db()
    return decision


def test_an_accepted_program_decision_is_carried_out_by_the_curator_through_the_program_workflow(
    cast, council, meeting, program_on_approval
):
    decision = _held_with(meeting, council, cast.curator, kind="program", program=program_on_approval)
    with pytest.raises(DomainError, match="утверждает куратор"):
        services.decision_apply(decision=decision, user=cast.council)
    services.decision_apply(decision=decision, user=cast.curator)
    program = Program.objects.get(pk=program_on_approval.pk)
    assert program.status == Program.Status.APPROVED and program.approved_by == cast.curator
    comment = ProgramComment.objects.get(program=program)
    assert "протокол заседания совета наставников № 1" in comment.text
    decision.refresh_from_db()
    assert decision.applied_by == cast.curator
    with pytest.raises(DomainError, match="уже исполнено"):
        services.decision_apply(decision=decision, user=cast.curator)


def test_the_program_workflow_still_asks_for_every_agreement(cast, council, meeting, group):
    from apps.programs import services as program_services
    from tests.factories import programs as pf

    program = program_services.program_submit(program=pf.draft_program(group, cast.mentor), user=cast.curator)
    decision = _held_with(meeting, council, cast.curator, kind="program", program=program)
    with pytest.raises(DomainError, match="Не все участники"):
        services.decision_apply(decision=decision, user=cast.curator)
    assert Program.objects.get(pk=program.pk).status == Program.Status.ON_APPROVAL
    decision.refresh_from_db()
    assert decision.applied_at is None


def test_a_decision_of_open_minutes_or_a_rejected_one_is_not_carried_out(
    cast, council, meeting, program_on_approval
):
    services.attendance_set(meeting=meeting, members=council.members, user=cast.curator)
    item = services.item_add(
        meeting=meeting, kind="program", question="Вопрос", program=program_on_approval, user=cast.curator
    )
    decision = services.decision_record(
        item=item, text="Отклонить.", votes_for=1, votes_against=2, user=cast.curator
    )
    with pytest.raises(DomainError, match="после того, как протокол"):
        services.decision_apply(decision=decision, user=cast.curator)
    services.meeting_hold(meeting=meeting, user=cast.curator)
    with pytest.raises(DomainError, match="не принято"):
        services.decision_apply(decision=decision, user=cast.curator)


def test_a_nomination_decision_becomes_an_award_issued_by_the_director(cast, council, meeting, bank):
    decision = _held_with(
        meeting,
        council,
        cast.curator,
        kind="nomination",
        person=bank.mentor.person,
        nomination="за наставничество",
    )
    with pytest.raises(DomainError, match="руководитель"):
        services.decision_apply(
            decision=decision,
            user=cast.curator,
            kind="diploma",
            on=timezone.localdate(),
            reason="за наставничество",
        )
    with pytest.raises(DomainError, match="за что") as error:
        services.decision_apply(
            decision=decision, user=cast.director, kind="diploma", on=timezone.localdate()
        )
    assert error.value.field == "reason"
    held_on = decision.item.meeting.date
    award = services.decision_apply(
        decision=decision,
        user=cast.director,
        kind="diploma",
        on=timezone.localdate(),
        reason="за наставничество.",
    )
    assert isinstance(award, Award) and award.person == bank.mentor.person and award.number == 1
    assert (
        award.reason == f"за наставничество (решение совета наставников, протокол № 1 от {held_on:%d.%m.%Y})"
    )
    decision.refresh_from_db()
    assert decision.award == award


def test_a_conflict_decision_is_recorded_only(cast, council, meeting, group):
    decision = _held_with(meeting, council, cast.curator, kind="conflict", group=group)
    assert decision.item.group == group
    with pytest.raises(DomainError, match="вне портала"):
        services.decision_apply(decision=decision, user=cast.curator)
