"""``{% form_token %}``: the hidden token that makes a creating form one-shot (``apps.core.idempotency``)."""

from django import template
from django.utils.html import format_html

from apps.core.idempotency import TOKEN_FIELD, new_token

register = template.Library()


@register.simple_tag
def form_token() -> str:
    """A new token each time the form is rendered: an htmx partial that re-renders the form renews it."""
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, new_token())
