"""Who may see and change an organisation's card."""

import rules

from apps.accounts.rules import is_admin, is_coordinator, is_coordinator_of, is_director, is_org_member

rules.add_perm("organizations.list_organizations", is_admin | is_coordinator)
rules.add_perm("organizations.view_organization", is_admin | is_org_member | is_coordinator_of)
rules.add_perm("organizations.change_organization", is_admin | is_director)
rules.add_perm(
    "organizations.view_members",
    is_admin
    | is_director
    | is_coordinator_of
    | rules.predicate(lambda user, org: "curator" in user.roles_in(org)),
)
