"""Reads about programs, always scoped to the user first. Overdue and «no activity for 30 days» are
computed here from dates, never stored."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
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
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, JSONObject
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.selectors import organizations_of, sees_organization
from apps.core import locking
from apps.pairs.models import GroupMember, MentoringGroup

from .models import (
    ActivityLog,
    ChangeConsent,
    CompetencePlanItem,
    DeficitPlanItem,
    EventForm,
    EvidenceFile,
    ModelPlanItem,
    Product,
    Program,
    ProgramAgreement,
    ProgramChange,
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


def _member_names_prefetch() -> Prefetch:
    """The members as a list row names them (``short_name``), not their cards."""
    return Prefetch(
        "group__members",
        queryset=GroupMember.objects.select_related("mentee_person")
        .only(
            "group_id", "mentee_person__last_name", "mentee_person__first_name", "mentee_person__patronymic"
        )
        .order_by("mentee_person__last_name", "mentee_person__first_name"),
    )


def participant_q(user, prefix: str = "") -> Q:
    """The user's groups as the mentor or a mentee (of ``prefix``group): one IN (… UNION …).
    An OR over the joins made PostgreSQL join every group, member and person of the region and
    needed DISTINCT, and an OR of two IN subqueries got a 50 % row estimate and hash joins
    (50-400 ms per query with a region loaded; bench, issue #8); the UNION is estimated small."""
    # Unordered: the models' orderings sorted each side (the mentees' names by the ICU collation).
    as_mentor = MentoringGroup.objects.filter(mentor__person__user=user).order_by().values("pk")
    as_mentee = GroupMember.objects.filter(mentee_person__user=user).order_by().values("group_id")
    return Q(**{f"{prefix}group_id__in": as_mentor.union(as_mentee)})


def programs_in_scope(user) -> QuerySet[Program]:
    """Programs of the organisations the user may see anything of, plus those where the user is a
    participant; outside them a program does not exist (404)."""
    if not getattr(user, "is_authenticated", False):
        return Program.objects.none()
    return Program.objects.filter(Q(organization__in=organizations_of(user)) | participant_q(user))


def last_activity() -> Subquery:
    """The date of the program's latest activity-log entry (None without any), for an annotation."""
    acts = ActivityLog.objects.filter(program=OuterRef("pk")).order_by().values("program")
    return Subquery(acts.annotate(m=Max("date")).values("m"))


def with_progress(qs: QuerySet[Program], on: date | None = None) -> QuerySet[Program]:
    """Annotate counts of events, overdue events, minutes logged and the last activity date.

    A list compiles :func:`with_list_progress` instead."""
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
        last_activity=last_activity(),
    )


PROGRESS_FIELDS = ("events_total", "events_done", "events_overdue", "minutes_logged", "last_activity")

# The figures of with_progress as the list's columns: the same correlated lookups written out, which the
# list compiles in no time (the five Subquery expressions cost it more CPU to build and compile than the
# Django admin's whole change list of the same rows; issue 18). PostgreSQL computes them for the page's
# rows alone, after the sort and the LIMIT. tests/programs/test_services.py compares the two.
_EVENTS = 'SELECT count(*) FROM programs_roadmapevent e WHERE e.program_id = "programs_program"."id"'
_ACTIVITY = 'FROM programs_activitylog a WHERE a.program_id = "programs_program"."id"'


def with_list_progress(qs: QuerySet[Program], on: date | None = None) -> QuerySet[Program]:
    """``qs`` (a list of programs, never a subquery: the columns name the table) with the figures of
    :func:`with_progress`."""
    on = on or today()
    planned, done = str(RoadmapEvent.Status.PLANNED), str(RoadmapEvent.Status.DONE)
    return qs.annotate(
        events_total=RawSQL(
            f"{_EVENTS} AND e.status <> %s", (str(RoadmapEvent.Status.CANCELLED),), IntegerField()
        ),
        events_done=RawSQL(f"{_EVENTS} AND e.status = %s", (done,), IntegerField()),
        # overdue_q: still planned, and its last day (the end, or the date) has passed.
        events_overdue=RawSQL(
            f'{_EVENTS} AND e.status = %s AND (e."end" < %s OR (e."end" IS NULL AND e.start < %s))',
            (planned, on, on),
            IntegerField(),
        ),
        minutes_logged=RawSQL(f"SELECT COALESCE(sum(a.minutes), 0) {_ACTIVITY}", (), IntegerField()),
        last_activity=RawSQL(f"SELECT max(a.date) {_ACTIVITY}", (), DateField()),
    )


