"""Puts the user's roles and the active organisation into every template."""

from .models import Role
from .selectors import member_organizations
from .session import active_organization


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "user_roles": user.role_set,
        "Role": Role,
        "active_organization": active_organization(request),
        "my_organizations": member_organizations(user),
    }
