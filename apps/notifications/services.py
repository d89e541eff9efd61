"""Collecting the facts worth a notification, each user's channels, and the e-mails: one letter per
notification for those who chose it, otherwise one daily digest per user (never a flood). The
letters are sent by the background worker (``tasks.send_email_delivery``, ``manage.py db_worker``)."""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Membership, Role
from apps.monitoring import services as monitoring_services
from apps.monitoring.models import Campaign, SurveyAssignment
from apps.orders.models import Order, OrderParticipant
from apps.programs import selectors as program_selectors
from apps.programs.models import Program, Responsible
from apps.programs.models import RoadmapEvent as ProgramEvent
from apps.territory.models import Roadmap, RoadmapEvent

from .models import DEFAULT_CHANNEL, Channel, EmailDelivery, Messenger, Notification, NotificationPreference

DUE_SOON_DAYS = 3
# A survey overdue longer than this is not reported any more (the first run after an upgrade would
# otherwise list every old campaign).
SURVEY_OVERDUE_LOOKBACK_DAYS = 14
# A letter that failed this many times is marked failed; the notification stays in the portal.
MAX_ATTEMPTS = 3

Kind = Notification.Kind


def stall_days() -> int:
    return program_selectors.STALL_DAYS


class _Batch:
    """The notifications of one run, each given the user's channel for its kind (OFF: none made)."""

    def __init__(self) -> None:
        self.channels = {
            (user_id, kind): channel
            for user_id, kind, channel in NotificationPreference.objects.values_list(
                "user_id", "kind", "channel"
            )
        }
        self.rows: list[Notification] = []

    def add(self, user_ids, *, kind: str, text: str, url: str, key: str) -> list[int]:
        """Returns the users it was made for (those who did not switch the kind off)."""
        added = []
        for user_id in dict.fromkeys(u for u in user_ids if u):
            channel = self.channels.get((user_id, kind), DEFAULT_CHANNEL)
            if channel == Channel.OFF:
                continue
            self.rows.append(
                Notification(user_id=user_id, kind=kind, text=text[:500], url=url, key=key, channel=channel)
            )
            added.append(user_id)
        return added

    def save(self) -> int:
        before = Notification.objects.count()
        Notification.objects.bulk_create(self.rows, ignore_conflicts=True)
        return Notification.objects.count() - before


def _org_users(role: str) -> dict[int, list[int]]:
    users: dict[int, list[int]] = defaultdict(list)
    for org_id, user_id in Membership.objects.filter(
        role=role, is_active=True, organization__isnull=False
    ).values_list("organization_id", "user_id"):
        users[org_id].append(user_id)
    return users


def _due_text(deadline: date, on: date, title: str) -> tuple[str, str]:
    overdue = deadline < on
    return ("Просрочено" if overdue else "Скоро срок") + f" ({deadline:%d.%m.%Y}): {title[:300]}", (
        "overdue" if overdue else "soon"
    )


def _orders(batch: _Batch, directors: dict) -> None:
    for order in Order.objects.filter(status=Order.Status.AWAITING_SIGNATURE).only(
        "pk", "title", "organization_id"
    ):
        batch.add(
            directors.get(order.organization_id, []),
            kind=Kind.ORDER_SIGNATURE,
            text=f"Приказ «{order.title}» ждёт подписи.",
            url=reverse("orders:order-detail", args=[order.pk]),
            key=f"order-sign-{order.pk}",
        )
    participants = OrderParticipant.objects.filter(
        order__status=Order.Status.SIGNED, acknowledged_at__isnull=True, person__user__isnull=False
    ).select_related("order", "person")
    for p in participants:
        batch.add(
            [p.person.user_id],
            kind=Kind.ORDER_ACQUAINTANCE,
            text=f"Ознакомьтесь с приказом от {p.order.date:%d.%m.%Y} № {p.order.number}.",
            url=reverse("orders:order-detail", args=[p.order_id]),
            key=f"order-ack-{p.order_id}",
        )


def _program_events(batch: _Batch, curators: dict, on: date) -> None:
    """Events of running programs due within 3 days or overdue: to the mentor, and to the responsible
    mentee (all mentees of the group when none is named) or the curators."""
    soon = on + timedelta(days=DUE_SOON_DAYS)
    events = (
        ProgramEvent.objects.filter(
            status=ProgramEvent.Status.PLANNED, program__status=Program.Status.APPROVED
        )
        .filter(Q(end__lte=soon) | Q(end__isnull=True, start__lte=soon))
        .select_related("program__group__mentor__person", "responsible_person")
        .prefetch_related("program__group__members__mentee_person")
    )
    for event in events:
        program = event.program
        users = [program.group.mentor.person.user_id]
        if event.responsible == Responsible.MENTEE:
            if event.responsible_person_id:
                users.append(event.responsible_person.user_id)
            else:
                users += [
                    m.mentee_person.user_id for m in program.group.members.all() if m.status != m.Status.ENDED
                ]
        elif event.responsible == Responsible.CURATOR:
            users += curators.get(program.organization_id, [])
        text, state = _due_text(event.last_day, on, f"{event.title} (программа «{program.title[:150]}»)")
        batch.add(
            users,
            kind=Kind.EVENT_DUE,
            text=text,
            url=reverse("programs:event-list", args=[program.pk]),
            key=f"program-event-{event.pk}-{event.last_day:%Y%m%d}-{state}",
        )