# What a row of the list shows: the program's twenty texts, the bank entry's questionnaire and the
# person's card stay in the database (a page of 25 rows read five whole rows each; issue 18).
PROGRAM_LIST_FIELDS = (
    "title",
    "status",
    "start",
    "end",
    "organization__short_name",
    "group__mentor__person__last_name",
    "group__mentor__person__first_name",
    "group__mentor__person__patronymic",
)


def program_list(*, user, organization) -> QuerySet[Program]:
    # The organisation's own staff see all its programs: the scope's subqueries (organisations,
    # the user's groups as a UNION) cost more to compile than the page's rows (issue 18).
    scope = Program.objects.all() if sees_organization(user, organization) else programs_in_scope(user)
    return with_list_progress(
        scope.filter(organization=organization)
        .select_related("group__mentor__person", "organization")
        .only(*PROGRAM_LIST_FIELDS)
        .prefetch_related(_member_names_prefetch())
        .order_by("-start", "-pk")
    )


class ProgramFigures(NamedTuple):
    """What the dashboards' summary needs of a program: no instance, members or mentor."""

    status: str
    start: date
    events_overdue: int
    minutes_logged: int
    last_activity: date | None


def program_figures(*, user, organization) -> list[ProgramFigures]:
    """The programs of ``program_list`` as figures only: one query, no rows of the members (the
    dashboards count them; loading every program with its members was a tenth of a dashboard's time)."""
    rows = with_progress(programs_in_scope(user).filter(organization=organization).order_by()).values_list(
        *ProgramFigures._fields
    )
    return [ProgramFigures(*row) for row in rows]


def _last_kind() -> Subquery:
    """The kind of the program's latest activity (the quick log form preselects it)."""
    return Subquery(
        ActivityLog.objects.filter(program=OuterRef("pk")).order_by("-date", "-pk").values("kind")[:1]
    )


# The three plans of a program (related name → model), read as JSON arrays in the program's own query.
PLAN_RELATIONS = {
    "deficit_items": DeficitPlanItem,
    "competence_items": CompetencePlanItem,
    "model_items": ModelPlanItem,
}


def _plan_rows(model) -> ArraySubquery:
    names = [f.attname for f in model._meta.concrete_fields]
    return ArraySubquery(
        model.objects.filter(program=OuterRef("pk"))
        .order_by("position", "pk")
        .values(row=JSONObject(**{name: name for name in names}))
    )


def program_detail(*, user, pk: int) -> Program:
    """The program with its progress, members, ending, the kind of its last activity (``last_kind``),
    the persons who agreed to its current edition (``agreed_person_ids``), its planned events (id and
    title, ``planned_events``) and its three plans (as if prefetched: ``program.deficit_items.all()``
    runs no query); one query for the program, one for its members."""
    program = get_object_or_404(
        with_progress(
            programs_in_scope(user)
            .select_related(
                "group__mentor__person__position", "organization", "approved_by", "group", "ending"
            )
            .prefetch_related(_members_prefetch())
            .annotate(
                last_kind=_last_kind(),
                agreed_person_ids=ArraySubquery(
                    ProgramAgreement.objects.filter(
                        program=OuterRef("pk"), revision=OuterRef("revision")
                    ).values("person_id")
                ),
                planned_event_rows=_planned_event_rows(),
                **{f"{name}_rows": _plan_rows(model) for name, model in PLAN_RELATIONS.items()},
            )
        ),
        pk=pk,
    )
    for name, model in PLAN_RELATIONS.items():
        names = [f.attname for f in model._meta.concrete_fields]
        items = [
            model.from_db(connection.alias, names, [row[n] for n in names])
            for row in getattr(program, f"{name}_rows")
        ]
        set_prefetched(program, name, items)
    program.planned_events = planned_events_of(program)
    return program


def _planned_event_rows() -> ArraySubquery:
    """The program's planned events (id, title, dates) as a JSON array in the program's own query:
    the choices of the quick log form."""
    return ArraySubquery(
        RoadmapEvent.objects.filter(program=OuterRef("pk"), status=RoadmapEvent.Status.PLANNED)
        .order_by("start", "pk")
        .values(row=JSONObject(id="id", title="title", start="start", end="end", program_id="program_id"))
    )


