"""Who may see and change an organisation's card."""

import rules

from apps.accounts.rules import is_admin, is_coordinator, is_coordinator_of, is_director, is_org_member

rules.add_perm("organizations.list_organizations", is_admin | is_coordinator)
rules.add_perm("organizations.view_organization", is_admin | is_org_member | is_coordinator_of)
rules.add_perm("organizations.change_organization", is_admin | is_director)
# Coordinators see aggregates only (issue 9, LEGAL.md Labour Code art. 88): not the list of the school's
# users, nor the curator's name on the card. The head's name stays on the card and in the coordinators'
# list: it is the organisation's requisite, published on every school's site by law (273-ФЗ art. 29).
rules.add_perm(
    "organizations.view_members",
    is_admin | is_director | rules.predicate(lambda user, org: "curator" in user.roles_in(org)),
)
rules.add_perm("organizations.view_curator_name", is_admin | is_org_member)
