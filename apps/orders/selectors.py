"""Reads of orders, scoped to the user first."""

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from apps.accounts.rules import is_admin, is_director, is_org_manager
from apps.accounts.selectors import organizations_of
from apps.core import locking

from .models import Order, OrderParticipant


def orders_in_scope(user) -> QuerySet[Order]:
    """Orders of every organisation the user may see anything of, and the signed orders of another
    organisation that name the user (a distance mentor acquaints themselves with the order of the
    mentee's school, issue 9 §3): outside them an order does not exist."""
    if not getattr(user, "is_authenticated", False):
        return Order.objects.none()
    if is_admin(user):
        # Every organisation: the IN over the UNION would read every order of the database twice (the
        # administrator's list grew with the region, issue 18).
        return Order.objects.select_related("organization")
    # One IN over a UNION of two indexed lookups. As an OR of the organisation and an EXISTS, PostgreSQL
    # read every signed order of the database and tested each (a bitmap scan on the status): the list
    # grew with the region, not with the school (4× the admin's SQL at 10× the region; issue 18).
    own = Order.objects.filter(organization__in=organizations_of(user)).order_by().values("pk")
    naming = (
        OrderParticipant.objects.filter(person__user=user, order__status=Order.Status.SIGNED)
        .order_by()
        .values("order_id")
    )
    return Order.objects.filter(pk__in=own.union(naming)).select_related("organization")


def managed_organization_ids(user) -> set[int]:
    """The organisations whose orders the user prepares or signs (``is_org_manager``: director, curator)."""
    return {
        m.organization_id
        for m in user.active_memberships
        if m.organization_id and is_org_manager.test(user, m.organization)
    }


def order_list(*, user) -> QuerySet[Order]:
    """The list page: all orders of the schools the user manages; signed orders only elsewhere in scope,
    annotated with acquaintance counts. Coordinators never reach it (``orders.list_orders``)."""
    scope = orders_in_scope(user)
    if not is_admin(user):
        scope = scope.filter(
            Q(organization_id__in=managed_organization_ids(user)) | Q(status=Order.Status.SIGNED)
        )
    # Counted per row of the page (index on order_id), not by a JOIN + GROUP BY over the participants
    # of every order in scope, which PostgreSQL sorted in full (20 ms at seed_scale; bench, issue #8).
    participants = OrderParticipant.objects.filter(order=OuterRef("pk")).order_by().values("order")
    return scope.annotate(
        participants_total=Coalesce(Subquery(participants.annotate(n=Count("pk")).values("n")), Value(0)),
        participants_acknowledged=Coalesce(
            Subquery(participants.filter(acknowledged_at__isnull=False).annotate(n=Count("pk")).values("n")),
            Value(0),
        ),
    ).order_by("-year", "-number", "-created_at")


# The distinct years of every order, by the index on (year, number, created_at): one probe per year
# («loose index scan»), where DISTINCT read every order of the database (issue 18).
_ALL_YEARS_SQL = """
WITH RECURSIVE y AS (
    SELECT max(year) AS year FROM orders_order
  UNION ALL
    SELECT (SELECT max(year) FROM orders_order WHERE year < y.year) FROM y WHERE y.year IS NOT NULL
)
SELECT year FROM y WHERE year IS NOT NULL
"""


def order_years(*, user) -> list[int]:
    """The registration years of the orders of ``order_list``, newest first (the list's year filter)."""
    if is_admin(user):
        with connection.cursor() as cursor:
            cursor.execute(_ALL_YEARS_SQL)
            return [row[0] for row in cursor.fetchall()]
    # Without the list's ordering: DISTINCT over (year, number, created_at) returned every order.
    years = order_list(user=user).order_by().values_list("year", flat=True).distinct()
    return sorted((y for y in years if y), reverse=True)


def order_detail(*, user, pk: int) -> Order:
    """Raises Order.DoesNotExist outside the user's scope."""
    return (
        orders_in_scope(user)
        .select_related("created_by", "signed_by", "amends", "cancels", "organization__municipality")
        .prefetch_related(
            "items",
            "annexes",
            Prefetch(
                "participants", queryset=OrderParticipant.objects.select_related("person", "acknowledged_by")
            ),
        )
        .get(pk=pk)
    )


def director_desk(*, user) -> QuerySet[Order]:
    org_ids = {
        m.organization_id
        for m in user.active_memberships
        if m.organization_id and is_director.test(user, m.organization)
    }
    return (
        Order.objects.filter(organization_id__in=org_ids, status=Order.Status.AWAITING_SIGNATURE)
        .select_related("organization", "created_by")
        .prefetch_related("created_by__people")  # «подготовил» / «подготовила»: the preparer's sex
        .annotate(participants_total=Count("participants"))
        .order_by("updated_at")
    )


def orders_to_acknowledge(*, user) -> QuerySet[OrderParticipant]:
    """Signed orders that name the user and that they have not confirmed yet."""
    if not getattr(user, "is_authenticated", False):
        return OrderParticipant.objects.none()
    return (
        OrderParticipant.objects.filter(
            person__user=user, acknowledged_at__isnull=True, order__status=Order.Status.SIGNED
        )
        .select_related("order__organization", "person")
        .order_by("order__date", "order__number")
    )


