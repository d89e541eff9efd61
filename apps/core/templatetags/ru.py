"""Russian grammar in templates, through the language layer of ``apps.core.russian``.

``{% load ru %}`` then:

* ``{{ n|ru_count:"анкета" }}`` → «2 анкеты»; ``{{ n|ru_plural:"анкета" }}`` → «анкеты» (the word only);
  a noun outside ``russian.NOUNS`` is written out: ``"попытка,попытки,попыток"``;
* ``{{ person|sexed:"ознакомлен,ознакомлена" }}`` → the word that agrees with the person;
* ``{{ person|name_in:"genitive" }}`` → «Ёлкина Петра Фомича»;
  ``{{ person|short_in:"genitive" }}`` → «Ёлкина П. Ф.»;
  ``{{ person|initials_in:"dative" }}`` → «П. Ф. Ёлкину»;
* ``{{ delta|ru_duration }}`` → «15 минут».
"""

from datetime import timedelta

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from apps.core import russian
from apps.core.russian import plural_form

register = template.Library()

__all__ = ["plural_form", "register"]


@register.filter
def ru_plural(number, forms: str) -> str:
    """The word only, agreeing with the number: ``{{ n|ru_plural:"программа" }}``."""
    one, few, many = russian.noun_forms(forms)
    try:
        return plural_form(number, one, few, many)
    except (TypeError, ValueError):
        return many


@register.filter
def ru_count(number, forms: str) -> str:
    """The number and its noun: ``{{ n|ru_count:"год" }}`` → «22 года»."""
    try:
        return russian.count(int(number), forms)
    except (TypeError, ValueError):
        return ""


@register.filter
def sexed(person, forms: str) -> str:
    """``{{ person|sexed:"получил,получила" }}``."""
    masculine, feminine = (form.strip() for form in forms.split(","))
    return russian.by_sex(person, masculine, feminine)


@register.filter
def name_in(person, case: str = "nominative") -> str:
    return russian.full_name_in(person, case)


@register.filter
def short_in(person, case: str = "nominative") -> str:
    return russian.short_name_in(person, case)


@register.filter
def initials_in(person, case: str = "nominative") -> str:
    return russian.initials_name_in(person, case)


@register.filter
def ru_quoted(text) -> str:
    """{{ program.title|ru_quoted }} → «Программа „Старт“»."""
    return russian.quoted(str(text or ""))


@register.filter
def ru_duration(value) -> str:
    """A span of time in words after «на»: «15 минут», «1 час», «1 минуту», «1 час 30 минут», «2 дня»
    (rounded to minutes)."""
    if not isinstance(value, timedelta):
        return ""
    minutes = max(round(value.total_seconds() / 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [
        f"{n} {plural_form(n, *forms)}"
        for n, forms in (
            (days, ("день", "дня", "дней")),
            (hours, ("час", "часа", "часов")),
            (minutes, ("минуту", "минуты", "минут")),
        )
        if n
    ]
    return " ".join(parts) or "0 минут"


@register.filter(is_safe=True)
def window_title(title) -> str:
    """The ``<title>`` of a page: «Вход — Наставник.Школа»; the portal's name alone for a page without one.
    (``base.html`` wraps its ``title`` block in it: a Django template cannot ask whether a block is empty.)"""
    from django.conf import settings

    title = " ".join(str(title).split())
    return f"{title} — {settings.PORTAL_NAME}" if title else settings.PORTAL_NAME


@register.filter(needs_autoescape=True)
def paragraphs(value, autoescape=True) -> str:
    """Every line of a text as a paragraph of its own (a printed document indents each point's first line;
    ``linebreaks`` would join single lines with <br> under one indent)."""
    escape = conditional_escape if autoescape else str
    lines = [line.strip() for line in str(value or "").splitlines()]
    return mark_safe("".join(f"<p>{escape(line)}</p>" for line in lines if line))
