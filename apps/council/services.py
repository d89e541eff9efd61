"""Writes of the council of mentors: a meeting is planned with its agenda, the minutes are kept (who was
present, what was heard, the decision and the vote on each question), and closing them gives the protocol
its number in the academic year. A decision acts on what it is about only through the services of the
app that owns it (programs, territory), under that app's rules."""

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts.models import Membership, Role
from apps.core.exceptions import DomainError
from apps.organizations.models import AcademicYear
from apps.pairs.models import MentoringGroup
from apps.programs import services as program_services
from apps.programs.models import Program
from apps.staff.models import Person
from apps.territory import services as territory_services

from .models import AgendaItem, Attendee, Decision, Meeting, MeetingCounter

PLACE_MAX = 200
QUESTION_MAX = 500
NAME_MAX = 200
NOMINATION_MAX = 300
TEXT_MAX = 4000


def _clean(text: str | None, *, limit: int, field: str, label: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > limit:
        raise DomainError(f"{label} длиннее {limit} символов.", field=field)
    return text


def _clean_block(text: str | None, *, limit: int, field: str) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise DomainError(f"Текст длиннее {limit} символов.", field=field)
    return text


def is_council_member_of(user, organization) -> bool:
    return (
        user is not None
        and Membership.objects.filter(
            user=user, organization=organization, role=Role.COUNCIL, is_active=True, user__is_active=True
        ).exists()
    )


def _has_role_in(user, organization) -> bool:
    return Membership.objects.filter(
        user=user, organization=organization, is_active=True, user__is_active=True
    ).exists()


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _require_planned(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.PLANNED:
        raise DomainError("Протокол заседания закрыт: изменять его нельзя.")


def _year_of(day: date) -> AcademicYear:
    year = AcademicYear.objects.filter(start_year=AcademicYear.start_year_for(day)).first()
    if year is None:
        raise DomainError("Учебный год этой даты не заведён в портале.", field="date")
    return year


def _check_officers(organization, *, chair, secretary) -> None:
    if chair is not None and not is_council_member_of(chair, organization):
        raise DomainError("Председатель выбирается из членов совета наставников.", field="chair")
    if secretary is not None and not is_council_member_of(secretary, organization):
        raise DomainError("Секретарь выбирается из членов совета наставников.", field="secretary")


# Meetings -----------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, organization, date: date, place: str = "", chair=None, secretary=None, user) -> Meeting:
    """A planned meeting of the school's council; its number comes when the minutes are closed."""
    if date is None:
        raise DomainError("Укажите дату заседания.", field="date")
    place = _clean(place, limit=PLACE_MAX, field="place", label="Место проведения")
    _check_officers(organization, chair=chair, secretary=secretary)
    return Meeting.objects.create(
        organization=organization,
        year=_year_of(date),
        date=date,
        place=place,
        chair=chair,
        secretary=secretary,
        created_by=user,
    )


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, date: date, place: str = "", chair=None, secretary=None, user
) -> Meeting:
    meeting = _lock(meeting)
    _require_planned(meeting)
    if date is None:
        raise DomainError("Укажите дату заседания.", field="date")
    place = _clean(place, limit=PLACE_MAX, field="place", label="Место проведения")
    _check_officers(meeting.organization, chair=chair, secretary=secretary)
    meeting.date, meeting.year, meeting.place = date, _year_of(date), place
    meeting.chair, meeting.secretary = chair, secretary
    meeting.save(update_fields=["date", "year", "place", "chair", "secretary", "updated_at"])
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, user) -> None:
    """A planned meeting may be cancelled; a held one is a numbered protocol and stays."""
    meeting = _lock(meeting)
    _require_planned(meeting)
    meeting.delete()


def next_meeting_number(*, organization, year: AcademicYear) -> int:
    """The next protocol number of the organisation's academic year. Runs inside the closing transaction:
    the counter row stays locked until it commits, so concurrent closings get consecutive numbers."""
    MeetingCounter.objects.bulk_create(
        [MeetingCounter(organization=organization, year=year, last_number=0)], ignore_conflicts=True
    )
    counter = MeetingCounter.objects.select_for_update().get(organization=organization, year=year)
    counter.last_number = F("last_number") + 1
    counter.save(update_fields=["last_number"])
    counter.refresh_from_db(fields=["last_number"])
    return counter.last_number


