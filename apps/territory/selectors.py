"""Reads of the territory app: roadmaps in the user's scope, the organisations of a municipality or
region with their implementation flags and counts (all in SQL), the indicator, the drill-down
aggregates and the regional base of mentors who agreed to be seen beyond their school."""

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.models import Membership, Role
from apps.accounts.rules import is_admin, is_coordinator_of, is_org_member
from apps.accounts.selectors import organizations_of
from apps.banks.models import MenteeEntry, MentorEntry, MentorStrength
from apps.banks.selectors import mentor_load_annotation
from apps.core.cache import cached_aggregate
from apps.monitoring.selectors import level1, level2, level3
from apps.monitoring.selectors.outcomes import kept_territory_figures
from apps.orders.models import Order
from apps.organizations.models import AcademicYear, Organization
from apps.pairs.models import MentoringGroup
from apps.programs.models import Program
from apps.staff.models import DisclosureConsent, Person
from apps.training.selectors import TrainedShare, trained_share

from .models import Roadmap, RoadmapEvent

# The regional indicator counts general, additional and vocational education organisations (seed 002
# §VI); preschool organisations are shown but stay outside the share.
INDICATOR_KINDS = (
    Organization.Kind.SCHOOL,
    Organization.Kind.ADDITIONAL,
    Organization.Kind.COLLEGE,
)
MENTOR_COUNTED = MentorEntry.APPROVED_STATUSES
MENTEE_COUNTED = (MenteeEntry.Status.WAITING, MenteeEntry.Status.IN_PAIR, MenteeEntry.Status.FINISHED)
PROGRAM_COUNTED = (Program.Status.APPROVED, Program.Status.FINISHED)


def current_year() -> AcademicYear | None:
    return AcademicYear.objects.current()


# Roadmaps ---------------------------------------------------------------------------------------


def roadmap_for(*, user, pk: int) -> Roadmap:
    """A roadmap of an organisation the user may see; any other does not exist (404)."""
    return get_object_or_404(
        Roadmap.objects.select_related(
            "organization__municipality__region", "year", "approved_by", "agreed_by"
        ),
        pk=pk,
        organization__in=organizations_of(user),
    )


def roadmap_of(*, organization, year) -> Roadmap | None:
    return Roadmap.objects.filter(organization=organization, year=year).select_related("year").first()


# Roles by which a school person is named to readers outside the school, the most responsible first; the
# accountant last: a mentor who also keeps the school's books acted on the roadmap as a mentor.
_ROLE_PRECEDENCE = (
    Role.DIRECTOR,
    Role.CURATOR,
    Role.COUNCIL,
    Role.PSYCHOLOGIST,
    Role.MENTOR,
    Role.MENTEE,
    Role.ACCOUNTANT,
)


def names_for_reader(*, reader, organization: Organization, users) -> dict[int, str]:
    """How each of ``users`` (who acted on something of ``organization``) is named to ``reader``.

    People of the organisation read every name. For anybody else a person of the organisation (a role
    there, now or before, or a card in its registry) is named only when the reader is a coordinator of
    the organisation and the person gave the transfer consent (DisclosureConsent TRANSFER, Labour Code
    art. 88); otherwise by role («куратор наставничества»). People outside the organisation (the
    coordinator who returned a roadmap) keep their names. Two queries for any number of users."""
    users = {u.pk: u for u in users if u is not None}
    if not users:
        return {}
    if is_org_member.test(reader, organization):
        return {pk: u.get_short_name() for pk, u in users.items()}
    roles: dict[int, set[str]] = {}
    for user_id, role in Membership.objects.filter(organization=organization, user_id__in=users).values_list(
        "user_id", "role"
    ):
        roles.setdefault(user_id, set()).add(role)
    people = Person.objects.filter(organization=organization, user_id__in=users)
    for user_id in people.values_list("user_id", flat=True):
        roles.setdefault(user_id, set())
    consented: set[int] = set()
    if roles and is_coordinator_of.test(reader, organization):
        consented = set(
            people.filter(
                disclosure_consents__kind=DisclosureConsent.Kind.TRANSFER,
                disclosure_consents__withdrawn_on__isnull=True,
            ).values_list("user_id", flat=True)
        )
    names = {}
    for pk, user in users.items():
        if pk not in roles or pk in consented:
            names[pk] = user.get_short_name()
        else:
            role = next((r for r in _ROLE_PRECEDENCE if r in roles[pk]), None)
            names[pk] = Role(role).label.lower() if role else "работник организации"
    return names


