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