def _surveys(batch: _Batch, curators: dict, on: date) -> None:
    """The respondent before the deadline (an answer is impossible after it); the curators when the
    deadline passed with answers missing, one notification per campaign and deadline.

    These are the only survey reminders (no e-mail of monitoring's own): a respondent who switched
    the kind off gets none, and the day a respondent is first reminded of a deadline is noted on the
    assignment (``reminded_on``, shown on the campaign page). Only respondents with an account: the
    survey link opens for its addressee signed in (paper forms are for the others)."""
    running = Q(answered_at__isnull=True, campaign__status=Campaign.Status.RUNNING)
    due_soon = list(
        SurveyAssignment.objects.filter(
            running,
            opens_on__lte=on,
            due_on__gte=on,
            due_on__lte=on + timedelta(days=DUE_SOON_DAYS),
            person__user__isnull=False,
        ).select_related("campaign", "person", "program")
    )
    keys = {a.pk: f"survey-{a.pk}-{a.due_on:%Y%m%d}" for a in due_soon}
    known = set(
        Notification.objects.filter(kind=Kind.SURVEY_DUE, key__in=keys.values()).values_list("user_id", "key")
    )
    reminded = []
    for a in due_soon:
        program = f" по программе «{a.program.title[:150]}»" if a.program_id else ""
        added = batch.add(
            [a.person.user_id],
            kind=Kind.SURVEY_DUE,
            text=(
                f"Заполните анкету «{a.campaign.title[:250]}»{program} до {a.due_on:%d.%m.%Y}. "
                "Ответы анонимны."
            ),
            url=reverse("monitoring:survey-fill", args=[a.token]),
            key=keys[a.pk],
        )
        if added and (a.person.user_id, keys[a.pk]) not in known:
            reminded.append(a.pk)
    if reminded:
        monitoring_services.assignments_mark_reminded(assignment_ids=reminded, on=on)
    overdue = (
        SurveyAssignment.objects.filter(
            running, due_on__lt=on, due_on__gte=on - timedelta(days=SURVEY_OVERDUE_LOOKBACK_DAYS)
        )
        .values("campaign_id", "campaign__title", "campaign__organization_id", "due_on")
        .annotate(n=Count("pk"))
        .order_by("campaign_id", "due_on")
    )
    for row in overdue:
        batch.add(
            curators.get(row["campaign__organization_id"], []),
            kind=Kind.SURVEY_DUE,
            text=(
                f"Анкетирование «{row['campaign__title'][:300]}»: срок ответа {row['due_on']:%d.%m.%Y} "
                f"истёк, не ответили: {row['n']}."
            ),
            url=reverse("monitoring:campaign-detail", args=[row["campaign_id"]]),
            key=f"survey-overdue-{row['campaign_id']}-{row['due_on']:%Y%m%d}",
        )


def _stalled_programs(batch: _Batch, curators: dict, on: date) -> None:
    """Running programs without an entry in the activity log for ``PROGRAM_STALL_DAYS`` days (counted
    from the start when there is none): the same rule as the programs list (programs.selectors)."""
    programs = program_selectors.with_progress(
        Program.objects.filter(status=Program.Status.APPROVED, start__lt=on).select_related(
            "group__mentor__person"
        ),
        on=on,
    )
    days = stall_days()
    for program in programs:
        since = program.last_activity or program.start
        if (on - since).days < days:
            continue
        batch.add(
            [program.group.mentor.person.user_id, *curators.get(program.organization_id, [])],
            kind=Kind.PROGRAM_STALLED,
            text=f"Программа «{program.title[:300]}»: нет записей в журнале с {since:%d.%m.%Y}.",
            url=reverse("programs:program-detail", args=[program.pk]),
            key=f"program-stalled-{program.pk}-{since:%Y%m%d}",
        )


