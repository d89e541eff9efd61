"""Blocks of monitoring on the pages: the four-level card links (the surveys to fill are in the dashboard's
inbox, apps/monitoring/inbox.py)."""

from django import template

from apps.monitoring import selectors

register = template.Library()


@register.inclusion_tag("monitoring/_program_link.html", takes_context=True)
def monitoring_card_link(context, program):
    """For the program page: a link to the four-level card, shown only to those who may open it; to the
    mentee, who may not, a link to record her own professional activity (level 4, issue 15)."""
    user = context["user"]
    allowed = user.has_perm("monitoring.view_program", program)
    return {
        "program": program,
        "allowed": allowed,
        "activity": not allowed and user.has_perm("monitoring.enter_activity", program),
    }


@register.inclusion_tag("monitoring/_my_program_cards.html", takes_context=True)
def my_program_cards(context):
    """For the mentor: the four-level cards of own programs (anonymous aggregates only)."""
    return {"programs": selectors.mentor_programs(user=context["user"])}