def planned_events_of(program: Program) -> list[RoadmapEvent]:
    """The events of ``planned_event_rows`` (annotated by ``program_detail`` and ``programs_of_user``)."""
    return [
        RoadmapEvent(
            id=row["id"],
            title=row["title"],
            start=date.fromisoformat(row["start"]),
            end=date.fromisoformat(row["end"]) if row["end"] else None,
            program_id=row["program_id"],
            status=RoadmapEvent.Status.PLANNED,
        )
        for row in program.planned_event_rows
    ]


def default_event(events: list[RoadmapEvent], on: date | None = None) -> RoadmapEvent | None:
    """The event a new log entry most likely belongs to: the earliest overdue one (as the dashboard
    lists them, overdue_q), else the nearest planned one. ``events``: planned, by start."""
    on = on or today()
    overdue = [e for e in events if e.last_day < on]
    if overdue:
        return overdue[0]
    return events[0] if events else None


def set_prefetched(obj, name: str, items: list) -> None:
    """Store ``items`` as ``prefetch_related`` stores a relation: ``obj.<name>.all()`` then returns
    them with no query."""
    qs = getattr(obj, name).all()
    qs._result_cache, qs._prefetch_done = list(items), True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[name] = qs


def attach_files(*, events=(), activities=()) -> None:
    """The evidence files of both the events and the activities of a page in one query (each
    object's ``files.all()`` then runs none); for lists loaded with ``files=False``."""
    events, activities = list(events), list(activities)
    if not events and not activities:
        return
    files = list(
        EvidenceFile.objects.filter(
            Q(event_id__in=[e.pk for e in events]) | Q(activity_id__in=[a.pk for a in activities])
        )
    )
    for event in events:
        set_prefetched(event, "files", [f for f in files if f.event_id == event.pk])
    for activity in activities:
        set_prefetched(activity, "files", [f for f in files if f.activity_id == activity.pk])


def participant_groups(user) -> list[MentoringGroup]:
    """The user's pairs and groups as the mentor or a mentee, the newest first, each with its mentor's
    person and its program's id, status and organisation (``program_pk``, ``program_status``,
    ``program_organization_id``; None without a program): one query for the program list's two lines
    about the user's own pairs (:func:`programs_elsewhere`, :func:`own_groups_without_program`)."""
    if not getattr(user, "is_authenticated", False):
        return []
    as_mentor = MentoringGroup.objects.filter(mentor__person__user=user).order_by().values("pk")
    as_mentee = GroupMember.objects.filter(mentee_person__user=user).order_by().values("group_id")
    return list(
        MentoringGroup.objects.filter(pk__in=as_mentor.union(as_mentee))
        .select_related("mentor__person")
        .annotate(
            program_pk=F("program__pk"),
            program_status=F("program__status"),
            program_organization_id=F("program__organization_id"),
        )
    )


def own_groups_without_program(user, groups: list[MentoringGroup]) -> list[MentoringGroup]:
    """Of ``groups`` (:func:`participant_groups`), the active ones the user leads as the mentor that have
    no program yet."""
    return [
        g
        for g in groups
        if g.mentor.person.user_id == user.pk
        and g.status == MentoringGroup.Status.ACTIVE
        and g.program_pk is None
    ]


def programs_elsewhere(*, user, organization, groups: list[MentoringGroup] | None = None) -> list[Program]:
    """The user's running programs as a participant in other organisations than ``organization`` (a
    distance mentor), with what the program list shows of them: their progress, no members.

    The ids first (from ``groups``, the user's :func:`participant_groups`, when given): almost always
    there are none, and the progress annotations cost more to compile than the list's own rows (issue
    18); with some, their progress is a second query."""
    if not getattr(user, "is_authenticated", False):
        return []
    if groups is None:
        groups = participant_groups(user)
    ids = [
        g.program_pk
        for g in groups
        if g.program_pk is not None
        and g.program_status != Program.Status.FINISHED
        and g.program_organization_id != organization.pk
    ]
    if not ids:
        return []
    return list(
        with_progress(Program.objects.filter(pk__in=ids).select_related("organization").order_by("-start"))
    )


def programs_of_user(*, user, with_members: bool = True) -> QuerySet[Program]:
    """Programs where the user is the mentor or a mentee, the running ones first; each with
    ``last_kind``, the kind of its latest activity (the quick log form preselects it). Without
    ``with_members`` the members are not loaded (the dashboard block names no one)."""
    if not getattr(user, "is_authenticated", False):
        return Program.objects.none()
    qs = (
        Program.objects.filter(participant_q(user))
        .exclude(status=Program.Status.FINISHED)
        .select_related("group__mentor__person", "organization")
    )
    if with_members:
        qs = qs.prefetch_related(_members_prefetch())
    qs = qs.annotate(last_kind=_last_kind(), planned_event_rows=_planned_event_rows())
    return with_progress(qs.order_by("-start"))