_HISTORY_LABELS = {
    Order.Status.DRAFT: "проект",
    Order.Status.AWAITING_SIGNATURE: "направлен на подпись",
    Order.Status.SIGNED: "подписан",
}


def order_history(order: Order) -> list:
    """The status changes of an order, from the pghistory rows (one query)."""
    events = list(
        # pgh_obj too: the related manager reads it on every row (one query per event when deferred).
        order.events.order_by("pgh_id").only(
            "pgh_id", "pgh_obj", "pgh_created_at", "status", "returned_comment"
        )
    )
    history, previous = [], None
    for event in events:
        if event.status != previous:
            if previous == Order.Status.AWAITING_SIGNATURE and event.status == Order.Status.DRAFT:
                event.label = f"возвращён на доработку: {event.returned_comment}"
            elif previous is None:
                event.label = "создан проект"
            else:
                event.label = _HISTORY_LABELS[event.status]
            history.append(event)
            previous = event.status
    return history


# What the draft edit form locks on (apps.core.locking) ---------------------------------------------


def _order_label(order: Order | None) -> str:
    return f"от {order.date:%d.%m.%Y} № {order.number} «{order.title}»" if order else ""


def draft_edit_state(
    *, title, preamble, items, participants, participant_role, amends, cancels, control_text, preparer
) -> dict[str, str]:
    """A draft as its edit form shows it; each argument is ``None`` when the form has no such field.
    ``participants``: full names (their order is not the form's concern); ``preparer``: (name, phone)."""
    rows = [
        ("Заголовок", title),
        ("Преамбула", preamble),
        ("Распорядительные пункты", items),
        ("Работники, которых нужно ознакомить", sorted(participants) if participants is not None else None),
        ("Роль в приказе", participant_role),
        ("Изменяет приказ", _order_label(amends) if amends is not None else None),
        ("Отменяет приказ", _order_label(cancels) if cancels is not None else None),
        ("Контроль исполнения", control_text),
        ("Исполнитель", preparer[0] if preparer else None),
        ("Телефон исполнителя", preparer[1] if preparer else None),
    ]
    return locking.state((label, value) for label, value in rows if value is not None)


def order_edit_state(order: Order) -> dict[str, str]:
    """The saved draft: everything the edit form may show (items and participants prefetched or one
    query each)."""
    participants = list(order.participants.all())
    return draft_edit_state(
        title=order.title,
        preamble=order.preamble,
        items=[i.text for i in order.items.all()],
        participants=[p.full_name for p in participants],
        participant_role=participants[0].role if participants else "",
        amends=order.amends or "",
        cancels=order.cancels or "",
        control_text=order.control_text,
        preparer=(order.preparer_name, order.preparer_phone),
    )


def order_lock_token(order: Order) -> str:
    return locking.state_token(order_edit_state(order))


def normative_documents(*, organization) -> list[dict]:
    """Signed orders as «kind — № — date» only: the title of an order may name people, its kind never."""
    orders = (
        Order.objects.filter(organization=organization, status=Order.Status.SIGNED)
        .only("kind", "number", "date", "title")
        .order_by("-date", "-number")
    )
    documents = []
    for order in orders:
        is_regulation = order.kind == Order.Kind.REGULATION
        documents.append(
            {
                # The Regulation order's title is the fixed text of its kind, with no names in it.
                "title": order.get_kind_display(),
                "number": order.number,
                "date": order.date,
                "is_regulation": is_regulation,
            }
        )
    return documents


def regulation_order_in_force(*, organization) -> Order | None:
    """The signed order approving the organisation's Regulation that no signed later order cancels;
    the latest one when there are several editions."""
    return (
        Order.objects.filter(
            organization=organization, kind=Order.Kind.REGULATION, status=Order.Status.SIGNED
        )
        .exclude(Exists(Order.objects.filter(cancels=OuterRef("pk"), status=Order.Status.SIGNED)))
        .order_by("-date", "-number", "-pk")
        .first()
    )


_REGULATION_WORDS = {
    # «в соответствии с Положением …, утверждённым приказом …»; «на основании Положения …, утверждённого …»
    "instrumental": ("Положением", "утверждённым"),
    "genitive": ("Положения", "утверждённого"),
}


def regulation_reference(organization, case: str = "instrumental") -> str:
    """How an order cites the Regulation: «Положением о системе наставничества педагогических
    работников МБОУ СОШ № 7, утверждённым приказом от 01.09.2026 № 45,». With no signed approving
    order the Regulation is cited by its name alone: a signed order never carries a blank «№ ___»."""
    noun, approved = _REGULATION_WORDS[case]
    text = f"{noun} о системе наставничества педагогических работников {organization.short_name}"
    order = regulation_order_in_force(organization=organization)
    if order is None:
        return text
    return f"{text}, {approved} приказом от {order.date:%d.%m.%Y} № {order.number},"
