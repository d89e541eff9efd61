"""Demo news and announcements of МБОУ СОШ № 7's public page «Наставничество»."""

from datetime import timedelta

from django.utils import timezone

from apps.programs.models import ProgramTemplate
from apps.programs.services import template_set_public

from . import services
from .models import NewsItem

NEWS = [
    (
        NewsItem.Kind.NEWS,
        "Утверждено Положение о системе наставничества",
        "Приказом директора утверждены Положение о системе наставничества педагогических работников "
        "и дорожная карта его реализации на учебный год. "
        "Дорожная карта согласована Департаментом образования.",
        -40,
    ),
    (
        NewsItem.Kind.NEWS,
        "Сформированы наставнические пары",
        "В школе начали работу наставнические пары и группа «педагог – группа педагогов». Для каждой "
        "составлена персонализированная программа наставничества.",
        -20,
    ),
    (
        NewsItem.Kind.ANNOUNCEMENT,
        "Круглый стол «Лучшие практики наставничества»",
        "Приглашаем педагогов школ города на круглый стол в актовом зале школы. Начало в 15:00.",
        -2,
    ),
    (
        NewsItem.Kind.ANNOUNCEMENT,
        "Конкурс «Наставник года»",
        "Заявки на школьный этап конкурса принимает куратор наставничества до конца месяца.",
        10,
    ),
]


def seed(ctx) -> None:
    school, curator = ctx["school"], ctx.objects.get("user_curator")
    if curator is None:
        return
    # The good practice published from a finished program goes on the page; the model program of the
    # bank stays inside (seed 001 §8.1).
    for template in ProgramTemplate.objects.filter(
        organization=school, source_program__isnull=False, on_public_page=False
    ):
        template_set_public(template=template, user=curator, public=True)
    if NewsItem.objects.filter(organization=school).exists():
        return
    today = timezone.localdate()
    for kind, title, text, days in NEWS:
        services.news_create(
            organization=school,
            data={"kind": kind, "title": title, "text": text, "publish_on": today + timedelta(days=days)},
            user=curator,
        )
