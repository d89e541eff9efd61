"""What signing an order of kinds PAIRS / REPLACE_MENTOR / RELEASE_MENTOR does to pairs and groups.

Registered with the orders app in ``PairsConfig.ready()``; ``on_sign`` runs inside the signing
transaction, so a refusal here leaves the order unsigned.
"""

from django.db import IntegrityError, transaction
from django.db.models.signals import pre_delete

from apps.banks.models import MenteeEntry, MentorEntry
from apps.core.exceptions import DomainError
from apps.staff.models import DisclosureConsent

from .models import GroupMember, MentorChange, MentoringGroup
from .selectors import missing_consents


def _groups_of(order):
    return list(
        MentoringGroup.objects.filter(assigned_order=order)
        .select_related("mentor__person")
        .prefetch_related("members__mentee_person", "duty_consents")
    )


def consent_blockers(order) -> list[str]:
    problems = []
    groups = _groups_of(order)
    for group in groups:
        for person in missing_consents(group):
            problems.append(
                f"{person.short_name}: нет согласия на возложение дополнительных обязанностей ({group})."
            )
    return problems + distance_blockers(groups)


def distance_blockers(groups: list[MentoringGroup]) -> list[str]:
    """A distance mentor who left the regional base or withdrew the transfer consent after the pair
    was put into the order: the order is not signed (pairs already active go on, see the README)."""
    distance = [g for g in groups if g.is_distance]
    if not distance:
        return []
    consented = set(
        DisclosureConsent.objects.filter(
            person_id__in=[g.mentor.person_id for g in distance],
            kind=DisclosureConsent.Kind.TRANSFER,
            withdrawn_on__isnull=True,
        ).values_list("person_id", flat=True)
    )
    problems = []
    for group in distance:
        name = group.mentor.person.short_name
        if not group.mentor.visible_in_region:
            problems.append(f"{name}: наставник другой организации исключён из региональной базы ({group}).")
        elif group.mentor.person_id not in consented:
            problems.append(
                f"{name}: отозвано согласие на передачу сведений другим организациям региона ({group})."
            )
    return problems


def _activate(group: MentoringGroup, order) -> None:
    if group.status != MentoringGroup.Status.AWAITING_ORDER:
        raise DomainError(f"{group} не ожидает приказа (статус «{group.get_status_display()}»).")
    # An order signed ahead of the planned start starts the pair on that day, not on the order's date.
    day = max(order.date, group.planned_start)
    group.status, group.started_on = MentoringGroup.Status.ACTIVE, day
    group.save(update_fields=["status", "started_on", "updated_at"])
    try:
        with transaction.atomic():
            GroupMember.objects.filter(group=group, status=GroupMember.Status.PLANNED).update(
                status=GroupMember.Status.ACTIVE, joined_on=day
            )
    except IntegrityError as error:
        raise DomainError(
            f"{group}: у наставляемого уже есть действующая пара по этому направлению."
        ) from error
    MenteeEntry.objects.filter(memberships__group=group).update(status=MenteeEntry.Status.IN_PAIR)
    MentorEntry.objects.filter(pk=group.mentor_id).update(status=MentorEntry.Status.ACTIVE)


def _end_member(member: GroupMember, order, day) -> None:
    member.status, member.left_on = GroupMember.Status.ENDED, max(day, member.joined_on or day)
    member.save(update_fields=["status", "left_on", "updated_at"])
    still = GroupMember.objects.filter(mentee=member.mentee, status=GroupMember.Status.ACTIVE).exists()
    if not still:
        MenteeEntry.objects.filter(pk=member.mentee_id).update(status=MenteeEntry.Status.WAITING)
    group = member.group
    if not group.members.exclude(status=GroupMember.Status.ENDED).exists():
        group.status, group.ended_on, group.ended_order = MentoringGroup.Status.ENDED, day, order
        group.save(update_fields=["status", "ended_on", "ended_order", "updated_at"])


def activate_pairs(order) -> None:
    for group in _groups_of(order):
        _activate(group, order)


def apply_replacement(order) -> None:
    for change in MentorChange.objects.filter(order=order, applied=False).select_related(
        "member__group", "new_group"
    ):
        _end_member(change.member, order, max(order.date, change.effective_on))
        _activate(change.new_group, order)
        change.applied = True
        change.save(update_fields=["applied", "updated_at"])


def apply_release(order) -> None:
    for change in MentorChange.objects.filter(order=order, applied=False).select_related("mentor"):
        day = max(order.date, change.effective_on)
        members = GroupMember.objects.filter(
            group__mentor=change.mentor, status=GroupMember.Status.ACTIVE
        ).select_related("group")
        for member in members:
            _end_member(member, order, day)
        # Drafts and awaiting pairs of a released mentor cannot go on either.
        MentoringGroup.objects.filter(mentor=change.mentor, status=MentoringGroup.Status.DRAFT).delete()
        MentorEntry.objects.filter(pk=change.mentor_id).update(
            status=MentorEntry.Status.RELEASED, released_on=day
        )
        change.applied = True
        change.save(update_fields=["applied", "updated_at"])


def on_order_deleted(sender, instance, **kwargs) -> None:
    """A deleted draft order gives its pairs back to the curator as drafts; a prepared replacement
    (its new pair and the change record) disappears with it."""
    changes = MentorChange.objects.filter(order=instance, applied=False)
    new_group_ids = [pk for pk in changes.values_list("new_group_id", flat=True) if pk]
    changes.delete()
    MentoringGroup.objects.filter(pk__in=new_group_ids, status=MentoringGroup.Status.AWAITING_ORDER).delete()
    MentoringGroup.objects.filter(
        assigned_order=instance, status=MentoringGroup.Status.AWAITING_ORDER
    ).update(status=MentoringGroup.Status.DRAFT)


def register_order_effects() -> None:
    try:
        from apps.orders import effects
        from apps.orders.models import Order
    except ImportError:  # the orders app is not installed (yet)
        return
    effects.register(Order.Kind.PAIRS, blockers=consent_blockers, on_sign=activate_pairs)
    effects.register(Order.Kind.REPLACE_MENTOR, blockers=consent_blockers, on_sign=apply_replacement)
    effects.register(Order.Kind.RELEASE_MENTOR, on_sign=apply_release)
    pre_delete.connect(on_order_deleted, sender=Order, dispatch_uid="pairs_on_order_deleted")
