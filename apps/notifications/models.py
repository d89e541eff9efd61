"""In-portal notifications, and each user's choice of a daily e-mail digest."""

from django.conf import settings
from django.db import models

from apps.core.models import TimeStampedModel


class Notification(TimeStampedModel):
    class Kind(models.TextChoices):
        ORDER_SIGNATURE = "order_signature", "приказ ждёт подписи"
        ORDER_ACQUAINTANCE = "order_acquaintance", "ознакомление с приказом"
        ROADMAP_DUE = "roadmap_due", "срок мероприятия дорожной карты"
        ROADMAP_AGREEMENT = "roadmap_agreement", "дорожная карта ждёт согласования"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("вид", max_length=30, choices=Kind.choices)
    text = models.CharField("текст", max_length=500)
    url = models.CharField("ссылка", max_length=300, blank=True)
    # One notification per fact (an order, an event and its date…): the daily run never repeats it.
    key = models.CharField(max_length=200)
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


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_digest = models.BooleanField("получать ежедневную сводку по электронной почте", default=True)

    class Meta:
        verbose_name = "настройки уведомлений"
        verbose_name_plural = "настройки уведомлений"

    def __str__(self) -> str:
        return f"{self.user}: {'сводка' if self.email_digest else 'без почты'}"
