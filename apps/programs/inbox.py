"""The programs' part of «Ждут вашего решения» (apps.accounts.inbox): for the curator, pairs without a
program, programs to approve and programs behind their plan; for the council of mentors, programs to
review; for the mentor and the mentee, the events of their programs that are due."""

from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role
from apps.core.russian import count

from . import selectors


def _program_items(rows) -> list[InboxItem]:
    return [
        InboxItem(
            p.title,
            reverse("programs:program-detail", args=[p.pk]),
            note=f"наставник {p.group.mentor.person.short_name}",
        )
        for p in rows
    ]


def _behind_note(program) -> str:
    parts = [f"наставник {program.group.mentor.person.short_name}"]
    if program.events_overdue:
        parts.append(f"просрочено: {count(program.events_overdue, 'мероприятие')}")
    if selectors.is_stalled(program, program.last_activity):
        parts.append(f"нет записей в журнале {selectors.stall_phrase()}")
    return "; ".join(parts)


def _staff_groups(*, organization, roles, limit) -> list[InboxGroup]:
    groups = []
    programs_url = reverse("programs:program-list")
    if Role.CURATOR in roles:
        without = selectors.groups_without_program(organization=organization).select_related("mentor__person")
        rows, total = first_with_total(without.order_by("planned_start", "pk"), limit)
        groups.append(
            InboxGroup(
                key="programs.groups_without_program",
                title="Пары и группы без программы",
                count=total,
                items=[
                    InboxItem(
                        f"{g.kind_label} № {g.pk}",
                        reverse("programs:program-create", args=[g.pk]),
                        note=f"наставник {g.mentor.person.short_name}",
                    )
                    for g in rows
                ],
                noun="пара",
                all_url=reverse("pairs:group-list") + "?status=active",
                icon="journal-plus",
                order=30,
            )
        )
    if Role.CURATOR in roles or Role.COUNCIL in roles:
        on_approval = selectors.programs_on_approval(organization=organization).select_related(
            "group__mentor__person"
        )
        rows, total = first_with_total(on_approval.order_by("updated_at", "pk"), limit)
        curator = Role.CURATOR in roles
        groups.append(
            InboxGroup(
                key="programs.on_approval",
                # The curator approves a program (programs.approve_program); the council reviews and
                # comments on it before (seed 002 §4.1.3 «корректировки в персонализированные программы»).
                title="Программы на утверждение" if curator else "Программы на согласовании: рассмотреть",
                count=total,
                items=_program_items(rows),
                noun="программа",
                all_url=programs_url + "?status=on_approval",
                icon="journal-check",
                order=35,
            )
        )
    if Role.CURATOR in roles:
        behind = selectors.programs_behind(organization=organization).select_related("group__mentor__person")
        rows, total = first_with_total(behind.order_by("start", "pk"), limit)
        groups.append(
            InboxGroup(
                key="programs.behind",
                title="Программы с просрочкой или без активности",
                count=total,
                items=[
                    InboxItem(p.title, reverse("programs:program-detail", args=[p.pk]), note=_behind_note(p))
                    for p in rows
                ],
                noun="программа",
                all_url=programs_url,
                icon="hourglass-split",
                order=40,
            )
        )
    return groups


def provide(*, user, organization, roles, limit):
    groups = _staff_groups(organization=organization, roles=roles, limit=limit) if organization else []
    if Role.MENTOR in roles or Role.MENTEE in roles:
        rows, total = first_with_total(selectors.events_due(user=user).select_related("program"), limit)
        groups.append(
            InboxGroup(
                key="programs.events_due",
                title="Мероприятия программы",
                short_title="Мероприятия",
                count=total,
                items=[
                    InboxItem(
                        e.title,
                        reverse("programs:event-list", args=[e.program_id]),
                        note=(
                            f"просрочено, срок {(e.end or e.start):%d.%m.%Y}"
                            if e.overdue
                            else f"{e.start:%d.%m.%Y}"
                        ),
                    )
                    for e in rows
                ],
                noun="мероприятие",
                all_url=reverse("programs:my-calendar"),
                icon="calendar-event",
                order=50,
            )
        )
    return groups
