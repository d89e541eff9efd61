"""Who may do what with roadmaps, the territory views and disclosure consents.

Objects: an organisation or a Roadmap (both answer ``.organization``-based role predicates). Role-only
permissions (``*_role``) guard the views (403); the combined ones also check the state and decide
which buttons a template shows.
"""

import rules

from apps.accounts.rules import (
    is_admin,
    is_coordinator,
    is_coordinator_of,
    is_council_member,
    is_curator,
    is_director,
    is_municipal_coordinator_of,
    is_org_member,
)

from .models import Roadmap


@rules.predicate
def roadmap_is_editable(user, roadmap) -> bool:
    return isinstance(roadmap, Roadmap) and roadmap.is_editable


@rules.predicate
def roadmap_is_approvable(user, roadmap) -> bool:
    return isinstance(roadmap, Roadmap) and roadmap.can_move_to(Roadmap.Status.APPROVED)


@rules.predicate
def roadmap_awaits_agreement(user, roadmap) -> bool:
    return isinstance(roadmap, Roadmap) and roadmap.status == Roadmap.Status.APPROVED


@rules.predicate
def roadmap_is_returned(user, roadmap) -> bool:
    return isinstance(roadmap, Roadmap) and roadmap.status == Roadmap.Status.RETURNED


is_manager = is_curator | is_director

rules.add_perm(
    "territory.view_roadmap", is_admin | is_director | is_curator | is_council_member | is_coordinator_of
)
rules.add_perm("territory.start_roadmap", is_manager)
rules.add_perm("territory.edit_roadmap_role", is_manager)
rules.add_perm("territory.edit_roadmap", is_manager & roadmap_is_editable)
rules.add_perm("territory.mark_event", is_manager)
rules.add_perm("territory.approve_roadmap_role", is_director)
rules.add_perm("territory.approve_roadmap", is_director & roadmap_is_approvable)
# Only the coordinator of the organisation's own municipality agrees; the regional operator only sees.
rules.add_perm("territory.agree_roadmap_role", is_municipal_coordinator_of)
rules.add_perm("territory.agree_roadmap", is_municipal_coordinator_of & roadmap_awaits_agreement)
rules.add_perm("territory.answer_remarks_role", is_manager)
rules.add_perm("territory.answer_remarks", is_manager & roadmap_is_returned)

rules.add_perm("territory.view_territory", is_admin | is_coordinator)
rules.add_perm("territory.view_aggregates", is_admin | is_coordinator_of)
# The names of mentors who gave the transfer consent (DisclosureConsent.Kind.TRANSFER) go to its recipients
# only: the coordinators of the organisation's municipality and region (LEGAL.md, Labour Code art. 88).
# The portal administrator is not one of them: on the drill-down he sees the figures alone.
rules.add_perm("territory.view_disclosed_mentors", is_coordinator_of)
rules.add_perm("territory.manage_consents", is_manager)
rules.add_perm("territory.search_region", is_manager)


@rules.predicate
def is_route_teacher(user, route) -> bool:
    return (
        bool(getattr(user, "pk", None))
        and getattr(route, "person", None) is not None
        and (route.person.user_id == user.pk)
    )


@rules.predicate
def is_route_tutor(user, route) -> bool:
    """The tutor of the route (ЦНППМ, ГМК): an account outside the school, reaching this route alone."""
    return (
        bool(getattr(user, "pk", None))
        and getattr(user, "is_active", False)
        and getattr(route, "tutor_id", None) == user.pk
    )


# ИОМ: the organisation's managers keep the routes; the teacher writes their own; coordinators never read
# a teacher's self-reflection (personal text), so they are refused (403). The list opens to every role
# of the organisation (object: an organisation); a teacher finds their own routes there.
rules.add_perm("territory.list_routes", is_org_member)
rules.add_perm("territory.manage_routes", is_manager)
rules.add_perm("territory.view_route", is_manager | is_route_teacher | is_route_tutor)
rules.add_perm("territory.write_route", is_manager | is_route_teacher | is_route_tutor)

rules.add_perm("territory.print_documents", is_manager)


@rules.predicate
def manages_any_organization(user) -> bool:
    return (
        any(
            m.role in ("curator", "director", "council") and m.organization_id
            for m in getattr(user, "active_memberships", [])
        )
        if getattr(user, "is_authenticated", False)
        else False
    )


rules.add_perm("territory.view_regional_bank", is_admin | is_coordinator | manages_any_organization)


# The Regulation, awards and the portfolio --------------------------------------------------------


@rules.predicate
def is_the_person(user, obj) -> bool:
    """The user is the person (a Person) or the awarded person (an Award)."""
    person = getattr(obj, "person", obj)
    return bool(getattr(user, "pk", None)) and getattr(person, "user_id", None) == user.pk


# Curator and director edit the Regulation's text and draft its approving order; the service refuses
# once the order is on signature or signed (the text is frozen then).
rules.add_perm("territory.edit_regulation", is_manager)
rules.add_perm("territory.issue_award", is_director)
rules.add_perm("territory.view_award", is_manager | is_the_person)
rules.add_perm("territory.view_portfolio", is_manager | is_the_person)

from . import municipal_rules  # noqa: E402, F401  (the municipality's documents)
