"""Who answers for a roadmap event, by name in the initials form of Russian documents («П. Ф. Ёлкин»):
the pair's mentor, the mentee (or the group's mentees), the curator, the psychologist. The role word
is left only where the portal knows nobody for the role."""

from apps.accounts.models import Membership, Role
from apps.core.russian import initials_name_in, person_named
from apps.pairs.selectors import participants

from .models import Program, Responsible, RoadmapEvent


def _member_name(organization, role: str) -> str:
    user = (
        Membership.objects.filter(organization=organization, role=role, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return initials_name_in(user.user) if user is not None else ""


def responsible_names(program: Program, roles=None) -> dict[str, str]:
    """{role: the names of the people in it} for one program. Only the ``roles`` asked for are looked
    up (all by default): the curator and the psychologist cost a query each unless the organisation's
    card names the curator; the members come prefetched with the program when a selector loaded it."""
    roles = set(Responsible.values if roles is None else roles)
    names = {}
    if roles & {Responsible.MENTOR, Responsible.MENTEE}:
        people = participants(program.group)
        names[Responsible.MENTOR] = initials_name_in(people[0])
        names[Responsible.MENTEE] = ", ".join(initials_name_in(p) for p in people[1:])
    if Responsible.CURATOR in roles:
        organization = program.organization
        names[Responsible.CURATOR] = (
            initials_name_in(person_named(organization.curator_name))
            if organization.curator_name
            else _member_name(organization, Role.CURATOR)
        )
    if Responsible.PSYCHOLOGIST in roles:
        names[Responsible.PSYCHOLOGIST] = _member_name(program.organization, Role.PSYCHOLOGIST)
    return names


def responsible_label(event: RoadmapEvent, names: dict[str, str]) -> str:
    if event.responsible == Responsible.OTHER:
        return event.responsible_other or "______"
    if event.responsible == Responsible.MENTEE and event.responsible_person_id:
        return initials_name_in(event.responsible_person)
    return names.get(event.responsible) or event.get_responsible_display()


def label_events(program: Program, events) -> list[RoadmapEvent]:
    """The events with ``responsible_label`` set, for pages and documents."""
    events = list(events)
    if events:
        names = responsible_names(program, {e.responsible for e in events})
        for event in events:
            event.responsible_label = responsible_label(event, names)
    return events
