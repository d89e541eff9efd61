"""Pairs into orders: the assignment order for draft pairs, the replacement and the release of a
mentor. Pairs become active and end only when these orders are signed (effects.py)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from apps.banks.models import MentorEntry
from apps.banks.selectors import petitions_of_entries
from apps.core.exceptions import DomainError
from apps.orders.selectors import regulation_reference
from apps.staff.models import Person

from ..models import (
    Form,
    GroupMember,
    MentorChange,
    MentoringGroup,
)
from ..selectors import participants
from .allowance import allowance_of
from .forming import (
    group_check,
    group_create,
)
from .wording import (
    _accusative,
    _genitive,
    _pairs_annex,
    _period,
    _position,
    pair_item_text,
    petitions_basis,
    position_instrumental,
)

ANNEX_THRESHOLD = 3


@transaction.atomic
def groups_submit_to_order(*, groups: list[MentoringGroup], user):
    """Draft an order «О закреплении наставнических пар (групп)» for the chosen draft pairs and
    move them to «ожидает приказа». The rules are checked again under the mentors' row locks."""
    from apps.orders.models import Order
    from apps.orders.services import order_create

    if not groups:
        raise DomainError("Выберите хотя бы одну пару (группу) в статусе «проект».")
    locked = list(
        MentoringGroup.objects.select_for_update(of=("self",))
        .filter(pk__in=[g.pk for g in groups])
        .select_related("mentor__person__position", "mentor__organization", "organization", "year")
        .order_by("pk")
    )
    organization = locked[0].organization
    for group in locked:
        group.require_move(MentoringGroup.Status.AWAITING_ORDER, f"{group} уже не в статусе «проект».")
        if group.organization_id != organization.pk:
            raise DomainError("В один приказ включаются пары одной организации.")
    # Check each group as if it were being formed now (limits counted with the groups already moved).
    for group in locked:
        members = list(group.members.select_related("mentee__person", "mentee_person__position"))
        group_check(
            organization=group.organization,
            year=group.year,
            mentor=group.mentor,
            mentees=[m.mentee for m in members],
            form=group.form,
            types=group.types,
            planned_start=group.planned_start,
            planned_end=group.planned_end,
            direction=group.direction,
            exclude_group=group,
        )
        group.status = MentoringGroup.Status.AWAITING_ORDER
        # The order fixes the allowance: the Regulation's default is copied into the pair, so that a
        # later change of the default never alters a signed order's pair or its additional agreement.
        group.allowance_amount, group.allowance_percent = allowance_of(group)
        group.save(update_fields=["status", "allowance_amount", "allowance_percent", "updated_at"])
    groups_full = list(
        MentoringGroup.objects.filter(pk__in=[g.pk for g in locked])
        .select_related("mentor__person__position", "mentor__organization")
        .prefetch_related("members__mentee_person__position")
        .order_by("mentor__person__last_name", "pk")
    )
    items = []
    annexes = None
    if len(groups_full) > ANNEX_THRESHOLD:
        items.append(
            "Закрепить наставнические пары (группы) в составе согласно приложению № 1 к настоящему приказу; "
            "установить наставникам доплату в размере, указанном в приложении № 1."
        )
        annexes = [_pairs_annex(groups_full)]
    else:
        items.extend(pair_item_text(g) for g in groups_full)
    items.append(
        "Наставникам совместно с наставляемыми в течение 10 рабочих дней разработать персонализированные "
        "программы наставничества и представить их куратору."
    )
    items.append(
        "Куратору реализации программ наставничества подготовить дополнительные соглашения к трудовым "
        "договорам наставников (ТК РФ ст. 351.8)."
    )
    petitions = petitions_of_entries(
        mentee_entry_ids=[m.mentee_id for g in groups_full for m in g.members.all()],
        mentor_entry_ids=[g.mentor_id for g in groups_full],
    )
    people: list[tuple[Person, str]] = []
    seen = set()
    for group in groups_full:
        for n, person in enumerate(participants(group)):
            if person.pk not in seen:
                seen.add(person.pk)
                people.append((person, "наставник" if n == 0 else "наставляемый"))
    order = order_create(
        organization=organization,
        kind=Order.Kind.PAIRS,
        title="О закреплении наставнических пар (групп)",
        preamble=(
            "В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, "
            f"{regulation_reference(organization, 'instrumental')} "
            "и на основании письменных согласий участников" + petitions_basis(petitions)
        ),
        items=items,
        participants=people,
        created_by=user,
        annexes=annexes,
    )
    MentoringGroup.objects.filter(pk__in=[g.pk for g in locked]).update(assigned_order=order)
    return order


