"""Notifications in messengers: linking a chat with a one-time code, reading what people send to the
bots (``manage.py poll_messengers``), and the messages sent for the notifications of the kinds a user
sent to a messenger (queued by ``send_notifications``, sent by ``tasks.send_messenger_delivery``).

A message carries what an e-mail carries for one notification: its text and its link, nothing else
about the person. A chat is linked to the account whose code it sent, and to no other.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from apps.audit.models import AccessEvent
from apps.audit.services import audit_record
from apps.core.exceptions import DomainError

from . import messengers
from .models import (
    DEFAULT_CHANNEL,
    Messenger,
    MessengerCodeRefusal,
    MessengerCursor,
    MessengerDelivery,
    MessengerLink,
    MessengerLinkCode,
    Notification,
    NotificationPreference,
)

logger = logging.getLogger(__name__)

LINK_CODE_MINUTES = 15
# Unambiguous letters and digits (no O/0, I/1): 8 of 32 signs, about 10¹² codes, with a lockout below.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
# Wrong codes a chat may send within REFUSAL_WINDOW before its codes are not checked any more.
REFUSAL_LIMIT = 5
REFUSAL_WINDOW = timedelta(hours=1)

REPLY_LINKED = (
    "Готово: портал «{portal}» подключён. Сюда будут приходить уведомления тех видов, для которых вы "
    "выберете {title} в настройках уведомлений портала. Отключить можно там же."
)
REPLY_REFUSED = (
    "Код не подошёл: он неверный, уже использован или его срок истёк. Получите новый код в портале: "
    "«Уведомления» → «Настройки»."
)
REPLY_LOCKED = "Слишком много неверных кодов. Попробуйте снова через час."
REPLY_TAKEN = (
    "Этот чат уже подключён к другой учётной записи портала. Сначала отключите его в настройках "
    "уведомлений той учётной записи."
)
REPLY_HELLO = (
    "Здравствуйте! Это бот портала «{portal}». Чтобы получать сюда уведомления, откройте в портале "
    "«Уведомления» → «Настройки», нажмите «Подключить» и отправьте сюда полученный код."
)


class MessageNotSentError(Exception):
    pass


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _normalize(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).upper()


# The user's side (the settings page) -------------------------------------------------------------


def links_of(*, user) -> dict[str, MessengerLink]:
    """messenger → the user's link, for the configured messengers only."""
    offered = messengers.configured()
    return {link.messenger: link for link in MessengerLink.objects.filter(user=user, messenger__in=offered)}


def channels_available(*, user) -> list[str]:
    """The messenger channels the user may choose: configured and linked by her."""
    return list(links_of(user=user))


@transaction.atomic
def link_code_issue(*, user, messenger: str) -> tuple[str, MessengerLinkCode]:
    """A new one-time code for linking a chat (the previous unused one is void); returns the code, which
    is not kept, and its row."""
    if messengers.transport(messenger) is None:
        raise DomainError("Этот мессенджер не подключён к порталу.")
    MessengerLinkCode.objects.filter(user=user, messenger=messenger, used_at__isnull=True).delete()
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    row = MessengerLinkCode.objects.create(
        user=user,
        messenger=messenger,
        code_hash=_hash(code),
        expires_at=timezone.now() + timedelta(minutes=LINK_CODE_MINUTES),
    )
    return code, row


@transaction.atomic
def link_remove(*, user, messenger: str) -> bool:
    """Unlink the user's chat: her kinds sent there fall back to the default channel (the digest), and
    so do her notifications not yet sent there; queued messages are not sent. False if none was linked."""
    link = MessengerLink.objects.select_for_update().filter(user=user, messenger=messenger).first()
    if link is not None:
        _journal(AccessEvent.Action.MESSENGER_UNLINK, link=link, user=user)
        link.delete()
    MessengerLinkCode.objects.filter(user=user, messenger=messenger, used_at__isnull=True).delete()
    NotificationPreference.objects.filter(user=user, channel=messenger).update(channel=DEFAULT_CHANNEL)
    Notification.objects.filter(
        user=user, channel=messenger, messenger_delivery__isnull=True, read_at__isnull=True
    ).update(channel=DEFAULT_CHANNEL)
    MessengerDelivery.objects.filter(
        user=user,
        messenger=messenger,
        status__in=[MessengerDelivery.Status.QUEUED, MessengerDelivery.Status.RETRY],
    ).update(status=MessengerDelivery.Status.FAILED, error="Мессенджер отключён пользователем.")
    return link is not None


