"""Who may do what with orders. The same predicates guard views and hide buttons in templates.

Coordinators of the municipality (and the regional operator) see no order of a school, not even the
list: an order's title and text may name people, and coordinators see aggregates only (issue 9, LEGAL.md
Labour Code art. 88). The signed orders reach them depersonalised, as on the public page (kind, number,
date): the territory drill-down lists them and links to that page.
"""

import rules

from apps.accounts.rules import (
    is_admin,
    is_curator,
    is_director,
    is_org_manager,
)

from .models import Order


@rules.predicate
def is_draft(user, order) -> bool:
    return order is not None and order.status == Order.Status.DRAFT


@rules.predicate
def is_awaiting_signature(user, order) -> bool:
    return order is not None and order.status == Order.Status.AWAITING_SIGNATURE


@rules.predicate
def is_signed(user, order) -> bool:
    return order is not None and order.status == Order.Status.SIGNED


@rules.predicate
def is_named_in(user, order) -> bool:
    """The user is one of the people named in the order (through Person.user)."""
    if order is None or not getattr(user, "is_authenticated", False):
        return False
    user_ids = getattr(order, "participant_user_ids", None)
    if user_ids is None:
        user_ids = set(order.participants.values_list("person__user_id", flat=True))
        order.participant_user_ids = user_ids
    return user.pk in user_ids


@rules.predicate
def is_any_director(user) -> bool:
    return any(m.role == "director" for m in getattr(user, "active_memberships", []) or [])


rules.add_perm("orders.list_orders", is_admin | is_org_manager)
rules.add_perm("orders.list_orders_anywhere", is_admin)
rules.add_perm("orders.create_order", is_curator)
# The portal administrator (a technical role) reads no personal data of a school: README «Security
# and data protection».
rules.add_perm("orders.view_order", is_org_manager | (is_signed & is_named_in))
rules.add_perm("orders.change_order", is_curator & is_draft)
rules.add_perm("orders.send_order", is_curator & is_draft)
rules.add_perm("orders.delete_order", is_curator & is_draft)
rules.add_perm("orders.sign_order", is_director & is_awaiting_signature)
rules.add_perm("orders.return_order", is_director & is_awaiting_signature)
rules.add_perm("orders.acknowledge_order", is_signed & is_named_in)
rules.add_perm("orders.view_desk", is_any_director)
# Acquaintance signed on a paper sheet: the curator records it; the sheets' scans for the operator.
rules.add_perm("orders.record_acquaintance", is_curator & is_signed)
rules.add_perm("orders.view_acquaintance_sheets", is_org_manager & is_signed)
