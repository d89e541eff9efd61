"""Role predicates: the one place that answers "may this user … in that organisation?".

Every predicate reads ``user.active_memberships`` (one query per request), so templates can ask
as often as they like without touching the database again.
"""

import rules

from .models import Role


def _memberships(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return user.active_memberships


def _organization_of(obj):
    """Accepts an organisation or any object with an ``organization`` attribute."""
    if obj is None:
        return None
    return getattr(obj, "organization", obj)


@rules.predicate
def is_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(m.role == Role.ADMIN for m in _memberships(user))


def has_org_role(*roles: str):
    """A predicate true when the user holds one of ``roles`` in the object's organisation."""
    wanted = {str(r) for r in roles}

    @rules.predicate(name="has_org_role_" + "_".join(sorted(wanted)))
    def predicate(user, obj) -> bool:
        org = _organization_of(obj)
        if org is None:
            return False
        return any(m.organization_id == org.pk and m.role in wanted for m in _memberships(user))

    return predicate


is_director = has_org_role(Role.DIRECTOR)
is_curator = has_org_role(Role.CURATOR)
is_council_member = has_org_role(Role.COUNCIL)
is_psychologist = has_org_role(Role.PSYCHOLOGIST)
is_mentor = has_org_role(Role.MENTOR)
is_mentee = has_org_role(Role.MENTEE)
is_org_member = has_org_role(
    Role.DIRECTOR, Role.CURATOR, Role.COUNCIL, Role.PSYCHOLOGIST, Role.MENTOR, Role.MENTEE
)
is_org_manager = has_org_role(Role.DIRECTOR, Role.CURATOR)


@rules.predicate
def is_municipal_coordinator_of(user, obj) -> bool:
    org = _organization_of(obj)
    if org is None:
        return False
    return any(
        m.role == Role.MUNICIPAL and m.municipality_id == org.municipality_id for m in _memberships(user)
    )


@rules.predicate
def is_regional_operator_of(user, obj) -> bool:
    org = _organization_of(obj)
    if org is None:
        return False
    region_id = org.municipality.region_id
    return any(m.role == Role.REGIONAL and m.region_id == region_id for m in _memberships(user))


is_coordinator_of = is_municipal_coordinator_of | is_regional_operator_of


@rules.predicate
def is_coordinator(user) -> bool:
    return any(m.role in (Role.MUNICIPAL, Role.REGIONAL) for m in _memberships(user))


@rules.predicate
def has_any_role(user) -> bool:
    return bool(_memberships(user)) or is_admin(user)


rules.add_perm("accounts.view_dashboard", rules.is_authenticated)