def _implementation_roadmaps(batch: _Batch, curators: dict, on: date) -> None:
    events = RoadmapEvent.objects.filter(
        status=RoadmapEvent.Status.PLANNED, deadline__lte=on + timedelta(days=DUE_SOON_DAYS)
    ).select_related("roadmap")
    for e in events:
        text, state = _due_text(e.deadline, on, e.title)
        batch.add(
            curators.get(e.roadmap.organization_id, []),
            kind=Kind.ROADMAP_DUE,
            text=text,
            url=reverse("territory:roadmap-detail", args=[e.roadmap_id]) + f"#event-{e.pk}",
            key=f"roadmap-event-{e.pk}-{state}",
        )
    coordinators: dict[int, list[int]] = defaultdict(list)
    for muni_id, user_id in Membership.objects.filter(role=Role.MUNICIPAL, is_active=True).values_list(
        "municipality_id", "user_id"
    ):
        coordinators[muni_id].append(user_id)
    for r in Roadmap.objects.filter(
        status=Roadmap.Status.APPROVED, organization__isnull=False
    ).select_related("organization"):
        batch.add(
            coordinators.get(r.organization.municipality_id, []),
            kind=Kind.ROADMAP_AGREEMENT,
            text=f"Дорожная карта {r.organization.short_name} ждёт согласования.",
            url=reverse("territory:roadmap-detail", args=[r.pk]),
            key=f"roadmap-agree-{r.pk}-{r.approved_at:%Y%m%d%H%M%S}"
            if r.approved_at
            else f"roadmap-agree-{r.pk}",
        )


@transaction.atomic
def collect(*, on: date | None = None) -> int:
    """Create the notifications of the day; returns how many are new. A fixed number of queries;
    running it again (the same day or hourly) creates nothing twice: one notification per fact."""
    on = on or timezone.localdate()
    batch = _Batch()
    directors, curators = _org_users(Role.DIRECTOR), _org_users(Role.CURATOR)
    _orders(batch, directors)
    _program_events(batch, curators, on)
    _surveys(batch, curators, on)
    _stalled_programs(batch, curators, on)
    _implementation_roadmaps(batch, curators, on)
    return batch.save()


def notify(user_ids, *, kind: str, text: str, url: str, key: str) -> int:
    """Notify at once (not in the daily run) the users who did not switch the kind off; returns how many
    notifications were made. One per user and ``key``, like the daily ones."""
    ids = list(dict.fromkeys(u for u in user_ids if u))
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list("user_id", "channel")
    )
    rows = [
        Notification(
            user_id=u, kind=kind, text=text[:500], url=url, key=key, channel=chosen.get(u, DEFAULT_CHANNEL)
        )
        for u in ids
        if chosen.get(u, DEFAULT_CHANNEL) != Channel.OFF
    ]
    return len(Notification.objects.bulk_create(rows, ignore_conflicts=True))


# E-mail ------------------------------------------------------------------------------------------


@transaction.atomic
def schedule_emails(*, now: datetime | None = None, base_url: str = "") -> int:
    """Put the letters due now in the queue; returns how many were enqueued.

    A notification whose channel is «e-mail» gets a letter of its own; the «digest» ones of a user go
    into one letter a day, made at the first run on or after ``NOTIFICATIONS_DIGEST_HOUR``; items
    that come later that day wait for the next day's digest. Letters that failed are enqueued
    again (up to ``MAX_ATTEMPTS``). Users without an address or inactive get no letter."""
    from .tasks import send_email_delivery

    now = now or timezone.now()
    day = timezone.localdate(now)
    pending = list(
        Notification.objects.filter(
            delivery__isnull=True,
            emailed_at__isnull=True,
            read_at__isnull=True,
            channel__in=[Channel.EMAIL, Channel.DIGEST],
        )
        .exclude(Q(user__email="") | Q(user__is_active=False))
        .order_by("user_id", "created_at", "pk")
    )
    to_send: list[EmailDelivery] = []
    linked: list[Notification] = []
    digest_items: dict[int, list[Notification]] = defaultdict(list)
    for n in pending:
        if n.channel == Channel.EMAIL:
            n.delivery = EmailDelivery.objects.create(
                user_id=n.user_id, kind=EmailDelivery.Kind.SINGLE, day=day
            )
            to_send.append(n.delivery)
            linked.append(n)
        else:
            digest_items[n.user_id].append(n)
    if digest_items and timezone.localtime(now).hour >= settings.NOTIFICATIONS_DIGEST_HOUR:
        already = set(
            EmailDelivery.objects.filter(
                kind=EmailDelivery.Kind.DIGEST, day=day, user_id__in=digest_items
            ).values_list("user_id", flat=True)
        )
        for user_id, items in digest_items.items():
            if user_id in already:
                continue
            delivery = EmailDelivery.objects.create(user_id=user_id, kind=EmailDelivery.Kind.DIGEST, day=day)
            to_send.append(delivery)
            for n in items:
                n.delivery = delivery
                linked.append(n)
    Notification.objects.bulk_update(linked, ["delivery"])
    retries = list(EmailDelivery.objects.select_for_update().filter(status=EmailDelivery.Status.RETRY))
    EmailDelivery.objects.filter(pk__in=[d.pk for d in retries]).update(status=EmailDelivery.Status.QUEUED)
    # The database backend stores the task in this same transaction: a letter is queued exactly
    # when its rows are committed.
    for delivery in [*to_send, *retries]:
        send_email_delivery.enqueue(delivery_id=delivery.pk, base_url=base_url)
    return len(to_send) + len(retries)