def roadmap_detail(roadmap: Roadmap, *, reader=None) -> dict:
    """Events grouped by stage with overdue computed for today, remarks and history: four queries, and two
    more for the names of the people in them (``reader``: see ``names_for_reader``; None: every name,
    for the organisation's own documents). Each history row gets ``who``, each remark ``author_name``
    and ``answered_by_name``."""
    from .stages import group_by_stage

    today = timezone.localdate()
    events = list(roadmap.events.all())
    for e in events:
        e.is_overdue = e.status == RoadmapEvent.Status.PLANNED and e.deadline < today
    stages = group_by_stage(roadmap_region(roadmap), events)
    done = sum(s["done"] for s in stages)
    active = sum(1 for e in events if e.status != RoadmapEvent.Status.CANCELLED)
    remarks = list(roadmap.remarks.select_related("author", "answered_by"))
    history = list(roadmap.history.select_related("user"))
    people = [h.user for h in history] + [r.author for r in remarks] + [r.answered_by for r in remarks]
    if reader is None:
        names = {u.pk: u.get_short_name() for u in people if u is not None}
    else:
        names = names_for_reader(reader=reader, organization=roadmap.organization, users=people)
    for h in history:
        h.who = names.get(h.user_id, "")
    for r in remarks:
        r.author_name = names.get(r.author_id, "")
        r.answered_by_name = names.get(r.answered_by_id, "")
    return {
        "stages": stages,
        "events_total": len(events),
        "events_done": done,
        "events_overdue": sum(1 for e in events if e.is_overdue),
        "percent_done": round(100 * done / active) if active else 0,
        "remarks": remarks,
        "unanswered": sum(1 for r in remarks if not r.answer),
        "history": history,
    }


def roadmap_region(roadmap):
    """The region whose stage template the roadmap follows (a school's or a municipality's roadmap)."""
    holder = getattr(roadmap, "organization", None) or getattr(roadmap, "municipality", None)
    if holder is None:
        return None
    return holder.municipality.region if hasattr(holder, "municipality") else holder.region


def event_for(*, roadmap: Roadmap, pk: int) -> RoadmapEvent:
    return get_object_or_404(RoadmapEvent, pk=pk, roadmap=roadmap)


# The territory: organisations, indicator, aggregates ----------------------------------------------


def territory_scope(*, user) -> QuerySet[Organization]:
    """The organisations of the user's municipality/region in the order of the territory list, without
    their figures: the list pages them and gives the page's rows theirs (attach_territory_figures)."""
    return organizations_of(user).order_by("municipality__name", "short_name")


def figure_params(year: AcademicYear) -> dict:
    """The statuses and kinds the territory's figures count, as the SQL of ``regional_report`` takes
    them."""
    return {
        "year": year.pk,
        "regulation": str(Order.Kind.REGULATION),
        "signed": str(Order.Status.SIGNED),
        "curator": str(Role.CURATOR),
        "group_active": str(MentoringGroup.Status.ACTIVE),
        "program_approved": str(Program.Status.APPROVED),
        "mentor_counted": [str(status) for status in MENTOR_COUNTED],
        "mentee_counted": [str(status) for status in MENTEE_COUNTED],
        "program_counted": [str(status) for status in PROGRAM_COUNTED],
    }


