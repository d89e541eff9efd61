"""Base model and shared field helpers."""

from django.db import models

# Names sort the Russian way («Ёлкин» after «Елисеев», not before «Абрамов»).
RU_COLLATION = "ru-RU-x-icu"


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        abstract = True


class FormSubmission(models.Model):
    """A spent form token (``apps.core.idempotency``): the first submission of a creating form and
    where it led. The primary key is the token, so two submissions of one form cannot both pass."""

    token = models.CharField("токен формы", max_length=64, primary_key=True)
    user_id = models.BigIntegerField("пользователь", null=True, blank=True)
    path = models.CharField("адрес формы", max_length=500)
    result_url = models.CharField("адрес результата", max_length=500, blank=True)
    created_at = models.DateTimeField("отправлена")

    class Meta:
        verbose_name = "отправленная форма"
        verbose_name_plural = "отправленные формы"
        indexes = [models.Index(fields=["created_at"], name="core_formsubmission_created")]

    def __str__(self) -> str:
        return f"{self.path} → {self.result_url or '—'}"


class CalendarDay(models.Model):
    """A day the production calendar of the ``holidays`` library does not know yet: the government's
    transfer of days off for a new year is published each autumn, and the portal administrator enters it
    here (a Saturday made a working day, a Friday made a day off) before a library update brings it."""

    class Kind(models.TextChoices):
        WORKING = "working", "рабочий день"
        DAY_OFF = "day_off", "выходной день"

    day = models.DateField("дата", unique=True)
    kind = models.CharField("вид дня", max_length=10, choices=Kind.choices)
    reason = models.CharField(
        "основание", max_length=300, help_text="Например: постановление Правительства РФ от 24.09.2027 № 1234"
    )

    class Meta:
        verbose_name = "день производственного календаря"
        verbose_name_plural = "дни производственного календаря"
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y}: {self.get_kind_display()}"
