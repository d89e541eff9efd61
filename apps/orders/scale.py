"""The scale steps of orders: per organisation the Regulation and the curator's appointment (planned
by ``plan_orders``), the orders the apps above plan in between (``new_order``: the pairs orders), and
an amendment waiting on the director's desk; ``save_orders`` writes them all, signed and numbered
without gaps per year, with the participants' acquaintance marks.

Reads ``ctx.orgs``, ``ctx.year``, ``ctx.curator``, ``ctx.director``; sets ``ctx.order_plan``."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection

from apps.core.names import initials_surname
from apps.core.scale import BATCH, ScaleContext
from apps.staff.models import Person

from .models import DEFAULT_TITLES, Order, OrderAnnex, OrderCounter, OrderItem, OrderParticipant


@dataclass
class OrderPlan:
    """The orders of the region before they are saved: their texts, and the day each is signed."""

    orders: list[Order] = field(default_factory=list)
    # (order, item texts, participants with their role, annexes)
    children: list[tuple[Order, list[str], list[tuple[Person, str]], list[dict]]] = field(
        default_factory=list
    )
    signing: list[tuple[Order, date]] = field(default_factory=list)
    regulations: dict[int, Order] = field(default_factory=dict)  # by organisation index


def new_order(
    ctx: ScaleContext,
    o: int,
    kind,
    title,
    preamble,
    items,
    people,
    annexes=(),
    amends=None,
    status=None,
    signed_on: date | None = None,
) -> Order:
    """An order of organisation ``o`` prepared by its curator, added to ``ctx.order_plan``; signed on
    ``signed_on`` when there is one (by the director, in ``save_orders``)."""
    plan: OrderPlan = ctx.order_plan
    org, curator = ctx.orgs[o], ctx.curator[o]
    order = Order(
        organization=org,
        kind=kind,
        status=status or Order.Status.DRAFT,
        title=title,
        preamble=preamble,
        place=org.locality,
        created_by=curator.user,
        amends=amends,
        preparer_name=curator.person.full_name,
        preparer_phone=org.phone,
    )
    plan.orders.append(order)
    plan.children.append((order, items, people, list(annexes)))
    if signed_on is not None:
        plan.signing.append((order, signed_on))
    return order


def plan_orders(ctx: ScaleContext) -> None:
    """The Regulation and the curator's appointment of every organisation, 120–125 days ago."""
    rng, today = ctx.rng, ctx.today
    ctx.order_plan = OrderPlan()
    regulations = ctx.order_plan.regulations
    for o, org in enumerate(ctx.orgs):
        curator = ctx.curator[o].person
        start = today - timedelta(days=rng.randint(120, 125))
        regulations[o] = new_order(
            ctx,
            o,
            Order.Kind.REGULATION,
            DEFAULT_TITLES[Order.Kind.REGULATION],
            "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
            "Федерации», в целях развития системы наставничества педагогических работников",
            [
                f"Утвердить Положение о системе наставничества педагогических работников {org.short_name}.",
                "Утвердить дорожную карту реализации системы наставничества "
                f"на {ctx.year.label} учебный год.",
                f"{curator.name_dative} ознакомить педагогических работников с Положением.",
            ],
            [(curator, "куратор")],
            signed_on=start,
        )
        new_order(
            ctx,
            o,
            Order.Kind.CURATOR,
            DEFAULT_TITLES[Order.Kind.CURATOR],
            "В соответствии с Положением о системе наставничества педагогических работников "
            f"{org.short_name}",
            [
                f"Назначить {curator.name_accusative} куратором реализации программ наставничества "
                f"на {ctx.year.label} учебный год.",
            ],
            [(curator, "куратор")],
            signed_on=start + timedelta(days=1),
        )


