"""Whole pictures: an organisation's report and dashboard in one round trip, the charts' data, the
coordinators' overview."""

from collections import Counter
from datetime import date

from django.db.models import (
    Avg,
    Count,
    F,
    Q,
)

from apps.banks.models import MenteeEntry
from apps.organizations.models import AcademicYear
from apps.programs.models import Program
from apps.programs.selectors import today

from ..models import (
    Answer,
    Assessment,
    ObservationScore,
    Response,
)
from .batch import _fetch_together, _one, _prefixed, _r, _unprefixed
from .levels import (
    _level1_queries,
    _level1_shape,
    _level2_queries,
    _level2_shape,
    _level3_queries,
    _level3_shape,
    _level4_queries,
    _level4_shape,
)
from .process import (
    _hours_by_month_queries,
    _hours_by_month_shape,
    _participants_queries,
    _participants_shape,
    _progress_queries,
    _progress_shape,
)
from .risks import _risk_queries, _risk_shape
from .scope import report_programs
from .trends import _trends_queries, _trends_shape


def organization_summary(
    *, organization, year: AcademicYear, program_ids=None, on: date | None = None, charts: bool = False
) -> dict:
    """Everything the annual report shows (with ``charts``: also the dashboard's trends and hours by
    month), in a constant number of queries: the figures in one round trip (``_fetch_together``),
    then the indicators entered, the overloaded mentors and the running programs (model rows)."""
    on = on or today()
    programs = report_programs(organization=organization, year=year, program_ids=program_ids)
    parts = {
        "level1": _level1_queries(programs),
        "level1_mentors": _level1_queries(programs, role="mentor"),
        "level2": _level2_queries(programs),
        "level3": _level3_queries(programs),
        "level4": _level4_queries(organization=organization, year=year),
        "progress": _progress_queries(programs, on),
        "participants": _participants_queries(programs),
        "risks": _risk_queries(programs),
        "responses": {"n": _one(Response.objects.filter(program__in=programs), n=Count("pk"))},
    }
    if charts:
        parts["trends"] = _trends_queries(organization=organization)
        parts["months"] = _hours_by_month_queries(programs)
    rows = _fetch_together(
        {k: qs for prefix, queries in parts.items() for k, qs in _prefixed(prefix, queries).items()}
    )
    of = {prefix: _unprefixed(prefix, rows) for prefix in parts}
    summary = {
        "organization": organization,
        "year": year,
        "programs_qs": programs,
        "level1": _level1_shape(of["level1"]),
        "level1_mentors": _level1_shape(of["level1_mentors"]),
        "level2": _level2_shape(of["level2"]),
        "level3": _level3_shape(of["level3"]),
        "level4": _level4_shape(of["level4"], organization=organization, year=year),
        "progress": _progress_shape(of["progress"]),
        "participants": _participants_shape(of["participants"], programs),
        "risks": _risk_shape(of["risks"], organization=organization, year=year, programs=programs, on=on),
        "responses_total": of["responses"]["n"][0]["n"],
    }
    if charts:
        summary["trend"] = _trends_shape(of["trends"])
        summary["months"] = _hours_by_month_shape(of["months"])
    return summary


def chart_data(summary: dict, trend: dict, months: list) -> dict:
    """The JSON the dashboard's charts read (json_script + static/js/monitoring.js)."""
    l1, l2, l3, pr = summary["level1"], summary["level2"], summary["level3"], summary["progress"]
    return {
        "satisfaction": {"labels": ["1", "2", "3", "4", "5"], "values": l1["distribution"]},
        "topics": {
            "labels": [t["topic"] for t in l1["by_topic"]],
            "values": [t["average"] for t in l1["by_topic"]],
        },
        "level2": {
            "labels": [a["label"] for a in l2["areas"]],
            "start": [a["start"] for a in l2["areas"]],
            "end": [a["end"] for a in l2["areas"]],
        },
        "level3": {
            "labels": [c["label"] for c in l3["criteria"]],
            "start": [c["start"] for c in l3["criteria"]],
            "end": [c["end"] for c in l3["criteria"]],
        },
        "events": {
            "labels": ["выполнено", "запланировано в срок", "просрочено", "отменено"],
            "values": [pr["done"], pr["planned"] - pr["overdue"], pr["overdue"], pr["cancelled"]],
        },
        "hours": {"labels": [m for m, _ in months], "values": [h for _, h in months]},
        "trends": trend,
    }


def overview_rows(*, organizations, year: AcademicYear) -> list[dict]:
    """For coordinators: each of ``organizations`` (the page of their scope the overview shows, 25 at
    most) with its level figures, no names. Computed in SQL for those organisations only, six
    grouped queries: the cost follows the page, not the size of the territory (issue 18)."""
    orgs = list(organizations)
    ids = [o.pk for o in orgs]
    # The year's programs of the page first: the answers are then looked up by the ids of their
    # programs (an index scan), where a join from the organisations let PostgreSQL read every response
    # of the region (issue 18).
    of_program = dict(
        Program.objects.filter(organization_id__in=ids, group__year=year).values_list("pk", "organization_id")
    )
    programs = Counter(of_program.values())
    sat = {
        r["org"]: (r["avg"], r["n"])
        for r in Answer.objects.filter(
            response__program_id__in=list(of_program),
            response__role="mentee",
            response__template__counts_for_level1=True,
            score5__isnull=False,
        )
        .exclude(question__topic="")
        .values(org=F("response__program__organization_id"))
        .annotate(avg=Avg("score5"), n=Count("response", distinct=True))
        .order_by()
    }
    l2: dict = {}
    for r in (
        Assessment.objects.filter(program__organization_id__in=ids, program__group__year=year)
        .values("stage", "area", org=F("program__organization_id"))
        .annotate(avg=Avg("score5"))
        .order_by()
    ):
        l2.setdefault(r["org"], {}).setdefault(r["area"], {})[r["stage"]] = r["avg"]
    l3: dict = {}
    for r in (
        ObservationScore.objects.filter(
            protocol__program__organization_id__in=ids, protocol__program__group__year=year
        )
        .values("criterion_id", stage=F("protocol__stage"), org=F("protocol__program__organization_id"))
        .annotate(avg=Avg("score"))
        .order_by()
    ):
        l3.setdefault(r["org"], {}).setdefault(r["criterion_id"], {})[r["stage"]] = r["avg"]
    young = {
        r["organization_id"]: (r["kept"], r["total"])
        for r in MenteeEntry.objects.filter(
            organization_id__in=ids, year=year, category=MenteeEntry.Category.YOUNG
        )
        .values("organization_id")
        .annotate(
            total=Count("pk"),
            kept=Count("pk", filter=Q(person__left_on__isnull=True) | Q(person__left_on__gt=year.ends_on)),
        )
        .order_by()
    }

    def change(by_key):
        """The mean of the per-area (per-criterion) changes, as on the dashboard."""
        diffs = [d["end"] - d["start"] for d in (by_key or {}).values() if "start" in d and "end" in d]
        return round(sum(diffs) / len(diffs), 2) if diffs else None

    rows = []
    for o in orgs:
        kept, total = young.get(o.pk, (0, 0))
        avg, n = sat.get(o.pk, (None, 0))
        rows.append(
            {
                "organization": o,
                "programs": programs.get(o.pk, 0),
                "satisfaction": _r(avg, 2),
                "responses": n,
                "level2": change(l2.get(o.pk)),
                "level3": change(l3.get(o.pk)),
                "retention": round(100 * kept / total, 1) if total else None,
            }
        )
    return rows
