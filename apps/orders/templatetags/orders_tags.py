"""Typography for printed orders: no line break after «№», inside initials or after «г.»."""

import re

from django import template

register = template.Library()

NBSP = "\u00a0"
_INITIAL = re.compile(r"(?<![А-ЯЁа-яёA-Za-z])([А-ЯЁ]\.) (?=[А-ЯЁ])")
_SURNAME_INITIALS = re.compile(r"(?<=[а-яё]) (?=[А-ЯЁ]\.[ \u00a0]?[А-ЯЁ]\.)")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_ABBREVIATIONS = re.compile(r"(?<![А-ЯЁа-яё])(№|г\.|с\.|п\.|д\.|ул\.|от) ")


@register.filter
def nbsp(value) -> str:
    """«№ 1», «Н. В. Кузнецова», «г. Сургут», «3 000» stay on one line."""
    text = str(value or "")
    text = _ABBREVIATIONS.sub(lambda m: m.group(1) + NBSP, text)
    text = _THOUSANDS.sub(NBSP, text)  # «3 000 рублей» on one line
    text = _INITIAL.sub(lambda m: m.group(1) + NBSP, text)
    return _SURNAME_INITIALS.sub(NBSP, text)


@register.inclusion_tag("orders/_acknowledge_block.html", takes_context=True)
def orders_to_acknowledge(context):
    """The «Ознакомиться с приказом» block of the dashboard, shown once whatever the user's roles."""
    from apps.orders.selectors import orders_to_acknowledge as select

    root = context.dicts[0]
    if root.get("_orders_acknowledge_shown"):
        return {"participations": []}
    root["_orders_acknowledge_shown"] = True
    return {"participations": list(select(user=context["user"]))}


@register.simple_tag(takes_context=True)
def orders_awaiting_signature(context, organization) -> int:
    """The director's inbox: orders of the organisation sent to her for signature."""
    from apps.orders.selectors import director_desk

    return director_desk(user=context["user"]).filter(organization=organization).count()
