"""Base model and shared field helpers."""

from django.db import models

# Names sort the Russian way («Ёлкин» after «Елисеев», not before «Абрамов»).
RU_COLLATION = "ru-RU-x-icu"


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        abstract = True
