"""News and announcements of the organisation's public page «Наставничество»."""

from django.conf import settings
from django.db import models

from apps.core.models import TimeStampedModel
from apps.organizations.models import Organization


class NewsItem(TimeStampedModel):
    class Kind(models.TextChoices):
        NEWS = "news", "новость"
        ANNOUNCEMENT = "announcement", "объявление"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="news_items", verbose_name="организация"
    )
    kind = models.CharField("вид", max_length=20, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField("заголовок", max_length=300)
    text = models.TextField("текст", max_length=20_000)
    publish_on = models.DateField("дата публикации", help_text="До этой даты запись не видна посетителям")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "новость"
        verbose_name_plural = "новости и объявления"
        ordering = ["-publish_on", "-pk"]
        indexes = [models.Index(fields=["organization", "publish_on"], name="news_org_publish_idx")]

    def __str__(self) -> str:
        return self.title
