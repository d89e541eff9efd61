"""Typography for printed orders: no line break after «№», inside initials or after «г.»."""

import re

from django import template
from django.utils.safestring import mark_safe

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


_STATUS_BADGES = {
    "signed": '<span class="badge text-bg-success">Подписан</span>',
    "awaiting_signature": '<span class="badge text-bg-warning">На подписи</span>',
}
_DRAFT_BADGE = '<span class="badge text-bg-secondary">Проект</span>'


@register.filter
def status_badge(order) -> str:
    """The order's status as a badge, without a ``{% include %}`` per row of the list (issue 18); the
    partial ``orders/_status_badge.html`` uses it too."""
    return mark_safe(_STATUS_BADGES.get(order.status, _DRAFT_BADGE))  # constant markup
