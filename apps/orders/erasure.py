"""Destruction after a withdrawal (152-ФЗ art. 21 p. 5) and the orders, registered on
``apps.staff.hooks.erasers``: a signed order is an archival document and is not changed; the act says
how many of them name the person."""

from apps.staff.hooks import Erasure

from .models import Order, OrderParticipant

SIGNED_ORDERS = "подписанные приказы, где указан субъект: архивные документы, не изменяются"


def signed_orders_of(*, person) -> int:
    """The signed orders that name the person (as a participant)."""
    return (
        Order.objects.filter(
            status=Order.Status.SIGNED,
            pk__in=OrderParticipant.objects.filter(person=person).values("order_id"),
        )
        .distinct()
        .count()
    )


def erase(*, person, user) -> Erasure:
    return Erasure(kept=[(SIGNED_ORDERS, signed_orders_of(person=person))])
