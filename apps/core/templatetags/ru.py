"""Russian grammar in templates: the plural form that agrees with a number."""

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
