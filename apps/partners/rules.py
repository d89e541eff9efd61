"""Who sees and keeps the cooperation agreements: a school's director and curator its own agreements (and,
to read, those of its municipality's authority); the municipal coordinator the municipality's. Coordinators
never see the people of a school's agreement: names leave the school only with consent (ТК РФ ст. 88)."""

import rules

from apps.accounts.models import Role
from apps.accounts.rules import is_admin, is_org_manager


def _memberships(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return user.active_memberships


def coordinates(user, municipality_id) -> bool:
    return any(m.role == Role.MUNICIPAL and m.municipality_id == municipality_id for m in _memberships(user))


def manages_school_in(user, municipality_id) -> bool:
    return any(
        m.role in (Role.DIRECTOR, Role.CURATOR)
        and m.organization_id
        and m.organization.municipality_id == municipality_id
        for m in _memberships(user)
    )


@rules.predicate
def keeps_agreement(user, agreement) -> bool:
    if agreement.organization_id:
        return is_org_manager(user, agreement.organization)
    return coordinates(user, agreement.municipality_id)


@rules.predicate
def reads_agreement(user, agreement) -> bool:
    """A municipality's agreement is read by the coordinator and by the managers of its schools."""
    if agreement.organization_id:
        return is_org_manager(user, agreement.organization)
    return coordinates(user, agreement.municipality_id) or manages_school_in(user, agreement.municipality_id)


@rules.predicate
def is_coordinator_of_municipality(user, municipality) -> bool:
    return municipality is not None and coordinates(user, municipality.pk)


@rules.predicate
def is_municipal_coordinator(user) -> bool:
    return any(m.role == Role.MUNICIPAL and m.municipality_id for m in _memberships(user))


# No object: the navigation's «Партнёры» for a coordinator outside any school.
rules.add_perm("partners.keep_agreements_of_a_municipality", is_municipal_coordinator)
# Object: an Organization (the school's list and new agreements).
rules.add_perm("partners.keep_school_agreements", is_org_manager)
# Object: a Municipality (the authority's list and new agreements).
rules.add_perm("partners.keep_municipal_agreements", is_coordinator_of_municipality)
# Object: a CooperationAgreement.
rules.add_perm("partners.view_agreement", is_admin | reads_agreement)
rules.add_perm("partners.change_agreement", keeps_agreement)
