"""Reads of monitoring: the four Kirkpatrick levels, progress, participants, risk flags and trends,
each computed in SQL for any set of programs in a constant number of queries.

Anonymity toward the mentor: survey aggregates of a program are shown to its mentor only when at
least ``K_ANONYMITY`` (3) mentees answered, and free-text answers never. With 2 answers a mentor who
learns one mentee's opinion (from a conversation) knows the other's; with a pair (1 mentee) the
"aggregate" is the mentee's own answer. The curator and the director see program figures in full
(they run monitoring), but no response is linked to a person for anybody (see models).
"""

import json
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Length, Trim, TruncMonth
from django.shortcuts import get_object_or_404

from apps.accounts.selectors import organizations_of
from apps.banks.models import AREA_SHORT_LABELS, Area, MenteeEntry, MentorEntry
from apps.banks.selectors import mentor_load_annotation
from apps.core.cache import cached_aggregate
from apps.organizations.models import AcademicYear
from apps.pairs.models import Form, GroupMember, MentoringGroup, MentoringType
from apps.programs.models import ActivityLog, EvidenceFile, Program, RoadmapEvent
from apps.programs.selectors import is_stalled, overdue_q, today, with_progress

from ..models import (
    Answer,
    Assessment,
    Campaign,
    Indicator,
    ObservationProtocol,
    ObservationScore,
    OrganizationIndicator,
    QuestionnaireTemplate,
    Response,
    Stage,
    SurveyAssignment,
    Topic,
)

K_ANONYMITY = 3
LOW_SATISFACTION = 3.0  # of 5 (seed risks: low motivation, low quality of mentoring)
MENTOR_LOAD_CEILING = 3  # more than three mentees overloads a mentor whatever their own limit
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


def _r(value, digits: int = 1):
    return None if value is None else round(float(value), digits)


def _one(qs: QuerySet, **aggregates) -> QuerySet:
    """``qs.aggregate(...)`` as a query not yet run, for ``_fetch_together``. Grouped by a constant, it
    gives no row at all over no rows: the fetch functions then put in the row ``aggregate()`` would give
    (counts 0, the rest None)."""
    query = qs.order_by().values(_one=Value(1)).annotate(**aggregates).values(*aggregates)
    query._empty_row = {name: 0 if isinstance(agg, Count) else None for name, agg in aggregates.items()}
    return query


def _with_empty_row(qs: QuerySet, rows: list[dict]) -> list[dict]:
    empty_row = getattr(qs, "_empty_row", None)
    return [dict(empty_row)] if not rows and empty_row is not None else rows


def _fetch_each(queries: dict[str, QuerySet]) -> dict[str, list[dict]]:
    """Rows of each query, one query each."""
    return {name: _with_empty_row(qs, list(qs)) for name, qs in queries.items()}


def _fetch_together(queries: dict[str, QuerySet]) -> dict[str, list[dict]]:
    """Rows of each query (``values()`` querysets), all in one round trip: each query becomes a JSON
    array of its rows in a single SELECT. Numbers arrive as int/float, dates as ISO strings."""
    parts, params = [], []
    for name, qs in queries.items():
        try:
            sql, query_params = qs.query.sql_with_params()
        except EmptyResultSet:  # a filter such as ``pk__in=[]``: no row, and no SQL to run
            parts.append(f"'[]'::json AS {connection.ops.quote_name(name)}")
            continue
        parts.append(
            f"(SELECT COALESCE(json_agg(t), '[]') FROM ({sql}) t) AS {connection.ops.quote_name(name)}"
        )
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return {
        name: _with_empty_row(qs, json.loads(v) if isinstance(v, str) else v)
        for (name, qs), v in zip(queries.items(), row, strict=True)
    }


def _prefixed(prefix: str, queries: dict[str, QuerySet]) -> dict[str, QuerySet]:
    return {f"{prefix}__{name}": qs for name, qs in queries.items()}


def _unprefixed(prefix: str, rows: dict[str, list]) -> dict[str, list]:
    return {name.removeprefix(f"{prefix}__"): v for name, v in rows.items() if name.startswith(f"{prefix}__")}


