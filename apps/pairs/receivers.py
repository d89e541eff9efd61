"""What a withdrawal of the personal-data consent does to pairs and groups (152-ФЗ art. 21 p. 5).

Registered in ``PairsConfig.ready()`` on ``apps.staff.hooks.consent_withdrawn``, which the staff
service calls inside the withdrawal transaction: processing stops at once, so the person's
participation ends in the same transaction, without waiting for an order (a later order may
record it; the pair is already over).

- A **mentee** who withdraws leaves every pair or group at once: their program ends early «по
  инициативе наставляемого» (seed 001 §7.1, the second way a program ends). A group with other
  mentees goes on without them; a pair (or a group left empty) ends, and ``hooks.group_ended_early``
  tells the apps above (programs: its approved program is finished with that reason).
- A **mentor** who withdraws can no longer mentor: their pairs and groups end as on a signed
  release order (``effects.apply_release``): every mentee goes back to the bank as «ожидает
  наставника» (the state the bank keeps for a mentor released or replaced), so the curator forms a
  new pair with a replacement mentor; each ended pair goes to ``hooks.group_ended_early`` too (its
  approved program is finished early with the reason recorded). The mentor's draft pairs are deleted.

Pairs awaiting an order are left as they are: the order cannot be signed while a participant has no
valid consent (``apps.orders.services``), and deleting the draft order gives the pair back as a draft.
The reason is recorded three ways: the change history of the pair and its members carries the
``consent_withdraw`` context of the staff service; a finished program gets a ``ProgramEnd`` with the
reason and a version note.
"""

from datetime import date

from django.utils import timezone

from apps.banks.models import MenteeEntry
from apps.core import russian
from apps.staff.models import Person, PersonalDataConsent

from . import hooks
from .models import GroupMember, MentoringGroup

MENTEE_REASON = (
    "{mentee} {name} {withdrew} согласие на обработку персональных данных {day:%d.%m.%Y} "
    "(часть 5 статьи 21 Федерального закона № 152-ФЗ): обработка {his} данных прекращена"
)
MENTOR_REASON = (
    "наставник {name} {withdrew} согласие на обработку персональных данных {day:%d.%m.%Y} "
    "(часть 5 статьи 21 Федерального закона № 152-ФЗ); наставляемым подбирается новый наставник"
)


def _end_group_if_empty(group: MentoringGroup, *, day: date, explanation: str, user) -> bool:
    if group.members.exclude(status=GroupMember.Status.ENDED).exists():
        return False
    group.status, group.ended_on = MentoringGroup.Status.ENDED, max(day, group.started_on or day)
    group.save(update_fields=["status", "ended_on", "updated_at"])
    hooks.group_ended_early.call(group=group, day=day, explanation=explanation, user=user)
    return True


def _end_member(member: GroupMember, day: date) -> None:
    member.status, member.left_on = GroupMember.Status.ENDED, max(day, member.joined_on or day)
    member.save(update_fields=["status", "left_on", "updated_at"])


def end_mentee_participation(*, person: Person, day: date, user) -> list[MentoringGroup]:
    """The mentee leaves their active pairs and groups; returns the groups that ended."""
    explanation = MENTEE_REASON.format(
        mentee=russian.by_sex(person, "наставляемый", "наставляемая"),
        name=person.short_name,
        withdrew=russian.by_sex(person, "отозвал", "отозвала"),
        his=russian.by_sex(person, "его", "её"),
        day=day,
    )
    ended = []
    members = GroupMember.objects.select_for_update(of=("self",)).filter(
        mentee_person=person, status=GroupMember.Status.ACTIVE, group__status=MentoringGroup.Status.ACTIVE
    )
    for member in members.select_related("group"):
        _end_member(member, day)
        if _end_group_if_empty(member.group, day=day, explanation=explanation, user=user):
            ended.append(member.group)
    # Planned places in draft pairs: the person cannot be put into a pair without a consent.
    for member in GroupMember.objects.filter(
        mentee_person=person, status=GroupMember.Status.PLANNED, group__status=MentoringGroup.Status.DRAFT
    ).select_related("group"):
        group = member.group
        member.delete()
        if not group.members.exists():
            group.delete()
    return ended


def end_mentor_participation(*, person: Person, day: date, user) -> list[MentoringGroup]:
    """The mentor's pairs and groups end; their mentees wait for a new mentor. Returns the ended groups."""
    explanation = MENTOR_REASON.format(
        name=person.short_name, withdrew=russian.by_sex(person, "отозвал", "отозвала"), day=day
    )
    groups = list(
        MentoringGroup.objects.select_for_update(of=("self",)).filter(
            mentor__person=person, status=MentoringGroup.Status.ACTIVE
        )
    )
    for group in groups:
        members = list(group.members.filter(status=GroupMember.Status.ACTIVE))
        for member in members:
            _end_member(member, day)
        waiting = [
            m.mentee_id
            for m in members
            if not GroupMember.objects.filter(
                mentee_id=m.mentee_id, status=GroupMember.Status.ACTIVE
            ).exists()
        ]
        # in_pair → waiting: the bank's state for a mentee whose mentor was released or replaced.
        MenteeEntry.objects.filter(pk__in=waiting, status=MenteeEntry.Status.IN_PAIR).update(
            status=MenteeEntry.Status.WAITING, updated_at=timezone.now()
        )
        GroupMember.objects.filter(group=group, status=GroupMember.Status.PLANNED).delete()
        _end_group_if_empty(group, day=day, explanation=explanation, user=user)
    MentoringGroup.objects.filter(mentor__person=person, status=MentoringGroup.Status.DRAFT).delete()
    return groups


def on_consent_withdrawn(*, consent: PersonalDataConsent, person: Person) -> None:
    """Registered on ``apps.staff.hooks.consent_withdrawn``: runs inside the withdrawal transaction."""
    day = consent.withdrawn_on or timezone.localdate()
    user = consent.withdrawn_by
    end_mentee_participation(person=person, day=day, user=user)
    end_mentor_participation(person=person, day=day, user=user)
