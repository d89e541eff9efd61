"""Reads about programs, always scoped to the user first. Overdue and «no activity for 30 days» are
computed here from dates, never stored."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.selectors import organizations_of
from apps.core import locking
from apps.pairs.models import GroupMember, MentoringGroup

from .models import (
    ActivityLog,
    EventForm,
    EvidenceFile,
    Product,
    Program,
    ProgramTemplate,
    Responsible,
    RoadmapEvent,
)

# PROGRAM_STALL_DAYS in settings (30 by default; README «Background jobs»).
STALL_DAYS: int = settings.PROGRAM_STALL_DAYS


def days_phrase(n: int) -> str:
    """«1 день», «3 дня», «30 дней», «21 день»."""
    if n % 10 == 1 and n % 100 != 11:
        word = "день"
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = "дня"
    else:
        word = "дней"
    return f"{n} {word}"


def stall_phrase() -> str:
    return days_phrase(STALL_DAYS)


def today() -> date:
    return timezone.localdate()


def overdue_q(on: date | None = None, prefix: str = "") -> Q:
    """An event is overdue when it is still planned and its last day (end, or the date) has passed."""
    on = on or today()
    return Q(**{f"{prefix}status": RoadmapEvent.Status.PLANNED}) & (
        Q(**{f"{prefix}end__lt": on}) | Q(**{f"{prefix}end__isnull": True, f"{prefix}start__lt": on})
    )


def is_stalled(program: Program, last_activity: date | None, on: date | None = None) -> bool:
    """A running program with no logged activity for 30 days (counted from the start if none yet)."""
    on = on or today()
    if program.status not in (Program.Status.APPROVED, Program.Status.ON_APPROVAL, Program.Status.DRAFT):
        return False
    if on <= program.start:
        return False
    since = last_activity or program.start
    return (on - since).days >= STALL_DAYS


def _members_prefetch() -> Prefetch:
    return Prefetch(
        "group__members",
        queryset=GroupMember.objects.select_related("mentee_person__position").order_by(
            "mentee_person__last_name", "mentee_person__first_name"
        ),
    )


def participant_q(user, prefix: str = "") -> Q:
    """The user's groups as the mentor or a mentee (of ``prefix``group): one IN (… UNION …).
    An OR over the joins made PostgreSQL join every group, member and person of the region and
    needed DISTINCT, and an OR of two IN subqueries got a 50 % row estimate and hash joins
    (50-400 ms per query with a region loaded; bench, issue #8); the UNION is estimated small."""
    as_mentor = MentoringGroup.objects.filter(mentor__person__user=user).values("pk")
    as_mentee = GroupMember.objects.filter(mentee_person__user=user).values("group_id")
    return Q(**{f"{prefix}group_id__in": as_mentor.union(as_mentee)})


def programs_in_scope(user) -> QuerySet[Program]:
    """Programs of the organisations the user may see anything of, plus those where the user is a
    participant; outside them a program does not exist (404)."""
    if not getattr(user, "is_authenticated", False):
        return Program.objects.none()
    return Program.objects.filter(Q(organization__in=organizations_of(user)) | participant_q(user))


def with_progress(qs: QuerySet[Program], on: date | None = None) -> QuerySet[Program]:
    """Annotate counts of events, overdue events, minutes logged and the last activity date."""
    on = on or today()
    events = RoadmapEvent.objects.filter(program=OuterRef("pk")).order_by().values("program")
    acts = ActivityLog.objects.filter(program=OuterRef("pk")).order_by().values("program")
    return qs.annotate(
        events_total=Coalesce(
            Subquery(
                events.exclude(status=RoadmapEvent.Status.CANCELLED).annotate(n=Count("pk")).values("n")
            ),
            Value(0),
        ),
        events_done=Coalesce(
            Subquery(events.filter(status=RoadmapEvent.Status.DONE).annotate(n=Count("pk")).values("n")),
            Value(0),
        ),
        events_overdue=Coalesce(
            Subquery(events.filter(overdue_q(on)).annotate(n=Count("pk")).values("n")), Value(0)
        ),
        minutes_logged=Coalesce(Subquery(acts.annotate(s=Sum("minutes")).values("s")), Value(0)),
        last_activity=Subquery(acts.annotate(m=Max("date")).values("m")),
    )


def program_list(*, user, organization) -> QuerySet[Program]:
    return with_progress(
        programs_in_scope(user)
        .filter(organization=organization)
        .select_related("group__mentor__person", "organization")
        .prefetch_related(_members_prefetch())
        .order_by("-start", "-pk")
    )


def program_detail(*, user, pk: int) -> Program:
    return get_object_or_404(
        with_progress(
            programs_in_scope(user)
            .select_related("group__mentor__person__position", "organization", "approved_by", "group")
            .prefetch_related(_members_prefetch(), "deficit_items", "competence_items", "model_items")
        ),
        pk=pk,
    )


def programs_of_user(*, user) -> QuerySet[Program]:
    """Programs where the user is the mentor or a mentee, the running ones first; each with
    ``last_kind``, the kind of its latest activity (the quick log form preselects it)."""
    if not getattr(user, "is_authenticated", False):
        return Program.objects.none()
    return with_progress(
        Program.objects.filter(participant_q(user))
        .exclude(status=Program.Status.FINISHED)
        .select_related("group__mentor__person", "organization")
        .prefetch_related(_members_prefetch())
        .annotate(
            last_kind=Subquery(
                ActivityLog.objects.filter(program=OuterRef("pk")).order_by("-date", "-pk").values("kind")[:1]
            )
        )
        .order_by("-start")
    )


def event_list(*, program: Program, on: date | None = None) -> QuerySet[RoadmapEvent]:
    on = on or today()
    return (
        RoadmapEvent.objects.filter(program=program)
        .select_related("responsible_person")
        .prefetch_related("files")
        .annotate(is_overdue=Exists(RoadmapEvent.objects.filter(overdue_q(on), pk=OuterRef("pk"))))
        .order_by("start", "pk")
    )


def events_in_period(*, program: Program, first: date, last: date) -> QuerySet[RoadmapEvent]:
    """Events that touch [first, last] (a period event shows on each of its days)."""
    return event_list(program=program).filter(
        Q(start__lte=last) & (Q(end__gte=first) | Q(end__isnull=True, start__gte=first))
    )


def activity_list(*, program: Program) -> QuerySet[ActivityLog]:
    return (
        ActivityLog.objects.filter(program=program)
        .select_related("event", "created_by")
        .prefetch_related("participants__mentee_person", "files")
        .order_by("-date", "-pk")
    )


def last_activity_kind(*, program: Program) -> str | None:
    return (
        ActivityLog.objects.filter(program=program)
        .order_by("-date", "-pk")
        .values_list("kind", flat=True)
        .first()
    )


def upcoming_and_overdue(*, user, days: int = 14, on: date | None = None):
    """For dashboards: events of the user's running programs that are overdue or within ``days``."""
    on = on or today()
    qs = (
        RoadmapEvent.objects.filter(
            participant_q(user, prefix="program__"),
            program__status__in=[Program.Status.APPROVED, Program.Status.ON_APPROVAL, Program.Status.DRAFT],
        )
        .filter(status=RoadmapEvent.Status.PLANNED)
        .select_related("program")
        .order_by("start", "pk")
    )
    # One query for both lists (a participant's planned events are a few dozen at most).
    rows = list(
        qs.filter(overdue_q(on) | Q(start__lte=on + timedelta(days=days))).annotate(
            overdue=Case(
                When(overdue_q(on), then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
    )
    overdue = [event for event in rows if event.overdue][:10]
    upcoming = [event for event in rows if not event.overdue][:10]
    return upcoming, overdue


def mentee_tasks_q(user) -> Q:
    return Q(responsible=Responsible.MENTEE) & (
        Q(responsible_person__user=user) | Q(responsible_person__isnull=True)
    )


def calendar_events_for(*, user) -> QuerySet[RoadmapEvent]:
    """Every event of the programs where the user takes part (for the .ics feed)."""
    return (
        RoadmapEvent.objects.filter(participant_q(user, prefix="program__"))
        .exclude(status=RoadmapEvent.Status.CANCELLED)
        .select_related("program")
        .order_by("start", "pk")
    )


def file_for(*, user, pk: int) -> EvidenceFile:
    return get_object_or_404(
        EvidenceFile.objects.filter(program__in=programs_in_scope(user)).select_related(
            "program__group__mentor__person", "program__organization"
        ),
        pk=pk,
    )


def templates_for(*, user, organization) -> QuerySet[ProgramTemplate]:
    """The organisation's bank; the regional bank (visibility «регион») comes in a later issue."""
    return ProgramTemplate.objects.filter(organization=organization).order_by("title", "pk")


@dataclass
class Progress:
    events_done: int
    events_total: int
    events_overdue: int
    hours: float
    last_activity: date | None
    stalled: bool

    @property
    def percent(self) -> int:
        return round(100 * self.events_done / self.events_total) if self.events_total else 0


def progress_of(program: Program) -> Progress:
    """From the annotations of ``with_progress``."""
    return Progress(
        events_done=program.events_done,
        events_total=program.events_total,
        events_overdue=program.events_overdue,
        hours=round(program.minutes_logged / 60, 1),
        last_activity=program.last_activity,
        stalled=is_stalled(program, program.last_activity),
    )


# What the roadmap event form locks on (apps.core.locking) -------------------------------------------

EVENT_LABELS = {
    "title": "Мероприятие",
    "form": "Форма",
    "start": "Дата (начало)",
    "end": "Окончание периода",
    "responsible": "Ответственный",
    "responsible_person": "Кто из наставляемых",
    "responsible_other": "Ответственный (если другой)",
    "product": "Продукт",
    "expected_result": "Ожидаемый результат",
}
_EVENT_CHOICES = {"form": EventForm, "responsible": Responsible, "product": Product}


def event_edit_state(values: dict) -> dict[str, str]:
    """A roadmap event as its edit form shows it (an event's values or a form's)."""
    rows = []
    for name, label in EVENT_LABELS.items():
        if name not in values:
            continue  # a partial save: only the fields it writes
        value = values[name]
        if name in _EVENT_CHOICES and value:
            value = dict(_EVENT_CHOICES[name].choices).get(value, value)
        elif name == "responsible_person" and value is not None:
            value = value.full_name
        rows.append((label, value))
    return locking.state(rows)


def roadmap_event_state(event: RoadmapEvent) -> dict[str, str]:
    return event_edit_state({name: getattr(event, name) for name in EVENT_LABELS})


def roadmap_event_token(event: RoadmapEvent) -> str:
    return locking.state_token(roadmap_event_state(event))
