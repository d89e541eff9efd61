"""Collecting the facts worth a notification, and the daily e-mail digest (one letter, not a flood)."""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Membership, Role
from apps.orders.models import Order, OrderParticipant
from apps.territory.models import Roadmap, RoadmapEvent

from .models import Notification, NotificationSettings

DUE_SOON_DAYS = 3


def _create(rows: list[Notification]) -> int:
    before = Notification.objects.count()
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return Notification.objects.count() - before


def _org_users(role: str) -> dict[int, list[int]]:
    users: dict[int, list[int]] = {}
    for org_id, user_id in Membership.objects.filter(
        role=role, is_active=True, organization__isnull=False
    ).values_list("organization_id", "user_id"):
        users.setdefault(org_id, []).append(user_id)
    return users


@transaction.atomic
def collect(*, on: date | None = None) -> int:
    """Create the notifications of the day; returns how many are new. A fixed number of queries."""
    on = on or timezone.localdate()
    rows: list[Notification] = []
    directors, curators = _org_users(Role.DIRECTOR), _org_users(Role.CURATOR)

    for order in Order.objects.filter(status=Order.Status.AWAITING_SIGNATURE).only(
        "pk", "title", "organization_id"
    ):
        for user_id in directors.get(order.organization_id, []):
            rows.append(
                Notification(
                    user_id=user_id,
                    kind=Notification.Kind.ORDER_SIGNATURE,
                    text=f"Приказ «{order.title}» ждёт подписи.",
                    url=reverse("orders:order-detail", args=[order.pk]),
                    key=f"order-sign-{order.pk}",
                )
            )

    participants = OrderParticipant.objects.filter(
        order__status=Order.Status.SIGNED, acknowledged_at__isnull=True, person__user__isnull=False
    ).select_related("order", "person")
    for p in participants:
        rows.append(
            Notification(
                user_id=p.person.user_id,
                kind=Notification.Kind.ORDER_ACQUAINTANCE,
                text=f"Ознакомьтесь с приказом от {p.order.date:%d.%m.%Y} № {p.order.number}.",
                url=reverse("orders:order-detail", args=[p.order_id]),
                key=f"order-ack-{p.order_id}",
            )
        )

    events = RoadmapEvent.objects.filter(
        status=RoadmapEvent.Status.PLANNED, deadline__lte=on + timedelta(days=DUE_SOON_DAYS)
    ).select_related("roadmap")
    for e in events:
        overdue = e.deadline < on
        text = ("Просрочено" if overdue else "Скоро срок") + f" ({e.deadline:%d.%m.%Y}): {e.title[:300]}"
        for user_id in curators.get(e.roadmap.organization_id, []):
            rows.append(
                Notification(
                    user_id=user_id,
                    kind=Notification.Kind.ROADMAP_DUE,
                    text=text,
                    url=reverse("territory:roadmap-detail", args=[e.roadmap_id]) + f"#event-{e.pk}",
                    key=f"roadmap-event-{e.pk}-{'overdue' if overdue else 'soon'}",
                )
            )

    coordinators: dict[int, list[int]] = {}
    for muni_id, user_id in Membership.objects.filter(role=Role.MUNICIPAL, is_active=True).values_list(
        "municipality_id", "user_id"
    ):
        coordinators.setdefault(muni_id, []).append(user_id)
    for r in Roadmap.objects.filter(status=Roadmap.Status.APPROVED).select_related("organization"):
        for user_id in coordinators.get(r.organization.municipality_id, []):
            rows.append(
                Notification(
                    user_id=user_id,
                    kind=Notification.Kind.ROADMAP_AGREEMENT,
                    text=f"Дорожная карта {r.organization.short_name} ждёт согласования.",
                    url=reverse("territory:roadmap-detail", args=[r.pk]),
                    key=f"roadmap-agree-{r.pk}-{r.approved_at:%Y%m%d%H%M%S}"
                    if r.approved_at
                    else f"roadmap-agree-{r.pk}",
                )
            )
    return _create(rows)


def send_digests(*, base_url: str = "") -> int:
    """One letter per user with the notifications not yet e-mailed; users who opted out get none."""
    opted_out = set(NotificationSettings.objects.filter(email_digest=False).values_list("user_id", flat=True))
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)
        .exclude(user_id__in=opted_out)
        .exclude(Q(user__email="") | Q(user__is_active=False))
        .select_related("user")
        .order_by("user_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for n in pending:
        by_user.setdefault(n.user_id, []).append(n)
    sent = 0
    now = timezone.now()
    for items in by_user.values():
        user = items[0].user
        lines = [f"— {n.text}\n  {base_url}{n.url}" for n in items]
        body = (
            f"Здравствуйте, {user.get_full_name() or user.username}!\n\nНовое в «Наставник.Школа»:\n\n"
            + "\n".join(lines)
            + "\n\nОтказаться от сводки можно на странице «Уведомления» портала."
        )
        send_mail(
            f"Наставничество: {len(items)} новых уведомлений",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
        sent += 1
    return sent


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def set_email_digest(*, user, enabled: bool) -> NotificationSettings:
    obj, _ = NotificationSettings.objects.update_or_create(user=user, defaults={"email_digest": enabled})
    return obj