# Scope --------------------------------------------------------------------------------------------


def years() -> list[AcademicYear]:
    return list(AcademicYear.objects.order_by("-start_year"))


def report_programs(*, organization, year: AcademicYear | None = None, program_ids=None) -> QuerySet[Program]:
    """The programs a report or a dashboard covers: the organisation's, of a year, maybe a subset."""
    qs = Program.objects.filter(organization=organization)
    if year is not None:
        qs = qs.filter(group__year=year)
    if program_ids:
        qs = qs.filter(pk__in=program_ids)
    return qs


def program_for(*, user, pk: int) -> Program:
    """A program of the user's scope (else 404), with what the program-level predicates read."""
    from apps.programs.selectors import programs_in_scope

    return get_object_or_404(
        with_progress(
            programs_in_scope(user).select_related("group__mentor__person", "organization", "group__year")
        ).prefetch_related("group__members__mentee_person"),
        pk=pk,
    )


def templates_for(*, organization) -> QuerySet[QuestionnaireTemplate]:
    """Current versions: the ready ones and the organisation's own."""
    return (
        QuestionnaireTemplate.objects.filter(Q(organization=organization) | Q(organization__isnull=True))
        .filter(is_current=True)
        .annotate(n_questions=Count("questions", distinct=True))
        .order_by("organization_id", "title")
    )


def template_for(*, user, pk: int) -> QuestionnaireTemplate:
    return get_object_or_404(
        QuestionnaireTemplate.objects.filter(
            Q(organization__in=organizations_of(user)) | Q(organization__isnull=True)
        ).select_related("organization"),
        pk=pk,
    )


def template_content(template: QuestionnaireTemplate) -> list[dict]:
    """Sections with their questions (questions without a section first), two queries."""
    sections = list(template.sections.all())
    questions = list(template.questions.all())
    blocks = [{"section": None, "questions": [q for q in questions if q.section_id is None]}]
    for s in sections:
        blocks.append({"section": s, "questions": [q for q in questions if q.section_id == s.pk]})
    return [b for b in blocks if b["questions"] or b["section"]]


