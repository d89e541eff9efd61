"""The registry's consent badge, written in Python: the list included a partial per row, and each
``{% include … only %}`` cost more than the row itself (issue 18). The partial
``staff/_consent_badge.html`` uses it too, so the markup has one source."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_VALID = (
    '<span class="badge text-bg-success-subtle text-success-emphasis border border-success-subtle">'
    '<i class="bi bi-shield-check" aria-hidden="true"></i> согласие есть</span>'
)
_DESTROYED = (
    '<span class="badge text-bg-secondary"><i class="bi bi-trash" aria-hidden="true"></i>'
    " данные уничтожены</span>"
)
_WITHDRAWN = (
    '<span class="badge text-bg-warning"><i class="bi bi-shield-x" aria-hidden="true"></i>'
    " согласие отозвано</span>"
)
_NONE = (
    '<span class="badge text-bg-danger-subtle text-danger-emphasis border border-danger-subtle">'
    '<i class="bi bi-shield-exclamation" aria-hidden="true"></i> нет согласия</span>'
)


@register.filter
def consent_badge(person) -> str:
    """``person`` annotated by ``selectors.with_consent_state``."""
    if getattr(person, "has_valid_consent", False):
        badge = _VALID
    elif getattr(person, "data_destroyed", False):
        badge = _DESTROYED
    elif getattr(person, "has_withdrawn_consent", False):
        badge = _WITHDRAWN
    else:
        badge = _NONE
    return mark_safe(badge)  # constant markup