def attach_territory_figures(organizations, *, year: AcademicYear) -> None:
    """Set on each of ``organizations`` (instances: a page of the territory list) the figures of ``year``,
    ``implements`` included, by the rule of ``regional_report`` in one query over their ids."""
    from .regional_report import page_figures

    page_figures(list(organizations), year=year)


def indicator(
    organizations: QuerySet[Organization],
    year: AcademicYear,
    *,
    territory: tuple[str, int] | None = None,
) -> dict:
    """«Доля организаций, реализующих целевую модель наставничества» of ``organizations`` (the territory
    list's rows, filtered or not): the whole-scope row of the region's report, one grouped query, the rule
    of ``regional_report``; kept a few minutes (apps/core/cache.py) under the full SQL of
    ``organizations`` and the year. For a ``whole_territory`` (and its ``year``): read from its kept
    figures (issue 18)."""
    from .regional_report import indicator_of, scope_totals

    kept = _kept_part("indicator", territory, year) if territory is not None else None
    if kept is not None:
        return kept
    return cached_aggregate(
        "territory_indicator",
        (organizations, year.pk),
        lambda: indicator_of(scope_totals(organizations=organizations, year=year)),
    )


def _programs_in(organizations, year) -> QuerySet[Program]:
    return Program.objects.filter(
        organization__in=organizations.values("pk"), group__year=year, status__in=PROGRAM_COUNTED
    )


def whole_territory(*, user, filters: dict | None) -> tuple[str, int] | None:
    """The one municipality ("m", id) or region ("r", id) whose organisations are exactly the rows of
    the territory page with ``filters`` (the filter form's cleaned data; None: invalid), when the user
    coordinates it as a whole; else None (a search, a type, a coordinator with a school of her own …)."""
    if filters is None or any(filters.get(name) for name in ("q", "kind", "implements", "roadmap")):
        return None
    memberships = user.active_memberships
    if any(m.organization_id for m in memberships):
        return None
    municipalities = {m.municipality_id for m in memberships if m.role == Role.MUNICIPAL}
    regions = {m.region_id for m in memberships if m.role == Role.REGIONAL}
    chosen = filters.get("municipality")
    if chosen is not None:
        covered = chosen.pk in municipalities or chosen.region_id in regions or is_admin(user)
        return ("m", chosen.pk) if covered else None
    if is_admin(user) or len(municipalities) + len(regions) != 1:
        return None
    return ("m", *municipalities) if municipalities else ("r", *regions)


def kept_figures(organizations: QuerySet[Organization], year: AcademicYear) -> dict:
    """What the territory page reads of a whole territory, kept with its figures
    (``monitoring.hooks.territory_figures``): the breakdown, the indicator and the share of trained
    mentors (of the current year's bank on the day of computing, as the page counts it). The indicator is
    the whole-scope row of the region's report, as ``indicator`` computes it for any rows of the list."""
    from .regional_report import indicator_of, scope_totals

    today = timezone.localdate()
    trained = trained_share(organizations=organizations, today=today)
    return {
        "breakdown": _territory_breakdown(organizations=organizations, year=year),
        "indicator": indicator_of(scope_totals(organizations=organizations, year=year)),
        "trained": {"mentors": trained.mentors, "trained": trained.trained, "on": today.isoformat()},
    }


def _kept_part(name: str, territory: tuple[str, int], year: AcademicYear):
    """One part of the kept figures of a whole territory; None when its row was kept without it (by an
    earlier version, until the next refresh): the caller computes it."""
    level, pk = territory
    return cached_aggregate(
        "territory_kept",
        (level, pk, year.pk),
        lambda: _kept_of(level, pk, year),
        as_of=lambda value: value["as_of"],
    ).get(name)


def _kept_of(level: str, pk: int, year: AcademicYear) -> dict:
    ids = {"municipality_ids": [pk]} if level == "m" else {"region_ids": [pk]}
    by_municipality, by_region, as_of = kept_territory_figures(year=year, **ids)
    figures = (by_municipality if level == "m" else by_region)[pk]
    return {**figures, "as_of": as_of}