def event_list(*, program: Program, on: date | None = None, files: bool = True) -> QuerySet[RoadmapEvent]:
    on = on or today()
    qs = RoadmapEvent.objects.filter(program=program).select_related("responsible_person")
    if files:
        qs = qs.prefetch_related("files")
    return qs.annotate(
        is_overdue=Exists(RoadmapEvent.objects.filter(overdue_q(on), pk=OuterRef("pk")))
    ).order_by("start", "pk")


def events_in_period(*, program: Program, first: date, last: date) -> QuerySet[RoadmapEvent]:
    """Events that touch [first, last] (a period event shows on each of its days)."""
    return event_list(program=program).filter(
        Q(start__lte=last) & (Q(end__gte=first) | Q(end__isnull=True, start__gte=first))
    )


def activity_list(
    *, program: Program, files: bool = True, participants: bool = True
) -> QuerySet[ActivityLog]:
    """The log, the latest first; without ``participants`` (the program page names none) or
    ``files`` (the program page loads them with ``attach_files``) those are not loaded."""
    qs = (
        ActivityLog.objects.filter(program=program)
        .select_related("event", "created_by")
        .order_by("-date", "-pk")
    )
    if participants:
        qs = qs.prefetch_related(
            Prefetch("participants", queryset=GroupMember.objects.select_related("mentee_person"))
        )
    return qs.prefetch_related("files") if files else qs


def recent_changes(*, program: Program, limit: int = 5) -> list[ProgramChange]:
    """The latest proposed changes of the program with their orders, each with
    ``consent_person_ids`` (who consented), in one query."""
    return list(
        program.changes.select_related("order")
        .annotate(
            consent_person_ids=ArraySubquery(
                ChangeConsent.objects.filter(change=OuterRef("pk")).order_by().values("person_id")
            )
        )
        .order_by("-created_at")[:limit]
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


# --- «Ждут вашего решения» (apps/programs/inbox.py) ---------------------------------------------------

# Events «due» on a participant's dashboard: overdue, or starting within this many days.
EVENTS_DUE_DAYS = 7


def groups_without_program(*, organization) -> QuerySet[MentoringGroup]:
    """Pairs and groups fixed by the order (active) that have no program yet: each needs one (seed 002
    stage 6 «организация работы пар: программа для каждой»)."""
    return MentoringGroup.objects.filter(
        organization=organization, status=MentoringGroup.Status.ACTIVE, program__isnull=True
    )


def programs_on_approval(*, organization) -> QuerySet[Program]:
    return Program.objects.filter(organization=organization, status=Program.Status.ON_APPROVAL)


def programs_behind(*, organization, on: date | None = None) -> QuerySet[Program]:
    """Programs not finished that are overdue (an event of the plan has passed its date undone) or
    stalled (no entry in the activity log for ``PROGRAM_STALL_DAYS``, counted from the start when there
    is none yet: the seeds plan the pair's meetings monthly, seed 004 «Ежемесячно», so a month without
    any logged work means the plan is not followed). Annotated by :func:`with_progress`."""
    on = on or today()
    cutoff = on - timedelta(days=STALL_DAYS)
    return (
        with_progress(Program.objects.filter(organization=organization), on=on)
        .exclude(status=Program.Status.FINISHED)
        .alias(since=Coalesce("last_activity", "start"))
        .filter(Q(events_overdue__gt=0) | Q(start__lte=cutoff, since__lte=cutoff))
    )


def events_due(*, user, on: date | None = None, days: int = EVENTS_DUE_DAYS) -> QuerySet[RoadmapEvent]:
    """Planned events of the user's running programs (as the mentor or a mentee) that are overdue or
    start within ``days``; ``overdue`` annotated, the oldest first."""
    on = on or today()
    return (
        RoadmapEvent.objects.filter(
            participant_q(user, prefix="program__"),
            program__status__in=[Program.Status.APPROVED, Program.Status.ON_APPROVAL, Program.Status.DRAFT],
            status=RoadmapEvent.Status.PLANNED,
        )
        .filter(overdue_q(on) | Q(start__lte=on + timedelta(days=days)))
        .annotate(
            overdue=Case(
                When(overdue_q(on), then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
        .order_by("start", "pk")
    )
