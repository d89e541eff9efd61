"""The bank's badges, written in Python: a list of 25 entries included two partials per row, and each
``{% include … only %}`` cost more than the row itself (issue 18). The partials
``banks/_status_badge.html`` and ``banks/_marks.html`` use these too, so the markup has one source."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def status_badge(entry) -> str:
    """``entry``: a mentee or mentor entry; its status agreeing with the person («освобождена»)."""
    return format_html(
        '<span class="badge rounded-pill status-{}">{}</span>', entry.status, entry.status_label()
    )


@register.simple_tag
def mark_badges(marks, empty: str) -> str:
    """``marks``: difficulties or strengths; ``empty``: the text when there are none."""
    marks = list(marks)
    if not marks:
        return format_html('<span class="text-secondary small">{}</span>', empty)
    return format_html_join(
        "",
        '<span class="badge area-badge level-{} me-1 mb-1" title="{}: {}">{} · {}</span>',
        (
            (m.level, m.get_area_display(), m.get_level_display(), m.area_short, m.get_level_display())
            for m in marks
        ),
    )