def territory_breakdown(
    *, organizations: QuerySet[Organization], year: AcademicYear, territory: tuple[str, int] | None = None
) -> dict:
    """Counts by form of mentoring and mentee category, totals and the Kirkpatrick aggregates of the
    scope: a fixed number of queries, no names; kept a few minutes (apps/core/cache.py). When the scope
    is a ``whole_territory``, read from its kept figures (issue 18: the computation reads every answer
    of the territory)."""
    kept = _kept_part("breakdown", territory, year) if territory is not None else None
    if kept is not None:
        return kept
    return cached_aggregate(
        "territory_breakdown",
        (organizations.order_by().values("pk"), year.pk),
        lambda: _territory_breakdown(organizations=organizations, year=year),
    )


def _territory_breakdown(*, organizations: QuerySet[Organization], year: AcademicYear) -> dict:
    ids = organizations.order_by().values("pk")
    from apps.pairs.models import Form

    programs = _programs_in(organizations, year)
    forms = dict(Form.choices)
    by_form = [
        {"label": forms.get(r["group__form"], r["group__form"]), "n": r["n"]}
        for r in programs.order_by().values("group__form").annotate(n=Count("pk")).order_by("-n")
    ]
    categories = dict(MenteeEntry.Category.choices)
    mentees = MenteeEntry.objects.filter(organization__in=ids, year=year, status__in=MENTEE_COUNTED)
    by_category = [
        {"label": categories.get(r["category"], r["category"]), "n": r["n"]}
        for r in mentees.order_by().values("category").annotate(n=Count("pk")).order_by("-n")
    ]
    return {
        "mentors": MentorEntry.objects.filter(
            organization__in=ids, year=year, status__in=MENTOR_COUNTED
        ).count(),
        "mentees": sum(r["n"] for r in by_category),
        "programs": sum(r["n"] for r in by_form),
        "by_form": by_form,
        "by_category": by_category,
        "level1": level1(programs),
        "level2": level2(programs),
        "level3": level3(programs),
    }


def territory_trained(
    *,
    organizations: QuerySet[Organization],
    today,
    territory: tuple[str, int] | None = None,
    year: AcademicYear | None = None,
) -> TrainedShare:
    """The share of the scope's bank mentors trained within three years (apps.training): one query
    over every mentor of the territory, so kept a few minutes like the breakdown (issue 18); for a
    ``whole_territory``, read from its kept figures when they were computed ``today``."""
    kept = _kept_part("trained", territory, year) if territory is not None and year is not None else None
    if kept is not None and kept["on"] == today.isoformat():
        return TrainedShare(mentors=kept["mentors"], trained=kept["trained"])
    return cached_aggregate(
        "territory_trained",
        (organizations.order_by().values("pk"), today),
        lambda: trained_share(organizations=organizations, today=today),
    )


def territory_organization_for(*, user, pk: int, year: AcademicYear) -> Organization:
    """One organisation of the territory with its figures of ``year`` (``attach_territory_figures``);
    outside the user's scope: 404."""
    organization = get_object_or_404(territory_scope(user=user).select_related("municipality"), pk=pk)
    attach_territory_figures([organization], year=year)
    return organization


def disclosed_mentors(
    *, organization, year, kind: str = DisclosureConsent.Kind.TRANSFER
) -> list[MentorEntry]:
    """Mentors of the organisation whose names may leave the school: an active consent of ``kind``."""
    return list(
        MentorEntry.objects.filter(organization=organization, year=year, status__in=MENTOR_COUNTED)
        .filter(_has_consent(kind))
        .select_related("person__position")
        .order_by("person__last_name", "person__first_name")
    )


def _has_consent(kind: str) -> Exists:
    return Exists(
        DisclosureConsent.objects.filter(person=OuterRef("person"), kind=kind, withdrawn_on__isnull=True)
    )


# The regional base of mentors ---------------------------------------------------------------------


