"""The orders' part of «Ждут вашего решения» (apps.accounts.inbox): orders to sign for the director,
orders returned for revision for the curator, signed orders to acknowledge for everyone they name."""

from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role

from .models import Order
from .selectors import director_desk, orders_to_acknowledge


def orders_returned(*, organization):
    """Drafts the director sent back with remarks («вернуть на доработку»), not yet sent again."""
    return Order.objects.filter(organization=organization, status=Order.Status.DRAFT).exclude(
        returned_comment=""
    )


def _detail(order) -> str:
    return reverse("orders:order-detail", args=[order.pk])


def provide(*, user, organization, roles, limit):
    groups = []
    if organization is not None and Role.DIRECTOR in roles:
        # The director's desk is the rule; its preparer's names are not needed here.
        desk = director_desk(user=user).filter(organization=organization).prefetch_related(None)
        rows, total = first_with_total(desk, limit)
        groups.append(
            InboxGroup(
                key="orders.to_sign",
                title="Приказы на подпись",
                count=total,
                items=[
                    InboxItem(o.title, _detail(o), note=f"направлен {o.updated_at:%d.%m.%Y}") for o in rows
                ],
                noun="приказ",
                all_url=reverse("orders:order-desk"),
                icon="pen",
                order=10,
            )
        )
    if organization is not None and Role.CURATOR in roles:
        returned = orders_returned(organization=organization).order_by("-updated_at", "-pk")
        rows, total = first_with_total(returned, limit)
        groups.append(
            InboxGroup(
                key="orders.returned",
                title="Приказы, возвращённые на доработку",
                count=total,
                items=[
                    InboxItem(o.title, _detail(o), note=f"замечания: {_short(o.returned_comment)}")
                    for o in rows
                ],
                noun="приказ",
                all_url=reverse("orders:order-list") + "?status=draft",
                icon="arrow-return-left",
                order=15,
            )
        )
    rows, total = first_with_total(orders_to_acknowledge(user=user), limit)
    groups.append(
        InboxGroup(
            key="orders.acknowledge",
            title="Ознакомьтесь с приказами",
            short_title="Ознакомиться с приказами",
            count=total,
            items=[
                InboxItem(
                    f"№ {p.order.number} от {p.order.date:%d.%m.%Y}",
                    _detail(p.order),
                    title=f"«{p.order.title}»",
                )
                for p in rows
            ],
            noun="приказ",
            all_url=reverse("orders:order-mine"),
            icon="file-earmark-check",
            order=5,
        )
    )
    return groups


def _short(text: str, size: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
