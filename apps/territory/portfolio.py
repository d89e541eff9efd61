"""Reads for a person's portfolio of mentoring activity (for attestation): roles by year, pairs and
groups with their orders, programs and their outcome, logged activities, the four Kirkpatrick levels
of the person's programs in aggregate, awards and the individual educational route. A fixed number
of queries whatever the person's history."""

from django.db.models import Avg, Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404

from apps.accounts.selectors import organizations_of
from apps.banks.models import MenteeEntry, MentorEntry
from apps.monitoring.models import Assessment, ObservationScore, Stage
from apps.monitoring.selectors import K_ANONYMITY, level1
from apps.pairs.models import GroupMember, MentoringGroup
from apps.programs.models import ActivityKind, ActivityLog, Program, RoadmapEvent
from apps.staff.models import Person
from apps.training.selectors import records_of_person

from .models import Award, Route

# Pairs and groups that an order fixed: the ones that count for attestation.
FIXED = (MentoringGroup.Status.ACTIVE, MentoringGroup.Status.ENDED)


def person_for_portfolio(*, user, pk: int) -> Person:
    """A person of the user's scope, or the user's own record; anybody else's is a 404."""
    scope = Q(organization__in=organizations_of(user))
    if getattr(user, "is_authenticated", False):
        scope |= Q(user_id=user.pk)
    return get_object_or_404(
        Person.objects.filter(scope).select_related("organization__municipality", "position"), pk=pk
    )


def _order_label(order) -> str:
    return f"от {order.date:%d.%m.%Y} № {order.number}" if order and order.number else "—"


def _change(qs, *, stage_field: str, score_field: str) -> dict:
    """Average on the five-point scale at the start and at the end, and the change. One query."""
    agg = qs.aggregate(
        start=Avg(score_field, filter=Q(**{stage_field: Stage.START})),
        end=Avg(score_field, filter=Q(**{stage_field: Stage.END})),
        n=Count("pk"),
    )
    start, end = agg["start"], agg["end"]
    return {
        "start": round(start, 2) if start is not None else None,
        "end": round(end, 2) if end is not None else None,
        "change": round(end - start, 2) if start is not None and end is not None else None,
        "n": agg["n"],
    }


def _roles_by_year(person: Person) -> list[dict]:
    rows: dict[int, dict] = {}
    for entry in MentorEntry.objects.filter(person=person).select_related("year"):
        row = rows.setdefault(entry.year.start_year, {"year": entry.year.label, "roles": []})
        row["roles"].append(f"наставник ({entry.get_status_display()})")
    for entry in MenteeEntry.objects.filter(person=person).select_related("year"):
        row = rows.setdefault(entry.year.start_year, {"year": entry.year.label, "roles": []})
        row["roles"].append(f"наставляемый: {entry.get_category_display()} ({entry.get_status_display()})")
    return [rows[y] for y in sorted(rows)]


def _mentees_shown(group: MentoringGroup, person: Person) -> list[str]:
    """The mentees' names; of a distance group in another organisation only their number and that
    organisation: the portfolio is read in the mentor's school, the names belong to the other one."""
    if group.organization_id == person.organization_id:
        return [m.mentee_person.short_name for m in group.members.all()]
    return [f"наставляемых: {len(group.members.all())}, {group.organization.short_name} (дистанционно)"]


