"""Russian grammar in templates: the plural form that agrees with a number."""

from datetime import timedelta

from django import template

register = template.Library()


def plural_form(number: int, one: str, few: str, many: str) -> str:
    """1 программа, 2 программы, 5 программ, 11 программ, 21 программа."""
    n = abs(int(number)) % 100
    if 11 <= n <= 14:
        return many
    n %= 10
    if n == 1:
        return one
    if 2 <= n <= 4:
        return few
    return many


@register.filter
def ru_plural(number, forms: str) -> str:
    """``{{ n|ru_plural:"программа,программы,программ" }}``: the word only, without the number."""
    one, few, many = (form.strip() for form in forms.split(","))
    try:
        return plural_form(number, one, few, many)
    except (TypeError, ValueError):
        return many


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
