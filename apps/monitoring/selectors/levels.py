"""The four levels of the evaluation (Kirkpatrick) for any set of programs, each in a constant number
of queries: satisfaction, competences, practice (observations), the organisation's results. Level 1
reaches a mentor only from ``K_ANONYMITY`` answers on (see the package's docstring)."""

from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    F,
    Q,
    QuerySet,
)

from apps.banks.models import AREA_SHORT_LABELS, Area, MenteeEntry, MentorEntry
from apps.organizations.models import AcademicYear
from apps.programs.models import Program

from ..models import (
    Answer,
    Assessment,
    Indicator,
    ObservationProtocol,
    ObservationScore,
    OrganizationIndicator,
    Stage,
    Topic,
)
from .batch import _fetch_each, _one, _prefixed, _r, _unprefixed
from .outcomes import outcome_queries, outcome_shape

K_ANONYMITY = 3


def _num(value) -> str:
    """A figure in a Russian report: «87,5», «—» for nothing."""
    return "—" if value is None else f"{value:g}".replace(".", ",")


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
    # selectors.outcomes.outcome_figures of the organisation: level 4 per mentee, activity, adaptation.
    outcomes: dict = field(default_factory=dict)

    def _per_mentee(self, kind: str) -> tuple[str, str] | None:
        """(value, source) of the indicators the mentees' records replace, when such records exist
        (issue 15: the school's level 4 aggregated from its mentees), else None."""
        o = self.outcomes
        n = o.get("results_mentees", 0)
        if not n:
            return None
        source = (
            "вычислено порталом по результатам обучающихся каждого наставляемого "
            f"(наставляемых с записями — {n})"
        )

        def pair(start, end) -> str:
            if end is None:
                return f"{_num(start)} (в начале программы)"
            return _num(end) if start is None else f"{_num(end)} (в начале программы {_num(start)})"

        if kind == Indicator.EXAM_PASS:
            if o["passed_share_start"] is None and o["passed_share_end"] is None:
                return None
            return pair(o["passed_share_start"], o["passed_share_end"]), source
        if kind == Indicator.MARKS_DYNAMICS:
            if o["quality_progress"] is None:
                return None
            value = o["quality_progress"]
            return f"{'+' if value > 0 else ''}{_num(value)}", source
        if kind == Indicator.OLYMPIAD:
            return pair(o["olympiad_start"], o["olympiad_end"] if o["results_mentees_both"] else None), source
        return None

    def outcome_rows(self) -> list[tuple[str, str, str]]:
        """The figures of the second stage of monitoring (seed 003, seed 001 §3.4) for the report."""
        o = self.outcomes
        if not o:
            return []
        computed = "вычислено порталом"

        def share(part: str, whole: str) -> str:
            value = o[f"{part}_share"]
            return "—" if value is None else f"{_num(value)} ({o[part]} из {o[whole]})"

        return [
            (
                "Социально-профессиональная активность наставляемых (конкурсы, методические объединения, "
                "открытые уроки, публикации, конференции), шт.",
                f"{o['mentee_activities']} (регионального и всероссийского уровня "
                f"{o['mentee_activities_high']})",
                f"{computed} по записям об активности",
            ),
            (
                "Доля наставляемых, проявивших активность, %",
                share("mentees_active", "mentees_total"),
                computed,
            ),
            (
                "Собственные результаты наставников (конкурсы, категории, публикации, награды), шт.",
                f"{o['mentor_results']} (наставников с результатами: {o['mentors_with_results']})",
                f"{computed} по записям об активности",
            ),
            (
                "Качество адаптации: уровень в начале программы и по последней оценке (1–5)",
                "—"
                if o["adaptation_assessed"] == 0
                else f"{_num(o['adaptation_start'])} → {_num(o['adaptation_end'])}",
                f"{computed} по оценкам адаптации (наставляемых с оценкой — {o['adaptation_assessed']})",
            ),
            (
                "Темп адаптации, балла в месяц",
                _num(o["adaptation_pace"]),
                computed,
            ),
            (
                "Доля адаптировавшихся наставляемых (уровень 4–5), %",
                share("adapted", "adaptation_assessed"),
                computed,
            ),
            (
                "Доля педагогов, планирующих стать наставниками, %",
                share("planning_mentors", "teachers"),
                f"{computed} по банку наставников и реестру педагогов",
            ),
            (
                "Доля педагогов, планирующих стать наставляемыми, %",
                share("planning_mentees", "teachers"),
                f"{computed} по банку наставляемых и реестру педагогов",
            ),
            (
                "Доля педагогов, вовлечённых в формы наставничества, %",
                share("involved", "teachers"),
                f"{computed} по парам и группам года и реестру педагогов",
            ),
        ]

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
            computed = self._per_mentee(kind)
            if computed is not None:
                rows.append((label, *computed))
                continue
            item = self.entered.get(kind)
            school_wide = kind in (Indicator.EXAM_PASS, Indicator.MARKS_DYNAMICS, Indicator.OLYMPIAD)
            rows.append(
                (
                    label,
                    "не внесено" if item is None else f"{item.value.normalize():f}",
                    "—"
                    if item is None
                    else (
                        f"введено куратором для школы в целом: {item.source}" if school_wide else item.source
                    ),
                )
            )
        return rows + self.outcome_rows()


def _level4_queries(*, organization, year: AcademicYear) -> dict[str, QuerySet]:
    young = Q(category=MenteeEntry.Category.YOUNG)
    return {
        **_prefixed("outcomes", outcome_queries([organization], year)),
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
        outcomes=outcome_shape(_unprefixed("outcomes", rows)),
    )


def level4(*, organization, year: AcademicYear) -> Level4:
    """Computed from staff, banks and the staff survey, plus the indicators the curator entered."""
    queries = _level4_queries(organization=organization, year=year)
    return _level4_shape(_fetch_each(queries), organization=organization, year=year)
