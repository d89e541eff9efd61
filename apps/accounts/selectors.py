"""Reads about users and the scopes they may see."""

from django.db.models import Q, QuerySet

from apps.organizations.models import Organization

from .models import Membership, Role, User
from .rules import is_admin


def organizations_of(user: User) -> QuerySet[Organization]:
    """Every organisation the user may see anything of: own ones, and those of their municipality or
    region for coordinators; all for the administrator."""
    qs = Organization.objects.select_related("municipality__region")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_admin(user):
        return qs
    memberships = user.active_memberships
    org_ids = {m.organization_id for m in memberships if m.organization_id}
    muni_ids = {m.municipality_id for m in memberships if m.role == Role.MUNICIPAL}
    region_ids = {m.region_id for m in memberships if m.role == Role.REGIONAL}
    if not (org_ids or muni_ids or region_ids):
        return qs.none()
    return qs.filter(
        Q(pk__in=org_ids) | Q(municipality_id__in=muni_ids) | Q(municipality__region_id__in=region_ids)
    )


def member_organizations(user: User) -> list[Organization]:
    """Organisations where the user works (holds an organisation role), in a stable order."""
    seen: dict[int, Organization] = {}
    for m in getattr(user, "active_memberships", []):
        if m.organization_id and m.organization_id not in seen:
            seen[m.organization_id] = m.organization
    return sorted(seen.values(), key=lambda o: o.short_name)


def memberships_of_organization(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization, is_active=True)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name")
    )