def campaigns_for(*, organization) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(organization=organization)
        .select_related("template")
        .annotate(
            n_assigned=Count("assignments", distinct=True),
            n_answered=Count("assignments", filter=Q(assignments__answered_at__isnull=False), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def campaign_for(*, user, pk: int) -> Campaign:
    return get_object_or_404(
        Campaign.objects.filter(organization__in=organizations_of(user)).select_related(
            "template", "organization"
        ),
        pk=pk,
    )


def campaign_assignments(campaign: Campaign) -> QuerySet[SurveyAssignment]:
    """Who has answered (names: for the curator's page only)."""
    return campaign.assignments.select_related("person", "program").order_by(
        "program__title", "role", "person__last_name", "person__first_name"
    )


def my_assignments(*, user, on: date | None = None) -> list[SurveyAssignment]:
    """Surveys the user must fill now (open, not answered), soonest due first."""
    on = on or today()
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        SurveyAssignment.objects.filter(
            person__user=user,
            answered_at__isnull=True,
            campaign__status=Campaign.Status.RUNNING,
            opens_on__lte=on,
            due_on__gte=on,
        )
        .select_related("campaign", "program")
        .order_by("due_on", "pk")[:10]
    )


def assignment_for(*, user, token: str) -> SurveyAssignment:
    """Only the addressee reaches a survey; for anybody else it does not exist."""
    return get_object_or_404(
        SurveyAssignment.objects.select_related("campaign__template", "program", "person"),
        token=token,
        person__user=user,
    )


# Level 1 ------------------------------------------------------------------------------------------


def _level1_answers(programs, role: str = "mentee"):
    return Answer.objects.filter(
        response__program__in=programs,
        response__role=role,
        response__template__counts_for_level1=True,
        score5__isnull=False,
    ).exclude(question__topic="")


_SCORE_BOUNDS = [(1, 1.5), (1.5, 2.5), (2.5, 3.5), (3.5, 4.5), (4.5, 5.01)]


def _level1_queries(programs, role: str = "mentee") -> dict[str, QuerySet]:
    answers = _level1_answers(programs, role)
    return {
        "agg": _one(
            answers,
            average=Avg("score5"),
            responses=Count("response", distinct=True),
            **{
                f"d{i}": Count("pk", filter=Q(score5__gte=lo, score5__lt=hi))
                for i, (lo, hi) in enumerate(_SCORE_BOUNDS, 1)
            },
        ),
        "topics": answers.values("question__topic").annotate(avg=Avg("score5")).order_by("question__topic"),
    }


def _level1_shape(rows: dict) -> dict:
    agg = rows["agg"][0]
    labels = dict(Topic.choices)
    by_topic = [
        {"topic": labels.get(row["question__topic"], row["question__topic"]), "average": _r(row["avg"], 2)}
        for row in rows["topics"]
    ]
    return {
        "average": _r(agg["average"], 2),
        "responses": agg["responses"],
        "distribution": [agg[f"d{i}"] for i in range(1, 6)],
        "by_topic": by_topic,
    }


def level1(programs, *, role: str = "mentee") -> dict:
    """Satisfaction on the five-point scale: average, number of responses, distribution of the
    scores (rounded), average per topic. Two queries."""
    return _level1_shape(_fetch_each(_level1_queries(programs, role)))


def level1_for_mentor(program: Program) -> dict:
    """What the mentor may see of the mentees' answers: aggregates once K answers exist, else nothing —
    not even how many answered: with one mentee, «1» becoming «2» tells who has just answered."""
    data = level1(Program.objects.filter(pk=program.pk))
    if data["responses"] < K_ANONYMITY:
        return {"hidden": True, "threshold": K_ANONYMITY}
    return {**data, "hidden": False, "threshold": K_ANONYMITY}


def free_text_answers(programs, limit: int = 50) -> list[str]:
    """Suggestions and reasons in the mentees' words, for the curator's report (no names)."""
    return list(
        Answer.objects.filter(response__program__in=programs, response__role="mentee")
        .exclude(text="")
        .order_by("question__position", "pk")
        .values_list("text", flat=True)[:limit]
    )


# Level 2 ------------------------------------------------------------------------------------------


def _change_rows(rows, key: str, label_of) -> list[dict]:
    table: dict = {}
    for row in rows:
        entry = table.setdefault(
            row[key], {"key": row[key], "label": label_of(row), "start": None, "end": None, "n": 0}
        )
        entry[row["stage"]] = _r(row["avg"], 2)
        entry["n"] += row["n"]
    result = []
    for entry in table.values():
        start, end = entry["start"], entry["end"]
        entry["change"] = round(end - start, 2) if start is not None and end is not None else None
        result.append(entry)
    return result


def _level2_queries(programs) -> dict[str, QuerySet]:
    return {
        "rows": Assessment.objects.filter(program__in=programs)
        .values("area", "stage")
        .annotate(avg=Avg("score5"), n=Count("pk"))
        .order_by("area")
    }


def _level2_shape(rows: dict) -> dict:
    order = {a: i for i, a in enumerate(Area.values)}
    areas = _change_rows(rows["rows"], "area", lambda r: AREA_SHORT_LABELS.get(r["area"], r["area"]))
    areas.sort(key=lambda e: order.get(e["key"], 99))
    changes = [a["change"] for a in areas if a["change"] is not None]
    return {"areas": areas, "average_change": round(sum(changes) / len(changes), 2) if changes else None}


def level2(programs) -> dict:
    """Pre/post scores per difficulty area (all raters together, five-point scale), with the change."""
    return _level2_shape(_fetch_each(_level2_queries(programs)))


def level2_detail(program: Program) -> list[dict]:
    """One program: per mentee, area and rater, the start and end scores (the assessment table)."""
    rows = (
        Assessment.objects.filter(program=program)
        .select_related("mentee")
        .order_by("mentee__last_name", "area", "rater", "stage")
    )
    table: dict = {}
    for a in rows:
        key = (a.mentee_id, a.area, a.rater)
        entry = table.setdefault(
            key,
            {
                "mentee": a.mentee,
                "area": AREA_SHORT_LABELS.get(a.area, a.area),
                "rater": a.get_rater_display(),
                "start": None,
                "end": None,
            },
        )
        entry[a.stage] = round(a.score5, 2)
    for entry in table.values():
        s, e = entry["start"], entry["end"]
        entry["change"] = round(e - s, 2) if s is not None and e is not None else None
    return list(table.values())


# Level 3 ------------------------------------------------------------------------------------------


def _level3_queries(programs) -> dict[str, QuerySet]:
    return {
        "rows": ObservationScore.objects.filter(protocol__program__in=programs)
        .values("criterion_id", "criterion__title", "criterion__position", stage=F("protocol__stage"))
        .annotate(avg=Avg("score"), n=Count("pk"))
        .order_by("criterion__position", "criterion_id"),
        "protocols": _one(
            ObservationProtocol.objects.filter(program__in=programs),
            total=Count("pk"),
            start=Count("pk", filter=Q(stage=Stage.START)),
            end=Count("pk", filter=Q(stage=Stage.END)),
        ),
    }


def _level3_shape(rows: dict) -> dict:
    criteria = _change_rows(rows["rows"], "criterion_id", lambda r: r["criterion__title"])
    changes = [c["change"] for c in criteria if c["change"] is not None]
    return {
        "criteria": criteria,
        "protocols": rows["protocols"][0],
        "average_change": round(sum(changes) / len(changes), 2) if changes else None,
    }


def level3(programs) -> dict:
    return _level3_shape(_fetch_each(_level3_queries(programs)))


def protocols_of(program: Program) -> QuerySet[ObservationProtocol]:
    return program.observations.select_related("mentee", "observer").prefetch_related("scores__criterion")


# Level 4 ------------------------------------------------------------------------------------------


@dataclass
class Level4:
    year: AcademicYear
    young_total: int = 0
    young_retained: int = 0
    planning_mentors: int = 0
    planning_mentees: int = 0
    planning_mentors_survey: int = 0
    entered: dict = field(default_factory=dict)  # kind → OrganizationIndicator

    @property
    def retention(self) -> float | None:
        return round(100 * self.young_retained / self.young_total, 1) if self.young_total else None

    def rows(self) -> list[tuple[str, str, str]]:
        """(indicator, value, source) for the report."""
        rows = [
            (
                "Закрепление молодых педагогов (молодые специалисты-наставляемые, продолжающие работу), %",
                "—"
                if self.retention is None
                else f"{self.retention:g} ({self.young_retained} из {self.young_total})",
                "вычислено порталом по реестру педагогов и банку наставляемых",
            ),
            (
                "Педагоги, планирующие стать наставниками (анкета «Готов стать наставником»), чел.",
                str(self.planning_mentors),
                "вычислено порталом по банку наставников",
            ),
            (
                "Педагоги, ответившие «да» на вопрос о готовности стать наставником (анкета потенциального "
                "наставника), чел.",
                str(self.planning_mentors_survey),
                "вычислено порталом по анкетированию педагогов",
            ),
            (
                "Педагоги, планирующие стать наставляемыми (анкета «Хочу наставника»), чел.",
                str(self.planning_mentees),
                "вычислено порталом по банку наставляемых",
            ),
        ]
        for kind, label in Indicator.choices:
            item = self.entered.get(kind)
            rows.append(
                (
                    label,
                    "не внесено" if item is None else f"{item.value.normalize():f}",
                    item.source if item else "—",
                )
            )
        return rows


def _level4_queries(*, organization, year: AcademicYear) -> dict[str, QuerySet]:
    young = Q(category=MenteeEntry.Category.YOUNG)
    return {
        "mentees": _one(
            MenteeEntry.objects.filter(organization=organization, year=year),
            total=Count("pk", filter=young),
            kept=Count(
                "pk", filter=young & (Q(person__left_on__isnull=True) | Q(person__left_on__gt=year.ends_on))
            ),
            planning=Count("pk", filter=Q(source=MenteeEntry.Source.SELF)),
        ),
        "mentors": _one(
            MentorEntry.objects.filter(organization=organization, year=year, source=MentorEntry.Source.SELF),
            n=Count("pk"),
        ),
        "survey": _one(
            Answer.objects.filter(
                response__campaign__organization=organization,
                response__submitted_on__range=(year.starts_on, year.ends_on),
                question__topic=Topic.PLAN_MENTOR,
                options__contains=["да"],
            ),
            n=Count("response", distinct=True),
        ),
    }


def _level4_shape(rows: dict, *, organization, year: AcademicYear) -> Level4:
    mentees = rows["mentees"][0]
    entered = {i.kind: i for i in OrganizationIndicator.objects.filter(organization=organization, year=year)}
    return Level4(
        year=year,
        young_total=mentees["total"],
        young_retained=mentees["kept"],
        planning_mentors=rows["mentors"][0]["n"],
        planning_mentees=mentees["planning"],
        planning_mentors_survey=rows["survey"][0]["n"],
        entered=entered,
    )


def level4(*, organization, year: AcademicYear) -> Level4:
    """Computed from staff, banks and the staff survey, plus the indicators the curator entered."""
    queries = _level4_queries(organization=organization, year=year)
    return _level4_shape(_fetch_each(queries), organization=organization, year=year)


# Process ------------------------------------------------------------------------------------------


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


# Risks --------------------------------------------------------------------------------------------


@dataclass
class Risk:
    kind: str
    title: str
    items: list[str]
    hint: str


def _risk_queries(programs) -> dict[str, QuerySet]:
    return {
        "low": _level1_answers(programs)
        .values("response__program__title")
        .annotate(avg=Avg("score5"))
        .filter(avg__lt=LOW_SATISFACTION)
        .order_by("response__program__title"),
        "formal": _formal_events(RoadmapEvent.objects.filter(program__in=programs))
        .values("program__title")
        .annotate(n=Count("pk"))
        .order_by("program__title"),
    }


def _risk_shape(rows: dict, *, organization, year: AcademicYear | None, programs, on: date) -> list[Risk]:
    risks = []

    mentors = MentorEntry.objects.filter(organization=organization)
    if year is not None:
        mentors = mentors.filter(year=year)
    overloaded = (
        mentors.annotate(load=mentor_load_annotation())
        .filter(Q(load__gt=F("max_mentees")) | Q(load__gt=MENTOR_LOAD_CEILING))
        .select_related("person")
        .order_by("person__last_name")
    )
    risks.append(
        Risk(
            "overload",
            "Перегрузка наставников",
            [f"{m.person.short_name}: {m.load} наставляемых при пределе {m.max_mentees}" for m in overloaded],
            f"Наставляемых больше личного предела или больше {MENTOR_LOAD_CEILING}.",
        )
    )

    running = list(
        with_progress(
            programs.exclude(status=Program.Status.FINISHED).select_related("group__mentor__person"), on
        ).order_by("title")
    )
    risks.append(
        Risk(
            "stalled",
            "Программы без активности",
            [
                f"{p.title} ({p.group.mentor.person.short_name})"
                for p in running
                if is_stalled(p, p.last_activity, on)
            ],
            "Нет записей в журнале 30 дней и больше.",
        )
    )
    risks.append(
        Risk(
            "overdue",
            "Просроченные мероприятия",
            [f"{p.title}: {p.events_overdue}" for p in running if p.events_overdue],
            "Мероприятия дорожной карты не выполнены в срок.",
        )
    )
    risks.append(
        Risk(
            "low_satisfaction",
            "Низкая удовлетворённость",
            [f"{r['response__program__title']}: {r['avg']:.1f} из 5" for r in rows["low"]],
            f"Средний балл наставляемых ниже {LOW_SATISFACTION:g} из 5.",
        )
    )
    risks.append(
        Risk(
            "formalism",
            "Формализм",
            [f"{r['program__title']}: {r['n']}" for r in rows["formal"]],
            "Мероприятия отмечены выполненными без подтверждения: нет файла, а описание — пара слов.",
        )
    )
    return risks


def risk_flags(
    *, organization, year: AcademicYear | None, programs=None, on: date | None = None
) -> list[Risk]:
    """The seeds' risks as flags (seeds 002 §VI, 003): overload, no activity, low satisfaction,
    overdue events, formalism. Four queries whatever the size."""
    on = on or today()
    programs = programs if programs is not None else report_programs(organization=organization, year=year)
    rows = _fetch_each(_risk_queries(programs))
    return _risk_shape(rows, organization=organization, year=year, programs=programs, on=on)


# Trends -------------------------------------------------------------------------------------------


def _trends_queries(*, organization) -> dict[str, QuerySet]:
    return {
        "sat": _level1_answers(Program.objects.filter(organization=organization))
        .values(y=F("response__program__group__year__start_year"))
        .annotate(avg=Avg("score5"))
        .order_by(),
        "people": GroupMember.objects.filter(group__organization=organization)
        .values(y=F("group__year__start_year"))
        .annotate(n=Count("mentee_person", distinct=True))
        .order_by(),
        "young": MenteeEntry.objects.filter(organization=organization, category=MenteeEntry.Category.YOUNG)
        .values(y=F("year__start_year"))
        .annotate(
            total=Count("pk"),
            kept=Count("pk", filter=Q(person__left_on__isnull=True)),
        )
        .order_by(),
        "entered": OrganizationIndicator.objects.filter(organization=organization).values(
            "kind", "value", y=F("year__start_year")
        ),
    }


def _trends_shape(rows: dict) -> dict:
    sat = {r["y"]: _r(r["avg"], 2) for r in rows["sat"]}
    people = {r["y"]: r["n"] for r in rows["people"]}
    young = {r["y"]: (round(100 * r["kept"] / r["total"], 1) if r["total"] else None) for r in rows["young"]}
    entered: dict = {}
    for r in rows["entered"]:
        entered.setdefault(r["kind"], {})[r["y"]] = float(r["value"])
    all_years = sorted(set(sat) | set(people) | set(young) | {y for v in entered.values() for y in v})
    labels = [f"{y}/{y + 1}" for y in all_years]
    return {
        "labels": labels,
        "satisfaction": [sat.get(y) for y in all_years],
        "mentees": [people.get(y, 0) for y in all_years],
        "retention": [young.get(y) for y in all_years],
        "exam_pass": [entered.get(Indicator.EXAM_PASS, {}).get(y) for y in all_years],
        "complaints": [entered.get(Indicator.COMPLAINTS, {}).get(y) for y in all_years],
    }


def trends(*, organization) -> dict:
    """Per academic year: satisfaction, participants, retention and the entered indicators. Four queries."""
    return _trends_shape(_fetch_each(_trends_queries(organization=organization)))


# Whole pictures -----------------------------------------------------------------------------------


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


def overview_rows(*, user, year: AcademicYear) -> list[dict]:
    """For coordinators: each organisation of their scope with its level figures, no names; kept a
    few minutes (apps/core/cache.py): they read every answer of the territory."""
    return cached_aggregate(
        "monitoring_overview",
        (organizations_of(user).order_by().values("pk"), year.pk),
        lambda: _overview_rows(user=user, year=year),
    )


def _overview_rows(*, user, year: AcademicYear) -> list[dict]:
    orgs = list(organizations_of(user).order_by("municipality__name", "short_name"))
    ids = [o.pk for o in orgs]
    sat = {
        r["org"]: (r["avg"], r["n"])
        for r in Answer.objects.filter(
            response__program__organization_id__in=ids,
            response__program__group__year=year,
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
    programs = {
        r["organization_id"]: r["n"]
        for r in Program.objects.filter(organization_id__in=ids, group__year=year)
        .values("organization_id")
        .annotate(n=Count("pk"))
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


def mentor_programs(*, user) -> list[Program]:
    """The programs the user mentors, for the links to their four-level cards (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Program.objects.filter(group__mentor__person__user=user).only("pk", "title").order_by("-start")[:5]
    )
