"""The organisation a user is working in now, for people with roles in several organisations."""

from apps.organizations.models import Organization

from .selectors import member_organizations

SESSION_KEY = "active_organization_id"


def active_organization(request) -> Organization | None:
    if hasattr(request, "_active_organization"):
        return request._active_organization
    organizations = member_organizations(request.user) if request.user.is_authenticated else []
    chosen = None
    wanted = request.session.get(SESSION_KEY)
    for org in organizations:
        if org.pk == wanted:
            chosen = org
    if chosen is None and organizations:
        chosen = organizations[0]
    request._active_organization = chosen
    return chosen


def set_active_organization(request, organization: Organization) -> None:
    request.session[SESSION_KEY] = organization.pk
    request._active_organization = organization