@transaction.atomic
def mentor_replace_request(
    *,
    member: GroupMember,
    new_mentor: MentorEntry,
    petition_date: date,
    reason: str = "",
    user,
    planned_end=None,
):
    """The mentee's petition to replace the mentor: a new pair with the new mentor is prepared
    (awaiting the order) and an order «О замене наставника» is drafted. Nothing ends until signed."""
    from apps.orders.models import Order
    from apps.orders.services import order_create

    member = (
        GroupMember.objects.select_for_update(of=("self",))
        .select_related("group__mentor__person", "mentee__person")
        .get(pk=member.pk)
    )
    old = member.group
    if old.status != MentoringGroup.Status.ACTIVE or member.status != GroupMember.Status.ACTIVE:
        raise DomainError("Заменить наставника можно только в действующей паре (группе).")
    if new_mentor.pk == old.mentor_id:
        raise DomainError("Выберите другого наставника.", field="new_mentor")
    if MentorChange.objects.filter(member=member, applied=False, order__isnull=False).exists():
        raise DomainError("Замена наставника для этого участника уже готовится.")
    start = max(petition_date, timezone.localdate())
    end = planned_end or old.planned_end
    new_group = group_create(
        organization=old.organization,
        year=old.year,
        mentor=new_mentor,
        mentees=[member.mentee],
        form=Form.TEACHER_TEACHER if old.form == Form.TEACHER_GROUP else old.form,
        types=[t for t in old.types if t != "group"] or ["traditional"],
        direction=old.direction,
        planned_start=start,
        planned_end=end,
        goal=old.goal,
        created_by=user,
        replacing=member,
        status=MentoringGroup.Status.AWAITING_ORDER,
    )
    change = MentorChange.objects.create(
        kind=MentorChange.Kind.REPLACE,
        ground=MentorChange.Ground.MENTEE_PETITION,
        organization=old.organization,
        mentor=old.mentor,
        member=member,
        new_group=new_group,
        document_date=petition_date,
        effective_on=start,
        reason=reason,
        created_by=user,
    )
    mentee = member.mentee_person
    old_mentor, new_mentor_person = old.mentor.person, new_mentor.person
    order = order_create(
        organization=old.organization,
        kind=Order.Kind.REPLACE_MENTOR,
        title="О замене наставника",
        preamble=(
            f"На основании ходатайства {_genitive(mentee)} от {petition_date:%d.%m.%Y} о замене наставника"
            + (f" ({reason.strip()})" if reason.strip() else "")
        ),
        items=[
            f"Освободить {_accusative(old_mentor)} от обязанностей наставника {_genitive(mentee)} "
            f"с {start:%d.%m.%Y}.",
            f"Закрепить наставляемого {_accusative(mentee)} за наставником "
            f"{_instrumental(new_mentor_person)}{_distance_note(new_mentor, old.organization)} "
            f"на срок {_period(new_group)}.",
        ],
        participants=[(old_mentor, "наставник"), (new_mentor_person, "наставник"), (mentee, "наставляемый")],
        created_by=user,
    )
    change.order = order
    change.save(update_fields=["order"])
    new_group.assigned_order = order
    new_group.save(update_fields=["assigned_order"])
    return order


def _distance_note(mentor: MentorEntry, organization) -> str:
    if mentor.organization_id == organization.pk:
        return ""
    from apps.organizations.models import Organization

    other = Organization.objects.only("short_name").get(pk=mentor.organization_id)
    return f", {position_instrumental(mentor.person)} {other.short_name} (дистанционная форма)"


