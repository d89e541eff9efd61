"""The two checks every app's views open with: a permission (django-rules) or 403, and the organisation
the user works in now (the session's choice) with a permission on it, or 403."""

from django.core.exceptions import PermissionDenied

from .session import active_organization


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def own_organization(request, perm: str):
    organization = active_organization(request)
    if organization is None:
        raise PermissionDenied
    require(request.user, perm, organization)
    return organization
