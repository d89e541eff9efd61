"""Typography for printed orders: no line break after «№», inside initials or after «г.»."""

import re

from django import template

register = template.Library()

NBSP = "\u00a0"
_INITIAL = re.compile(r"(?<![А-ЯЁа-яёA-Za-z])([А-ЯЁ]\.) (?=[А-ЯЁ])")
_ABBREVIATIONS = re.compile(r"(?<![А-ЯЁа-яё])(№|г\.|с\.|п\.|д\.|ул\.|от) ")


@register.filter
def nbsp(value) -> str:
    """«№ 1», «Н. В. Кузнецова», «г. Сургут» stay on one line."""
    text = str(value or "")
    text = _ABBREVIATIONS.sub(lambda m: m.group(1) + NBSP, text)
    return _INITIAL.sub(lambda m: m.group(1) + NBSP, text)
