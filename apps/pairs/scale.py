"""The scale steps of pairs: the pairs and groups of every organisation (planned after the banks, which
they take their mentors and mentees from), the orders that fix them, and then the groups saved with
their members and the participants' consents to the additional duties.

Reads ``ctx.sizes``, ``ctx.mentors_of``, ``ctx.mentees_of``, ``ctx.orgs``, ``ctx.year``,
``ctx.curator``, ``ctx.staffers``; sets ``ctx.groups_of`` (the groups of each organisation, by its
index; ``group._scale`` keeps the mentees, the order day and the length in months for the programs)
and the usernames of the documented mentor and mentee."""

from collections import defaultdict
from datetime import date, timedelta

from apps.banks.models import MenteeEntry, MentorEntry
from apps.core import scale_data as words
from apps.core.dates import add_months
from apps.core.scale import ScaleContext, decline
from apps.orders.models import DEFAULT_TITLES, Order
from apps.orders.scale import new_order

from .models import Direction, DutyConsent, Form, GroupMember, MentoringGroup, MentoringType


def _instrumental(person) -> str:
    return decline(person.last_name, person.first_name, person.patronymic, person.sex, "instrumental")


def plan_groups(ctx: ScaleContext) -> None:
    """Pairs and groups of every organisation (not saved yet): each mentee in at most one, each
    mentor within the load limit, fixed by an order signed 10–80 days ago, starting that day."""
    rng, today = ctx.rng, ctx.today
    directions = list(Direction.values)
    ctx.groups_of = defaultdict(list)
    for o in range(len(ctx.orgs)):
        n_groups, n_members = ctx.sizes["groups"][o], ctx.sizes["members"][o]
        mentees = iter(ctx.mentees_of[o][:n_members])
        mentors = ctx.mentors_of[o]
        sizes = [1] * n_groups
        extra, g = n_members - n_groups, 0
        while extra > 0:
            add = min(extra, rng.choice([1, 2, 3]))
            sizes[g] += add
            extra -= add
            g += 1
        # The biggest groups first, each to the least loaded mentor: no mentor above
        # ceil(members / mentors) + 4 <= 10 (there is a mentor for every 6 mentees).
        load = {id(m): 0 for m in mentors}
        # Pairs are fixed in batches: a few order days per organisation, 10–80 days ago.
        order_days = sorted(rng.sample(range(10, 81), min(71, max(1, round(n_groups / 6)))))
        for size in sorted(sizes, reverse=True):
            mentor = min(mentors, key=lambda m: (load[id(m)], mentors.index(m)))
            load[id(mentor)] += size
            chosen = [next(mentees) for _ in range(size)]
            order_day = today - timedelta(days=rng.choice(order_days))
            is_group = size > 1
            form = (
                Form.TEACHER_GROUP
                if is_group
                else rng.choice([Form.TEACHER_TEACHER] * 8 + [Form.DIRECTOR_TEACHER, Form.UNIVERSITY_YOUNG])
            )
            types = [MentoringType.GROUP] if is_group else [MentoringType.TRADITIONAL]
            if rng.random() < 0.2:
                types.append(
                    rng.choice([MentoringType.VIRTUAL, MentoringType.SITUATIONAL, MentoringType.GOAL])
                )
            months = rng.randint(3, 12)
            group = MentoringGroup(
                organization=ctx.orgs[o],
                year=ctx.year,
                mentor=mentor,
                form=form,
                types=types,
                direction=rng.choice(directions),
                goal=f"{rng.choice(words.PROGRAM_TOPICS)}: освоить и применить в работе.",
                planned_start=order_day,
                planned_end=add_months(order_day, months) - timedelta(days=1),
                status=MentoringGroup.Status.ACTIVE,
                started_on=order_day,
            )
            group._scale = {"org": o, "mentees": chosen, "order_day": order_day, "months": months}
            ctx.groups_of[o].append(group)
            for mentee in chosen:
                mentee.status = MenteeEntry.Status.IN_PAIR
        for mentor in mentors:
            if load[id(mentor)]:
                mentor.status = MentorEntry.Status.ACTIVE
                # The load limit: never below the mentees they have, sometimes a place free.
                mentor.max_mentees = min(10, max(2, load[id(mentor)] + rng.choice([0, 0, 1])))
                assert load[id(mentor)] <= mentor.max_mentees, (o, load[id(mentor)])
    # The documented mentor: the busiest mentor of the largest school; the mentee: in their group.
    groups0 = ctx.groups_of[0]
    busiest = max(
        ctx.mentors_of[0],
        key=lambda m: (sum(g.mentor is m for g in groups0), -ctx.mentors_of[0].index(m)),
    )
    ctx.usernames[id(busiest.person)] = "scale_mentor"
    mentee = next(g for g in groups0 if g.mentor is busiest)._scale["mentees"][0].person
    ctx.usernames[id(mentee)] = "scale_mentee"


