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
# The school's accountant is no member of the mentoring system: not in ``is_org_member``, so no page
# about people opens to her; she reads the allowance basis only (apps/allowances/rules.py).
is_accountant = has_org_role(Role.ACCOUNTANT)
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


rules.add_perm("accounts.view_dashboard", rules.is_authenticated)


# The organisation's card (object: an Organization; pages in organization_views.py). The organisations
# app below knows no users: who may see and change an organisation is a question of roles, so its
# permissions are registered here, under their own names.
rules.add_perm("organizations.list_organizations", is_admin | is_coordinator)
rules.add_perm("organizations.view_organization", is_admin | is_org_member | is_coordinator_of)
rules.add_perm("organizations.change_organization", is_admin | is_director)
# Coordinators see aggregates only (issue 9, LEGAL.md Labour Code art. 88): not the list of the school's
# users, nor the curator's name on the card. The head's name stays on the card and in the coordinators'
# list: it is the organisation's requisite, published on every school's site by law (273-ФЗ art. 29).
rules.add_perm("organizations.view_members", is_admin | is_director | is_curator)
rules.add_perm("organizations.view_curator_name", is_admin | is_org_member)


# Who grants which role (README «Security and data protection»): a superuser any role; the portal
# administrator appoints directors and coordinators; a school's director appoints the curator and the
# other roles of her school; the curator the roles below hers (the accountant too: the curator prepares
# the allowance basis the accountant reads). Nobody grants a role to himself.
ROLES_BELOW_CURATOR = (Role.COUNCIL, Role.PSYCHOLOGIST, Role.MENTOR, Role.MENTEE, Role.ACCOUNTANT)
ADMIN_GRANTS = (Role.DIRECTOR, Role.MUNICIPAL, Role.REGIONAL)
ORGANIZATION_GRANTS = {
    Role.DIRECTOR: (Role.CURATOR, *ROLES_BELOW_CURATOR),
    Role.CURATOR: ROLES_BELOW_CURATOR,
}


def grantable_roles(user, organization=None) -> list[str]:
    """The roles ``user`` may grant and revoke: in ``organization`` for a school's roles, anywhere for
    the portal administrator's and the superuser's."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return list(Role.values)
    roles: list[str] = []
    if any(m.role == Role.ADMIN for m in _memberships(user)):
        roles += ADMIN_GRANTS
    if organization is not None:
        for m in _memberships(user):
            if m.organization_id == organization.pk:
                roles += [r for r in ORGANIZATION_GRANTS.get(m.role, ()) if r not in roles]
    return [r for r in Role.values if r in roles]


# Rank of a person in a school for the one-time sign-in code: nobody issues a code for someone above.
ORGANIZATION_RANK = {Role.DIRECTOR: 3, Role.CURATOR: 2}


def rank_in(user, organization) -> int:
    """3 director, 2 curator, 1 any other role of the school, 0 none (reads the loaded memberships)."""
    return max((ORGANIZATION_RANK.get(r, 1) for r in user.roles_in(organization)), default=0)


rules.add_perm("accounts.issue_sign_in_code", is_org_manager)  # object: an Organization