@transaction.atomic
def meeting_hold(*, meeting: Meeting, user) -> Meeting:
    """Запланировано → проведено: the minutes are closed and get the next number of the academic year."""
    meeting = _lock(meeting)
    meeting.require_move(Meeting.Status.HELD, "Протокол этого заседания уже закрыт.")
    if meeting.date > timezone.localdate():
        raise DomainError("Заседание ещё не состоялось: закрыть протокол можно в день заседания или позже.")
    if meeting.chair_id is None or meeting.secretary_id is None:
        raise DomainError("Укажите председателя и секретаря заседания.")
    present = set(meeting.attendees.filter(user__isnull=False).values_list("user_id", flat=True))
    if meeting.chair_id not in present or meeting.secretary_id not in present:
        raise DomainError("Председатель и секретарь должны быть среди присутствующих.")
    items = list(meeting.items.all())
    if not items:
        raise DomainError("В повестке дня нет ни одного вопроса.")
    undecided = [i.position for i in items if not Decision.objects.filter(item=i).exists()]
    if undecided:
        raise DomainError(
            "Не записано решение по вопросам повестки: " + ", ".join(f"№ {n}" for n in undecided) + "."
        )
    meeting.number = next_meeting_number(organization=meeting.organization, year=meeting.year)
    meeting.status, meeting.held_at = Meeting.Status.HELD, timezone.now()
    meeting.save(update_fields=["number", "status", "held_at", "updated_at"])
    return meeting


# Attendance ---------------------------------------------------------------------------------------


@transaction.atomic
def attendance_set(*, meeting: Meeting, members, invited=(), user) -> list[Attendee]:
    """Who was present: ``members`` — council members of the school (users), ``invited`` — pairs of
    (full name, position) of invited persons. Replaces the previous list."""
    meeting = _lock(meeting)
    _require_planned(meeting)
    members = list(dict.fromkeys(members))
    for member in members:
        if not is_council_member_of(member, meeting.organization):
            raise DomainError(
                "Присутствующими членами совета отмечаются только члены совета наставников организации.",
                field="members",
            )
    guests = []
    for name, position in invited:
        name = _clean(name, limit=NAME_MAX, field="invited", label="Имя приглашённого")
        position = _clean(position, limit=NAME_MAX, field="invited", label="Должность приглашённого")
        if name:
            guests.append((name, position))
    if meeting.items.filter(decision__isnull=False).exists():
        voters = max(
            (d.votes_for + d.votes_against + d.votes_abstained)
            for d in Decision.objects.filter(item__meeting=meeting)
        )
        if voters > len(members):
            raise DomainError(
                "В записанных решениях голосовало больше членов совета, чем отмечено присутствующих.",
                field="members",
            )
    meeting.attendees.all().delete()
    rows = [Attendee(meeting=meeting, user=m) for m in members]
    rows += [Attendee(meeting=meeting, name=n, position=p) for n, p in guests]
    Attendee.objects.bulk_create(rows)
    return rows


# The agenda ---------------------------------------------------------------------------------------