def regional_mentors(*, organization: Organization, year: AcademicYear) -> QuerySet[MentorEntry]:
    """Mentors of other organisations of the same region who are marked visible in the region **and**
    gave the separate transfer consent; the current load (their groups in every organisation) is
    counted in SQL."""
    return (
        MentorEntry.objects.filter(
            organization__municipality__region_id=organization.municipality.region_id,
            year=year,
            status__in=MENTOR_COUNTED,
            visible_in_region=True,
            person__left_on__isnull=True,
        )
        .exclude(organization=organization)
        .filter(_has_consent(DisclosureConsent.Kind.TRANSFER))
        .select_related("person__position", "organization__municipality")
        .prefetch_related(
            Prefetch("strengths", queryset=MentorStrength.objects.order_by("area")),
            "person__subjects",
        )
        # The one load count of the portal (by person, every organisation, awaiting orders included).
        .annotate(load=mentor_load_annotation(), free=F("max_mentees") - F("load"))
        .order_by("person__last_name", "person__first_name", "pk")
    )


# Individual educational routes (ИОМ) ------------------------------------------------------------


def routes_list(*, user, organization) -> QuerySet:
    from .models import Route

    qs = Route.objects.filter(organization=organization).select_related("person__position")
    if not user.has_perm("territory.manage_routes", organization):
        qs = qs.filter(person__user=user)
    return qs.annotate(n_actions=_count_route(), n_products=_count_route(product=True)).order_by(
        "person__last_name", "person__first_name", "-start_year"
    )


