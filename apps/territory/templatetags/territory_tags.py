"""The roadmap's count on the dashboard."""

from django import template

from apps.territory.models import Roadmap

register = template.Library()


@register.simple_tag
def roadmaps_to_approve(organization) -> int:
    """The director's inbox: the organisation's roadmaps she may approve now."""
    approvable = [status for status, moves in Roadmap.TRANSITIONS.items() if Roadmap.Status.APPROVED in moves]
    return Roadmap.objects.filter(organization=organization, status__in=approvable).count()