def _check_subject(meeting: Meeting, *, kind: str, program, group, person) -> None:
    """The object of a question belongs to the meeting's organisation and fits the kind of question."""
    org_id = meeting.organization_id
    wanted = {
        AgendaItem.Kind.PROGRAM: "program",
        AgendaItem.Kind.BANK: "program",
        AgendaItem.Kind.CONFLICT: "group",
        AgendaItem.Kind.NOMINATION: "person",
    }.get(kind)
    given = {"program": program, "group": group, "person": person}
    for name, value in given.items():
        if value is not None and name != wanted:
            raise DomainError("Этот вопрос не связан с таким объектом.", field=name)
    if wanted is None:
        return
    value = given[wanted]
    messages = {
        "program": "Выберите программу организации.",
        "group": "Выберите пару (группу) организации.",
        "person": "Выберите педагога организации.",
    }
    if value is None or value.organization_id != org_id:
        raise DomainError(messages[wanted], field=wanted)
    # A program is put to the council to be approved (on approval) or corrected (approved, seed 000
    # §4.1.4 «вносить корректировки»); a draft is not ready, a finished one is a question of the bank.
    if kind == AgendaItem.Kind.PROGRAM and program.status not in (
        Program.Status.ON_APPROVAL,
        Program.Status.APPROVED,
    ):
        raise DomainError(
            "Совет рассматривает программу, направленную на согласование, или действующую.", field="program"
        )
    if kind == AgendaItem.Kind.BANK and not program.is_finished:
        raise DomainError("В банк программ предлагается завершённая программа.", field="program")
    if kind == AgendaItem.Kind.CONFLICT and group.status not in (
        MentoringGroup.Status.ACTIVE,
        MentoringGroup.Status.AWAITING_ORDER,
    ):
        raise DomainError("Конфликт рассматривается в действующей паре (группе).", field="group")


@transaction.atomic
def item_add(
    *,
    meeting: Meeting,
    kind: str,
    question: str,
    speaker=None,
    speaker_name: str = "",
    program: Program | None = None,
    group: MentoringGroup | None = None,
    person: Person | None = None,
    nomination: str = "",
    user,
) -> AgendaItem:
    meeting = _lock(meeting)
    _require_planned(meeting)
    if kind not in AgendaItem.Kind.values:
        raise DomainError("Выберите вид вопроса.", field="kind")
    question = _clean(question, limit=QUESTION_MAX, field="question", label="Вопрос")
    if not question:
        raise DomainError("Сформулируйте вопрос повестки.", field="question")
    speaker_name = _clean(speaker_name, limit=NAME_MAX, field="speaker_name", label="Имя докладчика")
    if speaker is not None and not _has_role_in(speaker, meeting.organization):
        raise DomainError("Докладчик выбирается из работников организации.", field="speaker")
    if speaker is not None and speaker_name:
        raise DomainError(
            "Выберите докладчика из списка или впишите приглашённого, не оба сразу.", field="speaker"
        )
    _check_subject(meeting, kind=kind, program=program, group=group, person=person)
    nomination = _clean(nomination, limit=NOMINATION_MAX, field="nomination", label="Название награды")
    if kind == AgendaItem.Kind.NOMINATION and not nomination:
        raise DomainError("Укажите награду или конкурс, на которые выдвигается педагог.", field="nomination")
    if kind != AgendaItem.Kind.NOMINATION:
        nomination = ""
    last = meeting.items.order_by("-position").values_list("position", flat=True).first() or 0
    return AgendaItem.objects.create(
        meeting=meeting,
        position=last + 1,
        kind=kind,
        question=question,
        speaker=speaker,
        speaker_name=speaker_name,
        program=program,
        group=group,
        person=person,
        nomination=nomination,
    )


@transaction.atomic
def item_remove(*, item: AgendaItem, user) -> None:
    """A question leaves the agenda; the following ones move up, so the agenda stays numbered 1, 2, 3…"""
    meeting = _lock(item.meeting)
    _require_planned(meeting)
    position = item.position
    item.delete()
    for later in meeting.items.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])


# Decisions ----------------------------------------------------------------------------------------


def _outcome(votes_for: int, members_present: int) -> str:
    """Decisions are taken by a simple majority of the council members present."""
    if votes_for * 2 > members_present:
        return Decision.Outcome.ACCEPTED
    return Decision.Outcome.REJECTED