def _journal(action: str, *, link: MessengerLink, user) -> None:
    """The access journal's entry of a link or an unlink: who, which messenger, when; the link's row id
    and never the chat's identifier (like the provider's sign-in, ``audit.receivers``). The account's own
    setting, of no organisation: the person's card shows it in its history. ``user``: hers, who did it."""
    audit_record(
        request_or_user=user,
        action=action,
        obj=link,
        target_user=user,
        detail=link.get_messenger_display(),
    )


# The bot's side: what people send ----------------------------------------------------------------


def _reply(transport, chat_id: str, text: str) -> None:
    try:
        transport.send(chat_id, text.format(portal=settings.PORTAL_NAME, title=transport.title))
    except messengers.DeliveryError as error:
        logger.warning("%s: reply to a chat not sent: %s", transport.name, error)


def _handle(transport, incoming: messengers.Incoming, now) -> bool:
    """One message to the bot; True when it linked a chat."""
    text = incoming.text.strip()
    if text.startswith("/start"):
        text = text.removeprefix("/start").strip()
    candidate = _normalize(text)
    if not re.fullmatch(rf"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}", candidate):
        _reply(transport, incoming.chat_id, REPLY_HELLO)
        return False
    refusals = MessengerCodeRefusal.objects.filter(
        messenger=transport.name, chat_id=incoming.chat_id, at__gte=now - REFUSAL_WINDOW
    ).count()
    if refusals >= REFUSAL_LIMIT:
        return False  # locked: said once already, no answer and no check
    code = (
        MessengerLinkCode.objects.select_for_update()
        .filter(
            messenger=transport.name, code_hash=_hash(candidate), used_at__isnull=True, expires_at__gt=now
        )
        .first()
    )
    if code is None:
        MessengerCodeRefusal.objects.create(messenger=transport.name, chat_id=incoming.chat_id)
        _reply(transport, incoming.chat_id, REPLY_LOCKED if refusals + 1 >= REFUSAL_LIMIT else REPLY_REFUSED)
        return False
    taken = (
        MessengerLink.objects.filter(messenger=transport.name, chat_id=incoming.chat_id)
        .exclude(user_id=code.user_id)
        .exists()
    )
    if taken:
        _reply(transport, incoming.chat_id, REPLY_TAKEN)
        return False
    try:
        with transaction.atomic():
            link, _ = MessengerLink.objects.update_or_create(
                user_id=code.user_id,
                messenger=transport.name,
                defaults={"chat_id": incoming.chat_id, "linked_at": now},
            )
    except IntegrityError:  # the chat was linked to another account a moment ago
        _reply(transport, incoming.chat_id, REPLY_TAKEN)
        return False
    # She linked it: her code, issued on her settings page, sent from the chat.
    _journal(AccessEvent.Action.MESSENGER_LINK, link=link, user=code.user)
    code.used_at = now
    code.save(update_fields=["used_at"])
    _reply(transport, incoming.chat_id, REPLY_LINKED)
    return True


def poll(*, messenger: str) -> int:
    """Read what people sent to one bot since the last time, link the chats that sent a valid code and
    answer each; returns how many chats were linked. One poller at a time per messenger (a row lock)."""
    transport = messengers.transport(messenger)
    if transport is None:
        return 0
    MessengerCursor.objects.get_or_create(messenger=messenger)
    with transaction.atomic():
        cursor = MessengerCursor.objects.select_for_update().get(messenger=messenger)
        received, cursor.cursor = transport.updates(cursor.cursor)
        now = timezone.now()
        linked = sum(_handle(transport, incoming, now) for incoming in received)
        cursor.save(update_fields=["cursor", "updated_at"])
        MessengerCodeRefusal.objects.filter(at__lt=now - REFUSAL_WINDOW).delete()
        MessengerLinkCode.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    return linked


# Messages for the notifications --------------------------------------------------------------------


def message_text(notification: Notification, base_url: str) -> str:
    """What a message says: the portal, the kind, the notification's text and its link (as in a letter)."""
    kind = notification.get_kind_display()
    lines = [f"{settings.PORTAL_NAME}: {kind[:1].upper()}{kind[1:]}", notification.text]
    if notification.url:
        lines.append(f"{base_url}{notification.url}")
    return "\n".join(lines)


