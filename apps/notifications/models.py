"""In-portal notifications, each user's choice of channel per kind, and the e-mails sent for them
(one per notification, or one daily digest per user) by the background worker."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.core.models import TimeStampedModel


class Channel(models.TextChoices):
    DIGEST = "digest", "в портале и в ежедневной сводке по почте"
    EMAIL = "email", "в портале и сразу письмом"
    PORTAL = "portal", "только в портале"
    OFF = "off", "не уведомлять"
    # Messengers (``messengers``): offered only for a messenger configured and linked by the user.
    TELEGRAM = "telegram", "в портале и в Telegram"
    VK = "vk", "в портале и во ВКонтакте"
    MAX = "max", "в портале и в MAX"


class Messenger(models.TextChoices):
    """The messengers a notification can go to; the values are also the channels' (``Channel``)."""

    TELEGRAM = "telegram", "Telegram"
    VK = "vk", "ВКонтакте"
    MAX = "max", "MAX"


# Without a choice of their own a user gets everything in the portal and one digest a day.
DEFAULT_CHANNEL = Channel.DIGEST


class EmailDelivery(models.Model):
    """One e-mail: a single notification or the day's digest of one user. Sent by the task
    ``notifications.tasks.send_email_delivery``; a failure is kept here and retried by the next run
    of ``send_notifications`` until ``MAX_ATTEMPTS`` (services), then it is marked failed."""

    class Kind(models.TextChoices):
        SINGLE = "single", "письмо об одном уведомлении"
        DIGEST = "digest", "ежедневная сводка"

    class Status(models.TextChoices):
        QUEUED = "queued", "в очереди"
        SENT = "sent", "отправлено"
        RETRY = "retry", "ошибка отправки, будет повторено"
        FAILED = "failed", "не отправлено"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("вид", max_length=10, choices=Kind.choices)
    day = models.DateField("день")
    status = models.CharField("состояние", max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("попыток", default=0)
    error = models.CharField("последняя ошибка", max_length=500, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    sent_at = models.DateTimeField("отправлено", null=True, blank=True)

    class Meta:
        verbose_name = "письмо с уведомлениями"
        verbose_name_plural = "письма с уведомлениями"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # The point of the digest: one letter per user per day, however often the command runs.
            models.UniqueConstraint(
                fields=["user", "day"], condition=Q(kind="digest"), name="email_one_digest_per_user_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} от {self.day:%d.%m.%Y}: {self.get_status_display()}"


class Notification(TimeStampedModel):
    class Kind(models.TextChoices):
        ORDER_SIGNATURE = "order_signature", "приказ ждёт подписи"
        ORDER_ACQUAINTANCE = "order_acquaintance", "ознакомление с приказом"
        EVENT_DUE = "event_due", "срок мероприятия программы наставничества"
        SURVEY_DUE = "survey_due", "срок анкетирования"
        PROGRAM_STALLED = "program_stalled", "программа без активности"
        ROADMAP_DUE = "roadmap_due", "срок мероприятия дорожной карты внедрения"
        ROADMAP_AGREEMENT = "roadmap_agreement", "дорожная карта ждёт согласования"
        ROLE_CHANGE = "role_change", "выдача и снятие ролей"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("вид", max_length=30, choices=Kind.choices)
    text = models.CharField("текст", max_length=500)
    url = models.CharField("ссылка", max_length=300, blank=True)
    # One notification per fact (an order, an event and its date…): the daily run never repeats it.
    key = models.CharField(max_length=200)
    # The user's choice for this kind when the notification was made (never OFF: then none is made).
    channel = models.CharField("канал", max_length=10, choices=Channel.choices, default=DEFAULT_CHANNEL)
    delivery = models.ForeignKey(
        EmailDelivery, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )
    read_at = models.DateTimeField("прочитано", null=True, blank=True)
    emailed_at = models.DateTimeField("отправлено по почте", null=True, blank=True)

    class Meta:
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_fact")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread_idx")]

    def __str__(self) -> str:
        return self.text


class NotificationPreference(models.Model):
    """A user's channel for one kind of notification; no row = ``DEFAULT_CHANNEL``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField("вид", max_length=30, choices=Notification.Kind.choices)
    channel = models.CharField("канал", max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = "настройка уведомлений"
        verbose_name_plural = "настройки уведомлений"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_channel_display()}"


# Messengers (issue #16 part 3) -------------------------------------------------------------------


class MessengerLink(models.Model):
    """A user's chat with the school's bot in one messenger: where the notifications of the kinds she
    sent there go. Made when the chat sends the bot a one-time code of hers (``MessengerLinkCode``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messenger_links"
    )
    messenger = models.CharField("мессенджер", max_length=10, choices=Messenger.choices)
    chat_id = models.CharField("чат", max_length=64)
    linked_at = models.DateTimeField("подключено", auto_now_add=True)

    class Meta:
        verbose_name = "подключённый мессенджер"
        verbose_name_plural = "подключённые мессенджеры"
        constraints = [
            models.UniqueConstraint(fields=["user", "messenger"], name="messenger_link_once_per_user"),
            models.UniqueConstraint(fields=["messenger", "chat_id"], name="messenger_link_chat_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_messenger_display()}: {self.user}"


class MessengerLinkCode(models.Model):
    """A one-time code to link a chat: shown once on the user's settings page, kept only as a hash,
    valid ``LINK_CODE_MINUTES`` minutes, void once used or when a new one is issued."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    messenger = models.CharField("мессенджер", max_length=10, choices=Messenger.choices)
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "код подключения мессенджера"
        verbose_name_plural = "коды подключения мессенджеров"

    def __str__(self) -> str:
        return f"{self.get_messenger_display()}: {self.user} до {self.expires_at:%d.%m.%Y %H:%M}"


class MessengerCodeRefusal(models.Model):
    """A wrong, expired or used code sent from a chat: too many within an hour and the chat's codes are
    not checked any more (a lockout against guessing)."""

    messenger = models.CharField(max_length=10, choices=Messenger.choices)
    chat_id = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["messenger", "chat_id", "at"], name="messenger_refusal_chat_idx")]

    def __str__(self) -> str:
        return f"{self.get_messenger_display()}: {self.at:%d.%m.%Y %H:%M}"


class MessengerCursor(models.Model):
    """Where the reading of a bot's incoming messages stopped (the transport's opaque cursor)."""

    messenger = models.CharField(max_length=10, choices=Messenger.choices, unique=True)
    cursor = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.get_messenger_display()


class MessengerDelivery(models.Model):
    """One notification sent to a messenger, by the task ``notifications.tasks.send_messenger_delivery``;
    like ``EmailDelivery`` a failure is kept and retried by the next ``send_notifications`` until
    ``MAX_ATTEMPTS``; a failure that cannot pass by itself (the bot blocked) fails at once."""

    Status = EmailDelivery.Status

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="messenger_delivery", verbose_name="уведомление"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    messenger = models.CharField("мессенджер", max_length=10, choices=Messenger.choices)
    status = models.CharField("состояние", max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("попыток", default=0)
    error = models.CharField("последняя ошибка", max_length=500, blank=True)
    message_id = models.CharField("номер сообщения", max_length=64, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    sent_at = models.DateTimeField("отправлено", null=True, blank=True)

    class Meta:
        verbose_name = "сообщение в мессенджер"
        verbose_name_plural = "сообщения в мессенджеры"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_messenger_display()}: {self.get_status_display()}"
