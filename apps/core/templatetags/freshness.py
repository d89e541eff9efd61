"""``{% figures_freshness %}``: on a page of figures (``@reads_from_replica``), how old they may be."""

from django import template
from django.core.cache import caches
from django.utils import timezone
from django.utils.html import format_html

from apps.core import freshness
from apps.core.db_router import read_alias

register = template.Library()


@register.simple_tag
def figures_freshness() -> str:
    state = freshness.tracked()
    if state is None:  # not a page of figures
        return ""
    alias = read_alias()
    replica = freshness.replica_state(alias)
    if replica.cut_off:
        text = freshness.cut_off_text(replayed_at=replica.replayed_at, oldest=state.oldest)
        return format_html(
            '<p class="small text-warning-emphasis" data-figures-freshness data-cut-off>{}</p>', text
        )
    oldest = timezone.now() - replica.lag  # the rows read directly, as old as the replica's lag
    if state.oldest is not None:
        oldest = min(oldest, state.oldest)
    text = freshness.freshness_text(
        refresh_seconds=caches["aggregates"].default_timeout,
        aggregates=state.aggregates,
        data_time=oldest,
        now=timezone.now(),
    )
    return format_html('<p class="small text-secondary" data-figures-freshness>{}</p>', text)
