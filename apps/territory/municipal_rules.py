"""Who may do what with the municipality's documents (object: a Municipality) and the region's stage
template. Imported by ``rules.py``.

The municipal coordinator of the municipality edits its Regulation, drafts and registers the
authority's order and writes the справка; the regional operator of its region reads all of it and
writes the справка for any municipality of the region; people of the municipality's schools read the
approved Regulation only."""

import rules

from apps.accounts.models import Role
from apps.accounts.rules import _memberships, is_admin


@rules.predicate
def is_coordinator_of_municipality(user, municipality) -> bool:
    return municipality is not None and any(
        m.role == Role.MUNICIPAL and m.municipality_id == municipality.pk for m in _memberships(user)
    )


@rules.predicate
def is_operator_of_municipality(user, municipality) -> bool:
    return municipality is not None and any(
        m.role == Role.REGIONAL and m.region_id == municipality.region_id for m in _memberships(user)
    )


@rules.predicate
def works_in_municipality(user, municipality) -> bool:
    return municipality is not None and any(
        m.organization_id and m.organization.municipality_id == municipality.pk for m in _memberships(user)
    )


@rules.predicate
def is_regional_operator(user) -> bool:
    return any(m.role == Role.REGIONAL for m in _memberships(user))


rules.add_perm("territory.edit_municipal_documents", is_coordinator_of_municipality)
rules.add_perm(
    "territory.view_municipal_documents",
    is_admin | is_coordinator_of_municipality | is_operator_of_municipality,
)
rules.add_perm(
    "territory.read_municipal_regulation",
    is_admin | is_coordinator_of_municipality | is_operator_of_municipality | works_in_municipality,
)
rules.add_perm("territory.choose_stage_template", is_regional_operator)
# The municipality's own roadmap: the coordinator drafts, edits and approves it (edit_municipal_documents),
# the regional operator of its region agrees it or returns it with remarks.
rules.add_perm("territory.agree_municipal_roadmap", is_operator_of_municipality)
