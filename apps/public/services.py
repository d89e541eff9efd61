"""Writes of the public page: the curator's news and announcements."""

from datetime import date

from django.db import transaction

from apps.core.exceptions import DomainError

from .models import NewsItem

FIELDS = ("kind", "title", "text", "publish_on")


def _check(data: dict) -> None:
    if not (data.get("title") or "").strip():
        raise DomainError("Укажите заголовок.", field="title")
    if not (data.get("text") or "").strip():
        raise DomainError("Напишите текст.", field="text")
    publish_on = data.get("publish_on")
    if not isinstance(publish_on, date):
        raise DomainError("Укажите дату публикации.", field="publish_on")


@transaction.atomic
def news_create(*, organization, data: dict, user) -> NewsItem:
    _check(data)
    return NewsItem.objects.create(organization=organization, author=user, **{f: data[f] for f in FIELDS})


@transaction.atomic
def news_update(*, item: NewsItem, data: dict, user) -> NewsItem:
    _check(data)
    changed = [f for f in FIELDS if getattr(item, f) != data[f]]
    for f in changed:
        setattr(item, f, data[f])
    if changed:
        item.save(update_fields=[*changed, "updated_at"])
    return item


@transaction.atomic
def news_delete(*, item: NewsItem, user) -> None:
    item.delete()