def _instrumental(person: Person) -> str:
    from apps.core.names import decline_full_name

    return decline_full_name(
        person.last_name, person.first_name, person.patronymic, "instrumental", person.sex
    )


@transaction.atomic
def mentor_release_request(*, mentor: MentorEntry, ground: str, document_date: date, reason: str = "", user):
    """Release a mentor (their application, or early termination by either side): the duties end
    after 3 working days' notice (ТК РФ ст. 351.8); an order «Об освобождении…» is drafted."""
    from apps.orders.models import Order
    from apps.orders.services import order_create

    from ..dates import notice_end

    if ground not in (MentorChange.Ground.MENTOR_APPLICATION, MentorChange.Ground.EARLY_TERMINATION):
        raise DomainError("Укажите основание освобождения.", field="ground")
    from apps.accounts.rules import is_admin, is_curator, is_director

    mentor = (
        MentorEntry.objects.select_for_update(of=("self",))
        .select_related("person__position", "organization")
        .get(pk=mentor.pk)
    )
    if not (
        is_curator(user, mentor.organization) or is_director(user, mentor.organization) or is_admin(user)
    ):
        # A distance mentor works for another organisation: only their employer releases them.
        raise DomainError(
            "Освободить от обязанностей наставника может только организация, где он работает; "
            "для дистанционной пары оформите замену наставника."
        )
    if mentor.status == MentorEntry.Status.RELEASED:
        raise DomainError("Наставник уже освобождён.")
    if MentorChange.objects.filter(
        mentor=mentor, kind=MentorChange.Kind.RELEASE, applied=False, order__isnull=False
    ).exists():
        raise DomainError("Приказ об освобождении этого наставника уже готовится.")
    active = list(
        MentoringGroup.objects.filter(mentor=mentor, status=MentoringGroup.Status.ACTIVE)
        .select_related("organization")
        .prefetch_related("members__mentee_person")
    )
    if not active:
        raise DomainError("У наставника нет действующих пар (групп).")
    elsewhere = sorted(
        {g.organization.short_name for g in active if g.organization_id != mentor.organization_id}
    )
    if elsewhere:
        # The release order of the mentor's school must not name another school's mentees.
        raise DomainError(
            "У наставника есть действующие дистанционные пары в других организациях ("
            + ", ".join(elsewhere)
            + "): сначала их завершает или передаёт другому наставнику организация наставляемого."
        )
    effective = notice_end(document_date)
    change = MentorChange.objects.create(
        kind=MentorChange.Kind.RELEASE,
        ground=ground,
        organization=mentor.organization,
        mentor=mentor,
        document_date=document_date,
        effective_on=effective,
        reason=reason,
        created_by=user,
    )
    person = mentor.person
    mentees = [
        m.mentee_person for g in active for m in g.members.all() if m.status == GroupMember.Status.ACTIVE
    ]
    basis = (
        f"заявления {_genitive(person)} от {document_date:%d.%m.%Y} о сложении обязанностей наставника"
        if ground == MentorChange.Ground.MENTOR_APPLICATION
        else f"уведомления о досрочном прекращении обязанностей наставника от {document_date:%d.%m.%Y}"
    )
    order = order_create(
        organization=mentor.organization,
        kind=Order.Kind.RELEASE_MENTOR,
        title="Об освобождении от обязанностей наставника",
        preamble="В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, "
        + f"на основании {basis}"
        + (f" ({reason.strip()})" if reason.strip() else ""),
        items=[
            f"Освободить {_accusative(person)}, {_position(person)}, от обязанностей наставника "
            f"с {effective:%d.%m.%Y}.",
            "Считать завершённой работу наставнических пар (групп) с участием "
            + ", ".join(_genitive(p) for p in mentees)
            + "; куратору подобрать наставляемым нового наставника.",
        ],
        participants=[(person, "наставник")] + [(p, "наставляемый") for p in mentees],
        created_by=user,
    )
    change.order = order
    change.save(update_fields=["order"])
    return order
