"""The process of the programs: events done and overdue, hours by month, participants."""

from datetime import date

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Length, Trim, TruncMonth

from apps.banks.models import MenteeEntry
from apps.pairs.models import Form, GroupMember, MentoringGroup, MentoringType
from apps.programs.models import ActivityLog, EvidenceFile, RoadmapEvent
from apps.programs.selectors import overdue_q, today

from .batch import _fetch_each, _one

# A done event is "formal" when nothing confirms it: no file and an evidence shorter than this
# («выполнено», «+», «да»); the programs app refuses an empty evidence, so short text is what remains.
FORMAL_EVIDENCE_CHARS = 15


def _formal_events(qs):
    """Done events with no file and no real evidence (seed 002 risk 4: formalism)."""
    return (
        qs.filter(status=RoadmapEvent.Status.DONE)
        .annotate(evidence_len=Length(Trim("evidence")))
        .filter(evidence_len__lt=FORMAL_EVIDENCE_CHARS)
        .filter(~Exists(EvidenceFile.objects.filter(event=OuterRef("pk"))))
    )


def _progress_queries(programs, on: date) -> dict[str, QuerySet]:
    events = RoadmapEvent.objects.filter(program__in=programs)
    return {
        "events": _one(
            events,
            total=Count("pk", filter=~Q(status=RoadmapEvent.Status.CANCELLED)),
            done=Count("pk", filter=Q(status=RoadmapEvent.Status.DONE)),
            planned=Count("pk", filter=Q(status=RoadmapEvent.Status.PLANNED)),
            cancelled=Count("pk", filter=Q(status=RoadmapEvent.Status.CANCELLED)),
            overdue=Count("pk", filter=overdue_q(on)),
        ),
        "formal": _one(_formal_events(events), n=Count("pk")),
        "acts": _one(ActivityLog.objects.filter(program__in=programs), minutes=Sum("minutes"), n=Count("pk")),
    }


def _progress_shape(rows: dict) -> dict:
    agg = dict(rows["events"][0])
    agg["formal"] = rows["formal"][0]["n"]
    acts = rows["acts"][0]
    agg["hours"] = round((acts["minutes"] or 0) / 60, 1)
    agg["activities"] = acts["n"]
    agg["percent"] = round(100 * agg["done"] / agg["total"]) if agg["total"] else 0
    return agg


def progress(programs, on: date | None = None) -> dict:
    """Events planned, done, overdue, cancelled, closed without evidence; hours logged. Three queries."""
    return _progress_shape(_fetch_each(_progress_queries(programs, on or today())))


def _hours_by_month_queries(programs) -> dict[str, QuerySet]:
    return {
        "rows": ActivityLog.objects.filter(program__in=programs)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(minutes=Sum("minutes"))
        .order_by("month")
    }


def _hours_by_month_shape(rows: dict) -> list[tuple[str, float]]:
    def month(value) -> str:
        # A date from the ORM, an ISO string ("2026-09-01T00:00:00+00:00") from _fetch_together.
        value = date.fromisoformat(value[:10]) if isinstance(value, str) else value
        return f"{value:%m.%Y}"

    return [(month(r["month"]), round(r["minutes"] / 60, 1)) for r in rows["rows"]]


def hours_by_month(programs) -> list[tuple[str, float]]:
    return _hours_by_month_shape(_fetch_each(_hours_by_month_queries(programs)))


def _participants_queries(programs) -> dict[str, QuerySet]:
    groups = MentoringGroup.objects.filter(program__in=programs)
    members = GroupMember.objects.filter(group__program__in=programs)
    queries = {
        "by_form": groups.values("form").annotate(n=Count("pk")).order_by(),
        "types": groups.values("types"),
        "by_category": members.values("mentee__category")
        .annotate(n=Count("mentee_person", distinct=True))
        .order_by(),
        "totals": _one(
            members,
            mentees=Count("mentee_person", distinct=True),
            mentors=Count("mentor_person", distinct=True),
        ),
    }
    if isinstance(programs, QuerySet):
        queries["programs"] = _one(programs, n=Count("pk"))
    return queries


def _participants_shape(rows: dict, programs) -> dict:
    by_form = {row["form"]: row["n"] for row in rows["by_form"]}
    types: dict[str, int] = {}
    for row in rows["types"]:
        for t in row["types"]:
            types[t] = types.get(t, 0) + 1
    by_category = {row["mentee__category"]: row["n"] for row in rows["by_category"]}
    totals = rows["totals"][0]
    return {
        "programs": rows["programs"][0]["n"] if "programs" in rows else len(programs),
        "mentors": totals["mentors"],
        "mentees": totals["mentees"],
        "by_form": [(label, by_form.get(value, 0)) for value, label in Form.choices],
        "by_type": [(label, types.get(value, 0)) for value, label in MentoringType.choices],
        "by_category": [(label, by_category.get(value, 0)) for value, label in MenteeEntry.Category.choices],
    }


def participants(programs) -> dict:
    """Numbers for the statistical form: groups by form and type, mentees by category, mentors."""
    return _participants_shape(_fetch_each(_participants_queries(programs)), programs)