def _count_route(product: bool = False):
    from .models import RouteAction

    qs = RouteAction.objects.filter(route=OuterRef("pk"))
    if product:
        qs = qs.filter(done_on__isnull=False)
    return Coalesce(
        Subquery(qs.order_by().values("route").annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def route_for(*, user, pk: int):
    from .models import Route

    # The tutor reaches the routes they tutor, whatever the school; nothing else of it.
    return get_object_or_404(
        Route.objects.select_related("person__position", "organization__municipality", "tutor").filter(
            Q(organization__in=organizations_of(user)) | Q(tutor_id=user.pk)
        ),
        pk=pk,
    )


def tutored_routes(*, user) -> QuerySet:
    """The routes the user tutors (ЦНППМ, ГМК), in every school."""
    from .models import Route

    return (
        Route.objects.filter(tutor_id=user.pk)
        .select_related("person__position", "organization")
        .annotate(n_actions=_count_route(), n_products=_count_route(product=True))
        .order_by("status", "person__last_name", "person__first_name", "-start_year")
    )


def route_detail(route) -> dict:
    """The seven steps with their notes and actions, and the programs the teacher took part in."""
    from .models import RouteStep
    from .services import _steps_done, route_next_allowed

    notes = list(route.notes.select_related("author"))
    actions = list(route.actions.all())
    done = _steps_done(route)
    allowed = route_next_allowed(done)
    steps = []
    for value, label in RouteStep.choices:
        steps.append(
            {
                "number": value,
                "title": label,
                "notes": [n for n in notes if n.step == value],
                "done": value in done,
                "allowed": value in allowed and route.status == route.Status.ACTIVE,
            }
        )
    person = route.person
    programs = (
        Program.objects.filter(Q(group__mentor__person=person) | Q(group__members__mentee_person=person))
        .select_related("group__mentor")
        .distinct()
        .order_by("-start")
    )
    return {
        "steps": steps,
        "actions": actions,
        "products": [a for a in actions if a.done_on],
        "programs": [{"program": p, "as_mentor": p.group.mentor.person_id == person.pk} for p in programs],
    }


def mentors_for_letters(*, organizations, year) -> QuerySet[MentorEntry]:
    """Mentors of the year who took part (approved, active or released) with their number of groups."""
    return (
        MentorEntry.objects.filter(
            organization__in=organizations,
            year=year,
            status__in=(*MENTOR_COUNTED, MentorEntry.Status.RELEASED),
        )
        .select_related("person__position", "organization")
        .annotate(
            n_groups=Coalesce(
                Subquery(
                    MentoringGroup.objects.filter(
                        mentor=OuterRef("pk"),
                        status__in=(MentoringGroup.Status.ACTIVE, MentoringGroup.Status.ENDED),
                    )
                    .order_by()
                    .values("mentor")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("person__last_name", "person__first_name")
    )


def regional_program_bank(*, user) -> QuerySet:
    """Programs of the bank that their organisations opened to the region (visibility «регион»), from
    every organisation of the user's region(s). The entries carry no names or personal text."""
    from apps.programs.models import ProgramTemplate

    regions = organizations_of(user).order_by().values("municipality__region_id")
    return (
        ProgramTemplate.objects.filter(
            visibility=ProgramTemplate.Visibility.REGION, organization__municipality__region_id__in=regions
        )
        .select_related("organization__municipality")
        .order_by("title", "pk")
    )


# The Regulation and the awards -------------------------------------------------------------------


def regulation_in_force(*, organization):
    """The latest approved edition, or None."""
    from .models import Regulation

    return (
        Regulation.objects.filter(organization=organization, status=Regulation.Status.APPROVED)
        .select_related("order", "organization")
        .order_by("-approved_at", "-pk")
        .first()
    )


def regulation_current(*, organization):
    """The edition being worked on (the draft), else the one in force (the latest approved), else None."""
    from .models import Regulation

    draft = (
        Regulation.objects.filter(organization=organization, status=Regulation.Status.DRAFT)
        .select_related("order", "organization")
        .first()
    )
    return draft or regulation_in_force(organization=organization)


def regulation_for(*, user, pk: int):
    from .models import Regulation

    return get_object_or_404(
        Regulation.objects.select_related("order", "organization"),
        pk=pk,
        organization__in=organizations_of(user),
    )


def regulation_versions(regulation):
    return regulation.versions.select_related("author").order_by("-number")


def regulation_version(regulation, number: int | None = None):
    """The given version, else the approved one of an approved edition, else the latest."""
    versions = regulation.versions.select_related("author")
    if number is not None:
        return get_object_or_404(versions, number=number)
    if regulation.approved_version:
        return versions.get(number=regulation.approved_version)
    return versions.order_by("-number").first()


def regulation_editions(*, organization):
    from .models import Regulation

    return (
        Regulation.objects.filter(organization=organization)
        .select_related("order")
        .annotate(n_versions=Count("versions"))
        .order_by("-created_at", "-pk")
    )


def regulation_of_order(*, order):
    """The edition an order of kind REGULATION approves, with the number of its latest version."""
    from .models import Regulation

    return (
        Regulation.objects.filter(order=order)
        .annotate(latest_version=Max("versions__number"))
        .order_by("-pk")
        .first()
    )


def awards_of_organization(*, organization):
    from .models import Award

    return (
        Award.objects.filter(organization=organization)
        .select_related("person", "issued_by")
        .order_by("-year", "-number")
    )


def awards_of_person(*, person):
    from .models import Award

    return Award.objects.filter(person=person).select_related("person").order_by("-date", "-number")


def award_for(*, user, pk: int):
    """An award of the user's scope, or the user's own; anybody else's is a 404."""
    from .models import Award

    scope = Q(organization__in=organizations_of(user))
    if getattr(user, "is_authenticated", False):
        scope |= Q(person__user_id=user.pk)
    return get_object_or_404(
        Award.objects.filter(scope).select_related("person__position", "organization"), pk=pk
    )


def roadmaps_to_approve(*, organization) -> QuerySet[Roadmap]:
    """The organisation's roadmaps the director may approve now: a draft, or one the municipal
    coordinator returned with remarks (``territory.approve_roadmap``)."""
    approvable = [status for status, moves in Roadmap.TRANSITIONS.items() if Roadmap.Status.APPROVED in moves]
    return Roadmap.objects.filter(organization=organization, status__in=approvable)
