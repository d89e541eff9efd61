"""The banks' counts on the dashboard."""

from django import template

from apps.banks.models import MentorEntry

register = template.Library()


@register.simple_tag
def mentor_candidates(organization) -> int:
    """The director's inbox: candidates for mentors of the organisation waiting for her approval."""
    return MentorEntry.objects.filter(organization=organization, status=MentorEntry.Status.CANDIDATE).count()