def portfolio(person: Person) -> dict:
    as_mentor = list(
        MentoringGroup.objects.filter(mentor__person=person, status__in=FIXED)
        .select_related("year", "assigned_order", "ended_order", "organization")
        .prefetch_related(
            Prefetch("members", queryset=GroupMember.objects.select_related("mentee_person").order_by("pk"))
        )
        .order_by("year__start_year", "planned_start", "pk")
    )
    as_mentee = list(
        GroupMember.objects.filter(mentee_person=person, group__status__in=FIXED)
        .select_related("group__year", "group__assigned_order", "group__ended_order", "mentor_person")
        .order_by("group__year__start_year", "group__planned_start", "pk")
    )
    group_ids = [g.pk for g in as_mentor] + [m.group_id for m in as_mentee]
    mentor_group_ids = {g.pk for g in as_mentor}
    programs = list(
        Program.objects.filter(group_id__in=group_ids)
        .select_related("ending")
        .annotate(
            n_events=Count("events", filter=~Q(events__status=RoadmapEvent.Status.CANCELLED)),
            n_done=Count("events", filter=Q(events__status=RoadmapEvent.Status.DONE)),
        )
        .order_by("start", "pk")
    )
    program_ids = [p.pk for p in programs]
    mentor_program_ids = [p.pk for p in programs if p.group_id in mentor_group_ids]
    mentee_program_ids = [p.pk for p in programs if p.group_id not in mentor_group_ids]

    # A mentee counts the activities they took part in (or of the whole pair when nobody was marked).
    activities = ActivityLog.objects.filter(
        Q(program_id__in=mentor_program_ids)
        | Q(program_id__in=mentee_program_ids)
        & (Q(participants__mentee_person=person) | Q(participants__isnull=True))
    )
    kinds = dict(ActivityKind.choices)
    by_kind = [
        {
            "kind": kinds.get(row["kind"], row["kind"]),
            "n": row["n"],
            "hours": round((row["minutes"] or 0) / 60, 1),
        }
        for row in ActivityLog.objects.filter(pk__in=activities.values("pk"))
        .values("kind")
        .annotate(n=Count("pk"), minutes=Sum("minutes"))
        .order_by("-n", "kind")
    ]

    # The four levels: a mentor sees the aggregate of all their programs, a mentee their own scores.
    satisfaction = level1(Program.objects.filter(pk__in=program_ids))
    levels = {
        # Below the threshold not even the number of answers: with one mentee it tells who answered.
        "level1": satisfaction if satisfaction["responses"] >= K_ANONYMITY else None,
        "threshold": K_ANONYMITY,
        "level2_mentor": _change(
            Assessment.objects.filter(program_id__in=mentor_program_ids),
            stage_field="stage",
            score_field="score5",
        ),
        "level2_mentee": _change(
            Assessment.objects.filter(program_id__in=mentee_program_ids, mentee=person),
            stage_field="stage",
            score_field="score5",
        ),
        "level3_mentor": _change(
            ObservationScore.objects.filter(protocol__program_id__in=mentor_program_ids),
            stage_field="protocol__stage",
            score_field="score",
        ),
        "level3_mentee": _change(
            ObservationScore.objects.filter(
                protocol__program_id__in=mentee_program_ids, protocol__mentee=person
            ),
            stage_field="protocol__stage",
            score_field="score",
        ),
    }
    mentees = {m.mentee_person_id: m.mentee_person for g in as_mentor for m in g.members.all()}
    levels["mentees_total"] = len(mentees)
    levels["mentees_retained"] = sum(1 for p in mentees.values() if p.left_on is None)

    awards = list(Award.objects.filter(person=person).order_by("date", "number"))
    routes = list(
        Route.objects.filter(person=person)
        .annotate(
            n_actions=Count("actions", distinct=True),
            n_products=Count("actions", filter=Q(actions__done_on__isnull=False), distinct=True),
        )
        .order_by("start_year")
    )
    return {
        "person": person,
        "roles": _roles_by_year(person),
        "as_mentor": [
            {
                "group": g,
                "mentees": _mentees_shown(g, person),
                "assigned": _order_label(g.assigned_order),
                "ended": _order_label(g.ended_order) if g.ended_order_id else "",
            }
            for g in as_mentor
        ],
        "as_mentee": [
            {
                "group": m.group,
                "mentor": m.mentor_person.short_name,
                "assigned": _order_label(m.group.assigned_order),
                "ended": _order_label(m.group.ended_order) if m.group.ended_order_id else "",
            }
            for m in as_mentee
        ],
        "programs": [
            {
                "program": p,
                "role": "наставник" if p.group_id in mentor_group_ids else "наставляемый",
                "outcome": _outcome(p),
            }
            for p in programs
        ],
        "activities": by_kind,
        "activities_total": sum(r["n"] for r in by_kind),
        "levels": levels,
        "awards": awards,
        "routes": routes,
        "trainings": records_of_person(person=person),
    }


def _outcome(program: Program) -> str:
    done = f"выполнено мероприятий: {program.n_done} из {program.n_events}"
    if program.status == Program.Status.FINISHED:
        ending = getattr(program, "ending", None)
        reason = f" ({ending.get_reason_display()})" if ending else ""
        finished = f" {program.finished_on:%d.%m.%Y}" if program.finished_on else ""
        return f"завершена{finished}{reason}; {done}"
    return f"{program.get_status_display()}; {done}"
