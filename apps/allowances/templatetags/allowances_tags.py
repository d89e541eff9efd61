"""The accountant's block of the dashboard: the organisation's latest bases (accounts sits below this app,
so its dashboard template loads this library instead of importing it)."""

from django import template

from .. import selectors
from ..documents import money as _money

register = template.Library()

LATEST = 6


@register.inclusion_tag("allowances/_latest.html", takes_context=True)
def latest_bases(context, organization):
    bases = list(selectors.bases_of(user=context["user"], organization=organization)[:LATEST])
    return {"bases": bases}


@register.filter
def money(value) -> str:
    """«2 612,90»: rubles and kopecks, the Russian way."""
    return _money(value)