def save_orders(ctx: ScaleContext) -> None:
    """The amendments, then every planned order with its items, participants and annexes; the signed
    ones numbered and signed by one UPDATE; most participants acquainted."""
    rng, today = ctx.rng, ctx.today
    plan: OrderPlan = ctx.order_plan
    for o in range(len(ctx.orgs)):
        council = ctx.curator[o].person
        new_order(
            ctx,
            o,
            Order.Kind.AMEND,
            "О внесении изменений в приказ об утверждении Положения о системе наставничества",
            "В связи с переносом сроков итоговой конференции по решению методического совета",
            ["Внести изменение в дорожную карту: итоговая конференция — в апреле."],
            [(council, "куратор")],
            amends=plan.regulations[o],
            status=Order.Status.AWAITING_SIGNATURE,
        )
    orders, children, signing = plan.orders, plan.children, plan.signing
    # Amendments name their signed order: inserted after it.
    ctx.copy(Order, [o for o in orders if o.amends is None])
    ctx.copy(Order, [o for o in orders if o.amends is not None])
    items, participants, annexes = [], [], []
    for order, texts, people, annex_list in children:
        items.extend(OrderItem(order=order, position=i, text=t) for i, t in enumerate(texts, start=1))
        for position, (person, role) in enumerate(people, start=1):
            participants.append(
                OrderParticipant(
                    order=order,
                    person=person,
                    role=role,
                    position=position,
                    full_name=person.full_name,
                    initials_name=person.initials_name,
                    name_dative=person.name_dative,
                    name_genitive=person.name_genitive,
                )
            )
        annexes.extend(
            OrderAnnex(order=order, number=i, title=a["title"], columns=a["columns"], rows=a["rows"])
            for i, a in enumerate(annex_list, start=1)
        )
    # Items and participants go in while the orders are drafts (the triggers refuse them later).
    ctx.copy(OrderItem, items, "order_items")
    ctx.copy(OrderParticipant, participants, "order_participants")
    ctx.copy(OrderAnnex, annexes)
    # Numbers: consecutive per organisation and calendar year, in the order of the dates.
    signing.sort(key=lambda pair: (pair[0].organization_id, pair[1], pair[0].pk))
    last: dict[tuple[int, int], int] = defaultdict(int)
    rows = []
    for order, day in signing:
        key = (order.organization_id, day.year)
        last[key] += 1
        rows.append((order, day, last[key]))
    org_index = {org.pk: i for i, org in enumerate(ctx.orgs)}
    values = []
    for order, day, number in rows:
        director = ctx.director[org_index[order.organization_id]]
        org = order.organization
        signed_at = ctx.aware(day, hour=rng.randint(9, 17))
        values.append(
            (
                order.pk,
                number,
                day.year,
                day,
                signed_at,
                director.user.pk,
                org.director_position,
                initials_surname(
                    director.person.last_name, director.person.first_name, director.person.patronymic
                ),
            )
        )
        order.status, order.number, order.year, order.date = Order.Status.SIGNED, number, day.year, day
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            chunk = values[start : start + BATCH]
            placeholders = ", ".join(["(%s, %s, %s, %s::date, %s::timestamptz, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"""
                UPDATE orders_order o SET status = 'signed', number = v.number, year = v.year,
                    date = v.date, signed_at = v.signed_at, signed_by_id = v.signed_by,
                    signer_position = v.signer_position, signer_name = v.signer_name
                FROM (VALUES {placeholders})
                    AS v(id, number, year, date, signed_at, signed_by, signer_position, signer_name)
                WHERE o.id = v.id
                """,
                [x for row in chunk for x in row],
            )
    ctx.copy(
        OrderCounter,
        (OrderCounter(organization_id=org_id, year=y, last_number=n) for (org_id, y), n in last.items()),
    )
    ctx.counts["orders"] = len(orders)
    ctx.counts["signed_orders"] = len(values)
    # Acquaintance marks of most participants («С приказом ознакомлен(а)»): allowed after signing.
    signed_day = {order.pk: day for order, day, _ in rows}
    acknowledged = []
    for participant in participants:
        day = signed_day.get(participant.order_id)
        user = participant.person.user
        if day is not None and user is not None and rng.random() < 0.8:
            participant.acknowledged_at = ctx.aware(min(day + timedelta(days=rng.randint(0, 3)), today))
            participant.acknowledged_by = user
            acknowledged.append(participant)
    with connection.cursor() as cursor:
        for start in range(0, len(acknowledged), BATCH):
            chunk = acknowledged[start : start + BATCH]
            values = ", ".join(["(%s, %s::timestamptz, %s)"] * len(chunk))
            cursor.execute(
                "UPDATE orders_orderparticipant p "
                "SET acknowledged_at = v.ack_at, acknowledged_by_id = v.ack_by "
                f"FROM (VALUES {values}) AS v(id, ack_at, ack_by) WHERE p.id = v.id",
                [x for p in chunk for x in (p.pk, p.acknowledged_at, p.acknowledged_by.pk)],
            )