class EmailNotSentError(Exception):
    pass


def _letter(delivery: EmailDelivery, items: list[Notification], base_url: str) -> EmailMessage:
    user = delivery.user
    lines = [f"— {n.text}\n  {base_url}{n.url}" for n in items]
    if delivery.kind == EmailDelivery.Kind.DIGEST:
        subject = f"Наставничество: сводка за {delivery.day:%d.%m.%Y}, уведомлений: {len(items)}"
        intro = "Новое в «Наставник.Школа»:"
    else:
        subject = f"Наставничество: {items[0].get_kind_display()}" if items else "Наставничество"
        intro = "Уведомление портала «Наставник.Школа»:"
    body = (
        f"Здравствуйте, {user.get_full_name() or user.username}!\n\n{intro}\n\n"
        + "\n".join(lines)
        + f"\n\nКак и о чём получать уведомления, можно выбрать на странице {base_url}"
        + reverse("notifications:settings")
    )
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def deliver(*, delivery_id: int, base_url: str = "") -> str:
    """Send one queued letter (the worker's task). Idempotent: a letter already sent, or taken by
    another worker, is not sent again. A failure is recorded (retried by the next run of
    ``send_notifications``, failed after ``MAX_ATTEMPTS``) and raised, so the task shows as failed;
    the notifications stay in the portal either way."""
    error: Exception | None = None
    with transaction.atomic():
        delivery = (
            EmailDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .filter(pk=delivery_id, status=EmailDelivery.Status.QUEUED)
            .first()
        )
        if delivery is None:
            return "skipped"
        items = list(delivery.notifications.order_by("created_at", "pk"))
        try:
            if items and delivery.user.email:
                _letter(delivery, items, base_url).send()
        except Exception as exc:  # any backend error (SMTP, DNS, timeout) must not lose the record
            error = exc
            delivery.attempts += 1
            delivery.status = (
                EmailDelivery.Status.RETRY
                if delivery.attempts < MAX_ATTEMPTS
                else EmailDelivery.Status.FAILED
            )
            delivery.error = f"{type(exc).__name__}: {exc}"[:500]
            delivery.save(update_fields=["attempts", "status", "error"])
        else:
            now = timezone.now()
            delivery.attempts += 1
            delivery.status, delivery.sent_at, delivery.error = EmailDelivery.Status.SENT, now, ""
            delivery.save(update_fields=["attempts", "status", "sent_at", "error"])
            delivery.notifications.update(emailed_at=now)
    if error is not None:
        raise EmailNotSentError(f"Письмо {delivery_id} не отправлено: {error}") from error
    return "sent"


# The user's own notifications --------------------------------------------------------------------


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def preferences_of(*, user) -> dict[str, str]:
    """kind → channel for every kind, the default where the user chose nothing."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return {kind: chosen.get(kind, DEFAULT_CHANNEL) for kind in Kind.values}


@transaction.atomic
def preferences_set(*, user, channels: dict[str, str]) -> dict[str, str]:
    """Save the user's channel per kind; an unknown kind or channel is refused."""
    from apps.core.exceptions import DomainError

    from .messaging import channels_available

    messenger_channels = set(Messenger.values)
    available = channels_available(user=user) if messenger_channels & set(channels.values()) else []
    for kind, channel in channels.items():
        if kind not in Kind.values:
            raise DomainError("Неизвестный вид уведомлений.")
        if channel not in Channel.values:
            raise DomainError("Выберите, как получать уведомления.", field=kind)
        if channel in messenger_channels and channel not in available:
            raise DomainError(
                "Этот мессенджер не подключён: подключите его выше на этой странице.", field=kind
            )
    for kind, channel in channels.items():
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})
    return preferences_of(user=user)


def erase_person_data(*, user) -> dict[str, int]:
    """Destruction after a withdrawal (152-ФЗ art. 21 p. 5): the notifications, e-mail deliveries,
    messenger chats and messages addressed to the person's account (pointers with the person's name in
    the text, not records)."""
    from .messaging import erase_person_data as erase_messengers

    messengers = erase_messengers(user=user)
    return {
        "notifications": Notification.objects.filter(user=user).delete()[0],
        "email_deliveries": EmailDelivery.objects.filter(user=user).delete()[0],
        **messengers,
    }