@transaction.atomic
def schedule_messages(*, base_url: str = "") -> int:
    """Queue a message for each new notification of a messenger channel, and again the messages that
    failed (up to ``MAX_ATTEMPTS``); returns how many were queued. A notification whose messenger is
    off or unlinked gets a failed delivery with the reason (it stays in the portal)."""
    from .tasks import send_messenger_delivery

    offered = set(messengers.configured())
    pending = list(
        Notification.objects.filter(
            channel__in=Messenger.values,
            messenger_delivery__isnull=True,
            read_at__isnull=True,
            user__is_active=True,
        ).order_by("user_id", "created_at", "pk")
    )
    linked = set(
        MessengerLink.objects.filter(user_id__in={n.user_id for n in pending}).values_list(
            "user_id", "messenger"
        )
    )
    rows = []
    for n in pending:
        row = MessengerDelivery(notification=n, user_id=n.user_id, messenger=n.channel)
        if n.channel not in offered:
            row.status, row.error = MessengerDelivery.Status.FAILED, "Мессенджер не настроен в портале."
        elif (n.user_id, n.channel) not in linked:
            row.status, row.error = MessengerDelivery.Status.FAILED, "Мессенджер не подключён пользователем."
        rows.append(row)
    MessengerDelivery.objects.bulk_create(rows)
    queued = [r for r in rows if r.status == MessengerDelivery.Status.QUEUED]
    retries = list(
        MessengerDelivery.objects.select_for_update().filter(status=MessengerDelivery.Status.RETRY)
    )
    MessengerDelivery.objects.filter(pk__in=[d.pk for d in retries]).update(
        status=MessengerDelivery.Status.QUEUED
    )
    for delivery in [*queued, *retries]:
        send_messenger_delivery.enqueue(delivery_id=delivery.pk, base_url=base_url)
    return len(queued) + len(retries)


def deliver_message(*, delivery_id: int, base_url: str = "") -> str:
    """Send one queued message (the worker's task). Idempotent like ``services.deliver``: a message sent
    or taken by another worker is not sent again. A failure is recorded, retried by the next
    ``send_notifications`` up to ``MAX_ATTEMPTS`` (at once failed when retrying cannot help) and raised."""
    from .services import MAX_ATTEMPTS

    base_url = base_url or settings.PORTAL_BASE_URL
    error: Exception | None = None
    with transaction.atomic():
        delivery = (
            MessengerDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("notification")
            .filter(pk=delivery_id, status=MessengerDelivery.Status.QUEUED)
            .first()
        )
        if delivery is None:
            return "skipped"
        transport = messengers.transport(delivery.messenger)
        link = MessengerLink.objects.filter(user_id=delivery.user_id, messenger=delivery.messenger).first()
        try:
            if transport is None:
                raise messengers.DeliveryError("Мессенджер не настроен в портале.", retry=False)
            if link is None:
                raise messengers.DeliveryError("Мессенджер не подключён пользователем.", retry=False)
            message_id = transport.send(
                link.chat_id,
                message_text(delivery.notification, base_url),
                dedup_key=f"delivery-{delivery.pk}",
            )
        except messengers.DeliveryError as exc:
            error = exc
            delivery.attempts += 1
            final = not exc.retry or delivery.attempts >= MAX_ATTEMPTS
            delivery.status = MessengerDelivery.Status.FAILED if final else MessengerDelivery.Status.RETRY
            delivery.error = str(exc)[:500]
            delivery.save(update_fields=["attempts", "status", "error"])
        else:
            delivery.attempts += 1
            delivery.status, delivery.sent_at, delivery.error = (
                MessengerDelivery.Status.SENT,
                timezone.now(),
                "",
            )
            delivery.message_id = message_id[:64]
            delivery.save(update_fields=["attempts", "status", "sent_at", "error", "message_id"])
    if error is not None:
        raise MessageNotSentError(f"Сообщение {delivery_id} не отправлено: {error}") from error
    return "sent"


def erase_person_data(*, user) -> dict[str, int]:
    """The person's chats, codes and messages (with the notifications' erasure, 152-ФЗ art. 21 p. 5)."""
    MessengerLinkCode.objects.filter(user=user).delete()
    return {
        "messenger_deliveries": MessengerDelivery.objects.filter(user=user).delete()[0],
        "messenger_links": MessengerLink.objects.filter(user=user).delete()[0],
    }


def pending_code_open(*, user, messenger: str) -> bool:
    """Whether the user has a code still waiting to be sent from a chat (the page keeps polling)."""
    return MessengerLinkCode.objects.filter(
        Q(user=user, messenger=messenger, used_at__isnull=True, expires_at__gt=timezone.now())
    ).exists()