@transaction.atomic
def decision_record(
    *,
    item: AgendaItem,
    text: str,
    votes_for: int,
    votes_against: int = 0,
    votes_abstained: int = 0,
    heard: str = "",
    discussion: str = "",
    user,
) -> Decision:
    """СЛУШАЛИ, ВЫСТУПИЛИ, РЕШИЛИ and the vote on one question (written again while the minutes are open)."""
    meeting = _lock(item.meeting)
    _require_planned(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting)
    text = _clean_block(text, limit=TEXT_MAX, field="text")
    if not text:
        raise DomainError("Запишите решение совета.", field="text")
    votes = [votes_for, votes_against, votes_abstained]
    if any(v is None or v < 0 for v in votes):
        raise DomainError("Число голосов — целое число не меньше нуля.", field="votes_for")
    members = meeting.attendees.filter(user__isnull=False).count()
    if members == 0:
        raise DomainError("Сначала отметьте присутствующих членов совета.", field="votes_for")
    if sum(votes) > members:
        raise DomainError(f"Голосов больше, чем присутствующих членов совета ({members}).", field="votes_for")
    item.heard = _clean_block(heard, limit=TEXT_MAX, field="heard")
    item.discussion = _clean_block(discussion, limit=TEXT_MAX, field="discussion")
    item.save(update_fields=["heard", "discussion"])
    decision, _ = Decision.objects.update_or_create(
        item=item,
        defaults={
            "text": text,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "votes_abstained": votes_abstained,
            "outcome": _outcome(votes_for, members),
            "recorded_by": user,
        },
    )
    return decision


def _protocol_words(meeting: Meeting) -> str:
    return f"протокол заседания совета наставников № {meeting.number} от {meeting.date:%d.%m.%Y}"


def _award_reason(reason: str, meeting: Meeting) -> str:
    """«за наставничество (решение совета наставников, протокол № 1 от 21.11.2026)»."""
    reason = " ".join((reason or "").split()).rstrip(".")
    if not reason:
        raise DomainError("Напишите, за что награждается наставник.", field="reason")
    return f"{reason} (решение совета наставников, протокол № {meeting.number} от {meeting.date:%d.%m.%Y})"


@transaction.atomic
def decision_apply(*, decision: Decision, user, kind: str = "", on: date | None = None, reason: str = ""):
    """Carry out an accepted decision of a closed protocol through the owning app's service:
    approve the program (the curator, programs' rules), publish it to the program bank (the curator),
    award the nominated mentor (the director, territory's rules). Returns what was created or changed."""
    decision = Decision.objects.select_for_update().select_related("item__meeting").get(pk=decision.pk)
    item, meeting = decision.item, decision.item.meeting
    if not meeting.is_held:
        raise DomainError("Решение исполняется после того, как протокол заседания закрыт.")
    if not decision.accepted:
        raise DomainError("Решение не принято: исполнять нечего.")
    if decision.applied_at is not None:
        raise DomainError("Решение уже исполнено.")
    if item.kind == AgendaItem.Kind.PROGRAM:
        if item.program.status != Program.Status.ON_APPROVAL:
            raise DomainError(
                "Программа не на согласовании: её корректировка вносится изменением программы с согласия "
                "участников."
            )
        if not user.has_perm("programs.approve_program", item.program):
            raise DomainError("Программу утверждает куратор, пока она на согласовании.")
        program_services.comment_add(
            program=item.program,
            user=user,
            text=f"Совет наставников рекомендовал программу к утверждению ({_protocol_words(meeting)}).",
        )
        result = program_services.program_approve(program=item.program, user=user)
    elif item.kind == AgendaItem.Kind.BANK:
        if not user.has_perm("programs.publish_program", item.program.organization):
            raise DomainError("Программу в банк публикует куратор.")
        result = program_services.program_publish(program=item.program, user=user)
    elif item.kind == AgendaItem.Kind.NOMINATION:
        if not user.has_perm("territory.issue_award", meeting.organization):
            raise DomainError("Поощрение оформляет руководитель организации.")
        result = territory_services.award_issue(
            organization=meeting.organization,
            person=item.person,
            kind=kind,
            reason=_award_reason(reason, meeting),
            on=on,
            user=user,
        )
        decision.award = result
    else:
        raise DomainError("Это решение исполняется вне портала.")
    decision.applied_at, decision.applied_by = timezone.now(), user
    decision.save(update_fields=["applied_at", "applied_by", "award", "updated_at"])
    return result