def plan_pair_orders(ctx: ScaleContext) -> None:
    """One order per organisation and day on which pairs were fixed (``ctx.order_plan`` of orders)."""
    by_org_day: dict[tuple[int, date], list[MentoringGroup]] = defaultdict(list)
    for o, groups in ctx.groups_of.items():
        for group in groups:
            by_org_day[(o, group._scale["order_day"])].append(group)
    for (o, day), groups in sorted(by_org_day.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        items, people, seen = [], [], set()
        annexes = []
        if len(groups) > 3:
            items.append(
                "Закрепить наставнические пары (группы) в составе согласно приложению № 1 "
                "к настоящему приказу."
            )
            rows = []
            for n, group in enumerate(groups, start=1):
                mentor = group.mentor.person
                rows.append(
                    [
                        str(n),
                        f"{mentor.full_name}, {mentor.position.name.lower()}",
                        "; ".join(m.person.full_name for m in group._scale["mentees"]),
                        group.get_form_display(),
                        group.get_direction_display(),
                        f"с {group.planned_start:%d.%m.%Y} по {group.planned_end:%d.%m.%Y}",
                    ]
                )
            annexes.append(
                {
                    "title": "Состав наставнических пар (групп)",
                    "columns": ["№", "Наставник", "Наставляемые", "Форма", "Направление", "Срок"],
                    "rows": rows,
                }
            )
        else:
            for group in groups:
                mentor = group.mentor.person
                mentees = [m.person for m in group._scale["mentees"]]
                noun = "наставляемых" if len(mentees) > 1 else "наставляемого"
                items.append(
                    f"Закрепить {noun} {', '.join(p.name_accusative for p in mentees)} за наставником "
                    f"{_instrumental(mentor)} "
                    f"({group.get_form_display()}, направление «{group.get_direction_display()}») "
                    f"на срок с {group.planned_start:%d.%m.%Y} по {group.planned_end:%d.%m.%Y}."
                )
        items.append(
            "Наставникам совместно с наставляемыми в течение 10 рабочих дней разработать "
            "персонализированные программы наставничества и представить их куратору."
        )
        for group in groups:
            for n, person in enumerate([group.mentor.person, *(m.person for m in group._scale["mentees"])]):
                if person.pk not in seen:
                    seen.add(person.pk)
                    people.append((person, "наставник" if n == 0 else "наставляемый"))
        order = new_order(
            ctx,
            o,
            Order.Kind.PAIRS,
            DEFAULT_TITLES[Order.Kind.PAIRS],
            "В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, Положением "
            "о системе наставничества педагогических работников и на основании письменных согласий "
            "участников",
            items,
            people,
            annexes,
            signed_on=day,
        )
        for group in groups:
            group.assigned_order = order


def save_groups(ctx: ScaleContext) -> None:
    rng = ctx.rng
    user_of = {id(s.person): s.user for s in ctx.staffers}
    groups = [g for gs in ctx.groups_of.values() for g in gs]
    for group in groups:
        group.created_by = ctx.curator[group._scale["org"]].user
    ctx.copy(MentoringGroup, groups, "groups")
    members, consents = [], []
    for group in groups:
        info = group._scale
        info["members"] = [
            GroupMember(
                group=group,
                mentee=mentee,
                mentee_person=mentee.person,
                mentor_person=group.mentor.person,
                direction=group.direction,
                status=GroupMember.Status.ACTIVE,
                joined_on=info["order_day"],
            )
            for mentee in info["mentees"]
        ]
        members.extend(info["members"])
        # Consents to the additional duties (ТК РФ ст. 351.8), given before the order.
        for person in [group.mentor.person, *(m.person for m in info["mentees"])]:
            consents.append(
                DutyConsent(
                    person=person,
                    group=group,
                    form=DutyConsent.Form.PORTAL,
                    signed_on=info["order_day"] - timedelta(days=rng.randint(1, 5)),
                    recorded_by=user_of[id(person)],
                )
            )
    ctx.copy(GroupMember, members, "group_members")
    ctx.copy(DutyConsent, consents, "duty_consents")
