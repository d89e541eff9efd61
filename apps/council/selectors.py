"""Reads of the council of mentors, scoped to the organisations where the user keeps or reads the minutes
(council members, the curator, the director); a meeting of another school does not exist (404)."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.selectors import organizations_of
from apps.pairs.models import GroupMember, MentoringGroup
from apps.programs.models import Program
from apps.staff.models import Person

from .models import AgendaItem, Attendee, Meeting

READER_ROLES = (Role.COUNCIL, Role.CURATOR, Role.DIRECTOR)


def _reader_org_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return {
        m.organization_id for m in user.active_memberships if m.role in READER_ROLES and m.organization_id
    }


def meetings_of(*, user, organization) -> QuerySet[Meeting]:
    """The meetings of ``organization`` if the user reads them there, newest first."""
    if organization is None or organization.pk not in _reader_org_ids(user):
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(organization=organization)
        .select_related("year", "chair", "secretary")
        .prefetch_related(Prefetch("items", queryset=AgendaItem.objects.select_related("decision")))
        .order_by("-date", "-pk")
    )


def meeting_for(*, user, pk: int) -> Meeting:
    """A meeting of an organisation in the user's scope (the rules then decide: 403 for the school's
    mentors, mentees and coordinators); of any other organisation it does not exist (404)."""
    meeting = (
        Meeting.objects.filter(pk=pk, organization__in=organizations_of(user))
        .select_related("organization", "year", "chair", "secretary")
        .first()
    )
    if meeting is None:
        raise Http404("Заседание не найдено.")
    return meeting


def item_for(*, meeting: Meeting, pk: int) -> AgendaItem:
    item = AgendaItem.objects.filter(pk=pk, meeting=meeting).select_related("meeting").first()
    if item is None:
        raise Http404("Вопрос не найден.")
    return item


def agenda(meeting: Meeting) -> list[AgendaItem]:
    """The questions with their decisions and what they are about, in a fixed number of queries."""
    return list(
        meeting.items.select_related(
            "speaker",
            "decision",
            "decision__award",
            "program__group__mentor__person",
            "group__mentor__person",
            "person",
        )
        .prefetch_related(
            Prefetch(
                "group__members",
                queryset=GroupMember.objects.select_related("mentee_person").order_by("pk"),
            )
        )
        .order_by("position", "pk")
    )


def attendees(meeting: Meeting) -> list[Attendee]:
    return list(meeting.attendees.select_related("user").order_by("user__last_name", "name", "pk"))


def council_members(organization) -> QuerySet[User]:
    """The council members of the organisation (active memberships), by surname."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organization=organization,
            memberships__role=Role.COUNCIL,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def staff_users(organization) -> QuerySet[User]:
    """Everyone holding a role in the organisation: the possible speakers."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organization=organization,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def programs_for_agenda(organization) -> QuerySet[Program]:
    """Programs the council may consider: on approval or approved (approval, correction), finished (bank)."""
    return (
        Program.objects.filter(
            organization=organization,
            status__in=(Program.Status.ON_APPROVAL, Program.Status.APPROVED, Program.Status.FINISHED),
        )
        .select_related("group__mentor__person")
        .order_by("title", "pk")
    )


def current_groups(organization) -> QuerySet[MentoringGroup]:
    return MentoringGroup.objects.filter(
        organization=organization,
        status__in=(MentoringGroup.Status.ACTIVE, MentoringGroup.Status.AWAITING_ORDER),
    ).select_related("mentor__person")


def people(organization) -> QuerySet[Person]:
    return Person.objects.filter(organization=organization).order_by("last_name", "first_name", "pk")


# The council member's open questions (the inbox) -----------------------------------------------------


def open_items(*, organization, conflicts: bool) -> QuerySet[AgendaItem]:
    """Questions of planned meetings without a decision yet; ``conflicts``: only the conflicts between a
    mentor and a mentee awaiting the council's arbitration, else every other question."""
    items = AgendaItem.objects.filter(
        meeting__organization=organization,
        meeting__status=Meeting.Status.PLANNED,
        decision__isnull=True,
    )
    if conflicts:
        items = items.filter(kind=AgendaItem.Kind.CONFLICT)
    else:
        items = items.exclude(kind=AgendaItem.Kind.CONFLICT)
    return items.select_related("meeting").order_by("meeting__date", "position", "pk")


def programs_awaiting_council(*, organization) -> QuerySet[Program]:
    """Programs on approval that are on no planned meeting's agenda yet."""
    on_agenda = AgendaItem.objects.filter(
        program=OuterRef("pk"), kind=AgendaItem.Kind.PROGRAM, meeting__status=Meeting.Status.PLANNED
    )
    return (
        Program.objects.filter(organization=organization, status=Program.Status.ON_APPROVAL)
        .exclude(Exists(on_agenda))
        .select_related("group__mentor__person")
    )


def next_meeting(*, organization) -> Meeting | None:
    return (
        Meeting.objects.filter(
            organization=organization, status=Meeting.Status.PLANNED, date__gte=timezone.localdate()
        )
        .order_by("date", "pk")
        .first()
    )
