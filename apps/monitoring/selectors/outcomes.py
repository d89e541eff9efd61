"""Level 4 per mentee and the figures of the second monitoring stage (issue 15; seed 003 part IV,
seed 002 §VI, seed 001 §3.4): the outcomes of the mentees' pupils at the start and the end of the
programs, the mentees' social and professional activity, the mentors' own results, the quality and
pace of adaptation, the teachers planning to become mentors or mentees and the teachers involved in
mentoring — for a school, a municipality or a region, all in one round trip (``_fetch_together``).

``outcome_figures(organizations, year)`` is the one entry point other reports read (the statistical
form, the annual report): a flat dict whose keys ``OUTCOME_TITLES`` names in Russian."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Avg, Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.rules import is_admin
from apps.accounts.selectors import organizations_of
from apps.banks.models import MenteeEntry, MentorEntry
from apps.core.cache import cached_aggregate
from apps.core.queries import in_ids
from apps.organizations.models import AcademicYear, Municipality, Organization
from apps.pairs.models import GroupMember, MentoringGroup
from apps.programs.models import Program
from apps.staff.models import Person

from ..models import AdaptationAssessment, ProfessionalActivity, PupilResults, Stage, TerritoryFigures
from .batch import _fetch_together

# Russian titles of the keys of ``outcome_figures`` (units in the title, as in the statistical form).
OUTCOME_TITLES: dict[str, str] = {
    "results_mentees": "Наставляемые, по обучающимся которых внесены результаты, чел.",
    "results_mentees_both": "Из них с результатами в начале и в конце программы, чел.",
    "passed_share_start": "Обучающиеся наставляемых, успешно прошедшие ВПР, ОГЭ, ЕГЭ, в начале программы, %",
    "passed_share_end": "Обучающиеся наставляемых, успешно прошедшие ВПР, ОГЭ, ЕГЭ, в конце программы, %",
    "passed_share_change": "Изменение доли успешно прошедших ВПР, ОГЭ, ЕГЭ, п. п.",
    "quality_start": "Качество знаний обучающихся наставляемых в начале программы, %",
    "quality_end": "Качество знаний обучающихся наставляемых в конце программы, %",
    "quality_progress": "Динамика успеваемости (изменение качества знаний), п. п.",
    "olympiad_start": "Обучающиеся наставляемых — участники олимпиад в начале программы, чел.",
    "olympiad_end": "Обучающиеся наставляемых — участники олимпиад в конце программы, чел.",
    "mentees_total": "Наставляемые в программах года, чел.",
    "mentors_total": "Наставники в программах года, чел.",
    "mentee_activities": "Социально-профессиональная активность наставляемых: конкурсы, выступления, "
    "открытые уроки, публикации, конференции, шт.",
    "mentee_activities_high": "Из них регионального и всероссийского уровня, шт.",
    "mentees_active": "Наставляемые, проявившие социально-профессиональную активность, чел.",
    "mentees_active_share": "Доля активных наставляемых, %",
    "mentor_results": "Собственные результаты наставников: конкурсы, категории, публикации, награды, шт.",
    "mentor_results_high": "Из них регионального и всероссийского уровня, шт.",
    "mentors_with_results": "Наставники с собственными результатами за год, чел.",
    "adaptation_assessed": "Наставляемые с оценкой адаптации, чел.",
    "adaptation_start": "Уровень адаптации в начале программы (1–5), балл",
    "adaptation_end": "Уровень адаптации по последней оценке (1–5), балл",
    "adaptation_change": "Изменение уровня адаптации, балл",
    "adaptation_pace": "Темп адаптации, балла в месяц",
    "adapted": "Наставляемые, достигшие достаточного или высокого уровня адаптации, чел.",
    "adapted_share": "Доля адаптировавшихся наставляемых, %",
    "teachers": "Педагогические работники в реестре, чел.",
    "planning_mentors": "Педагоги, планирующие стать наставниками, чел.",
    "planning_mentors_share": "Доля педагогов, планирующих стать наставниками, %",
    "planning_mentees": "Педагоги, планирующие стать наставляемыми, чел.",
    "planning_mentees_share": "Доля педагогов, планирующих стать наставляемыми, %",
    "involved": "Педагоги, вовлечённые в формы наставничества (наставники и наставляемые), чел.",
    "involved_share": "Доля педагогов, вовлечённых в формы наставничества, %",
}

# The path from each model to the organisation, and from the organisation to the level's key.
_LEVEL_PATHS = {
    "organization": "organization_id",
    "municipality": "organization__municipality_id",
    "region": "organization__municipality__region_id",
}
_HIGH = [ProfessionalActivity.Level.REGIONAL, ProfessionalActivity.Level.FEDERAL]
# Groups fixed by the director's order (the pairs that actually worked in the year).
_WORKING = [MentoringGroup.Status.ACTIVE, MentoringGroup.Status.ENDED]
_MONTH_DAYS = 30.44


def _key(prefix: str, level: str | None):
    return Value(0) if level is None else F(prefix + _LEVEL_PATHS[level])


def _teachers(organizations, year: AcademicYear) -> QuerySet[Person]:
    """The registry's pedagogical workers of the organisations who worked in the year (external
    mentors from partner organisations are not the school's teachers)."""
    return Person.objects.filter(organization__in=organizations, is_external=False).filter(
        Q(hire_date__isnull=True) | Q(hire_date__lte=year.ends_on),
        Q(left_on__isnull=True) | Q(left_on__gte=year.starts_on),
    )


def _queries(organizations, year: AcademicYear, level: str | None) -> dict[str, QuerySet]:
    programs = {"program__organization__in": organizations, "program__group__year": year}
    start, end = Q(point=Stage.START), Q(point=Stage.END)
    A = AdaptationAssessment.Point
    # The members of the organisations' groups looked up by the groups' ids (an index scan): as a join,
    # PostgreSQL read every member of the region (72,000 rows twice at ten times the region for the 25
    # organisations of an overview page, issue 18).
    groups = MentoringGroup.objects.filter(organization__in=organizations, year=year, status__in=_WORKING)
    members = GroupMember.objects.filter(in_ids("group_id", groups.values("pk")))
    teachers = _teachers(organizations, year)
    return {
        "results": PupilResults.objects.filter(**programs)
        .values("program_id", "mentee_id", k=_key("program__", level))
        .annotate(
            ps=Max("passed_share", filter=start),
            pe=Max("passed_share", filter=end),
            qs=Max("quality_share", filter=start),
            qe=Max("quality_share", filter=end),
            os=Max("olympiad_participants", filter=start),
            oe=Max("olympiad_participants", filter=end),
        )
        .order_by(),
        "adaptation": AdaptationAssessment.objects.filter(**programs)
        .values("program_id", "mentee_id", k=_key("program__", level))
        .annotate(
            s=Avg("level", filter=Q(point=A.START)),
            m=Avg("level", filter=Q(point=A.MIDDLE)),
            e=Avg("level", filter=Q(point=A.END)),
            s_on=Min("assessed_on", filter=Q(point=A.START)),
            m_on=Max("assessed_on", filter=Q(point=A.MIDDLE)),
            e_on=Max("assessed_on", filter=Q(point=A.END)),
        )
        .order_by(),
        "activity": ProfessionalActivity.objects.filter(
            program__organization__in=organizations, happened_on__range=(year.starts_on, year.ends_on)
        )
        .values("whose", k=_key("program__", level))
        .annotate(
            n=Count("pk"), people=Count("person", distinct=True), high=Count("pk", filter=Q(level__in=_HIGH))
        )
        .order_by(),
        "members": members.values(k=_key("group__", level))
        .annotate(
            mentees=Count("mentee_person", distinct=True), mentors=Count("mentor_person", distinct=True)
        )
        .order_by(),
        "teachers": teachers.values(k=_key("", level)).annotate(n=Count("pk")).order_by(),
        "involved": teachers.filter(
            Q(pk__in=members.values("mentee_person")) | Q(pk__in=members.values("mentor_person"))
        )
        .values(k=_key("", level))
        .annotate(n=Count("pk"))
        .order_by(),
        "planning_mentors": MentorEntry.objects.filter(
            organization__in=organizations, year=year, source=MentorEntry.Source.SELF
        )
        .values(k=_key("", level))
        .annotate(n=Count("person", distinct=True))
        .order_by(),
        "planning_mentees": MenteeEntry.objects.filter(
            organization__in=organizations, year=year, source=MenteeEntry.Source.SELF
        )
        .values(k=_key("", level))
        .annotate(n=Count("person", distinct=True))
        .order_by(),
    }


def _mean(values) -> float | None:
    values = [float(v) for v in values if v is not None]
    return round(sum(values) / len(values), 1) if values else None


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def adaptation_of(row: dict) -> dict:
    """One mentee's adaptation: the level at the start, the last level (end, else middle), the
    change, the pace per month between the two assessments and whether she has adapted."""
    first = row.get("s")
    last, last_on = (
        (row.get("e"), row.get("e_on")) if row.get("e") is not None else (row.get("m"), row.get("m_on"))
    )
    change = pace = None
    if first is not None and last is not None:
        change = round(float(last) - float(first), 1)
        months = (_day(last_on) - _day(row["s_on"])).days / _MONTH_DAYS if last_on and row.get("s_on") else 0
        pace = round(change / months, 2) if months >= 0.5 else None
    latest = last if last is not None else first
    return {
        "start": None if first is None else round(float(first), 1),
        "last": None if last is None else round(float(last), 1),
        "change": change,
        "pace": pace,
        "adapted": latest is not None and float(latest) >= AdaptationAssessment.ADAPTED_FROM,
    }


def _figures(rows: dict[str, list[dict]]) -> dict:
    """The flat figures of one aggregate (a school, a municipality, a region)."""
    results = rows.get("results", [])
    both = [
        r
        for r in results
        if (r["ps"] is not None or r["qs"] is not None) and (r["pe"] is not None or r["qe"] is not None)
    ]
    adaptation = [adaptation_of(r) for r in rows.get("adaptation", [])]
    activity = {r["whose"]: r for r in rows.get("activity", [])}
    mentee_act = activity.get(ProfessionalActivity.Whose.MENTEE, {})
    mentor_act = activity.get(ProfessionalActivity.Whose.MENTOR, {})

    def n(name: str, field: str = "n") -> int:
        found = rows.get(name) or [{}]
        return found[0].get(field) or 0

    mentees, teachers = n("members", "mentees"), n("teachers")
    adapted = sum(1 for a in adaptation if a["adapted"])
    paces = [a["pace"] for a in adaptation if a["pace"] is not None]
    return {
        "results_mentees": len(results),
        "results_mentees_both": len(both),
        "passed_share_start": _mean(r["ps"] for r in results),
        "passed_share_end": _mean(r["pe"] for r in results),
        "passed_share_change": _mean(
            float(r["pe"]) - float(r["ps"]) for r in results if r["ps"] is not None and r["pe"] is not None
        ),
        "quality_start": _mean(r["qs"] for r in results),
        "quality_end": _mean(r["qe"] for r in results),
        "quality_progress": _mean(
            float(r["qe"]) - float(r["qs"]) for r in results if r["qs"] is not None and r["qe"] is not None
        ),
        "olympiad_start": sum(r["os"] or 0 for r in results),
        "olympiad_end": sum(r["oe"] or 0 for r in results),
        "mentees_total": mentees,
        "mentors_total": n("members", "mentors"),
        "mentee_activities": mentee_act.get("n", 0),
        "mentee_activities_high": mentee_act.get("high", 0),
        "mentees_active": mentee_act.get("people", 0),
        "mentees_active_share": _share(mentee_act.get("people", 0), mentees),
        "mentor_results": mentor_act.get("n", 0),
        "mentor_results_high": mentor_act.get("high", 0),
        "mentors_with_results": mentor_act.get("people", 0),
        "adaptation_assessed": len(adaptation),
        "adaptation_start": _mean(a["start"] for a in adaptation),
        "adaptation_end": _mean(a["last"] for a in adaptation),
        "adaptation_change": _mean(a["change"] for a in adaptation),
        "adaptation_pace": round(sum(paces) / len(paces), 2) if paces else None,
        "adapted": adapted,
        "adapted_share": _share(adapted, len(adaptation)),
        "teachers": teachers,
        "planning_mentors": n("planning_mentors"),
        "planning_mentors_share": _share(n("planning_mentors"), teachers),
        "planning_mentees": n("planning_mentees"),
        "planning_mentees_share": _share(n("planning_mentees"), teachers),
        "involved": n("involved"),
        "involved_share": _share(n("involved"), teachers),
    }


def outcome_queries(organizations, year: AcademicYear) -> dict[str, QuerySet]:
    """The unrun queries of ``outcome_figures``, for a caller that fetches them with its own batch."""
    return _queries(organizations, year, None)


def outcome_shape(rows: dict[str, list[dict]]) -> dict:
    return _figures(rows)


def outcome_figures(organizations, year: AcademicYear) -> dict:
    """The figures of all the ``organizations`` together (a queryset or a list) for the academic
    ``year``, in one round trip. Keys and their meaning (titles with units in ``OUTCOME_TITLES``;
    a share or an average is None when there is nothing to divide by):

    - results_mentees, results_mentees_both: mentees with pupils' results (any point; both points);
    - passed_share_start / _end / _change: the mean over mentees of the share of their pupils who
      passed ВПР, ОГЭ, ЕГЭ, % (the change over mentees with both points, percentage points);
    - quality_start / _end / quality_progress: the same for the quality of knowledge («4» and «5»);
    - olympiad_start / _end: pupils taking part in olympiads, summed over mentees;
    - mentees_total, mentors_total: people in the pairs and groups of the year fixed by an order;
    - mentee_activities, mentee_activities_high, mentees_active, mentees_active_share: the mentees'
      social and professional activity in the year (all; regional and all-Russian; people; share);
    - mentor_results, mentor_results_high, mentors_with_results: the mentors' own results in the year;
    - adaptation_assessed, adaptation_start, adaptation_end, adaptation_change, adaptation_pace,
      adapted, adapted_share: the adaptation on the 1–5 scale (end, else middle, as the last level;
      the pace in points per month between the first and the last assessment; adapted from 4);
    - teachers: pedagogical workers of the registry who worked in the year;
    - planning_mentors, planning_mentees (+ _share of teachers): questionnaires «Готов стать
      наставником» and «Хочу наставника» of the year's banks;
    - involved, involved_share: teachers of the registry in the year's pairs and groups as a mentor
      or a mentee (the curator's «оценка вовлеченности педагогов», seed 001 §3.4).
    """
    return _figures(_fetch_together(_queries(organizations, year, None)))


def outcome_figures_by(organizations, year: AcademicYear, level: str) -> dict[int, dict]:
    """``outcome_figures`` of each organisation, municipality or region (``level``) of the
    ``organizations``, keyed by its id, in one round trip."""
    rows = _fetch_together(_queries(organizations, year, level))
    # One pass over the rows (not one per key: 5,000 organisations × their rows at ten times the region).
    by_key: dict = {}
    for name, part in rows.items():
        for r in part:
            by_key.setdefault(r["k"], {name: [] for name in rows})[name].append(r)
    return {k: _figures(parts) for k, parts in by_key.items()}


def program_outcomes(program: Program) -> tuple[list[dict], list[ProfessionalActivity]]:
    """The program card: per mentee, the pupils' results at both points, the adaptation assessments
    and the activity records; and the mentor's own results (three queries)."""
    mentees = [m.mentee_person for m in program.group.members.all()]
    results: dict = {}
    for r in PupilResults.objects.filter(program=program):
        results.setdefault(r.mentee_id, {})[r.point] = r
    adaptation: dict = {}
    for a in AdaptationAssessment.objects.filter(program=program).order_by("assessed_on", "pk"):
        adaptation.setdefault(a.mentee_id, []).append(a)
    activities: dict = {}
    for a in ProfessionalActivity.objects.filter(program=program).order_by("-happened_on", "-pk"):
        activities.setdefault(a.person_id, []).append(a)
    cards = []
    for person in mentees:
        start, end = (results.get(person.pk, {}).get(p) for p in (Stage.START, Stage.END))

        def change(field, start=start, end=end):
            a, b = getattr(start, field, None), getattr(end, field, None)
            return None if a is None or b is None else float(b - a)

        marks = adaptation.get(person.pk, [])
        summary = adaptation_of(_adaptation_row(marks))
        cards.append(
            {
                "person": person,
                "start": start,
                "end": end,
                "passed_change": change("passed_share"),
                "quality_progress": change("quality_share"),
                "adaptation": marks,
                "adaptation_summary": summary,
                "activities": activities.get(person.pk, []),
            }
        )
    mentor = program.group.mentor.person
    return cards, activities.get(mentor.pk, [])


def _adaptation_row(marks: list[AdaptationAssessment]) -> dict:
    """The same row the SQL of ``_queries`` gives, from a mentee's assessments."""
    row: dict = {}
    P = AdaptationAssessment.Point
    for point, key in ((P.START, "s"), (P.MIDDLE, "m"), (P.END, "e")):
        levels = [m.level for m in marks if m.point == point]
        days = [m.assessed_on for m in marks if m.point == point]
        row[key] = sum(levels) / len(levels) if levels else None
        row[f"{key}_on"] = (min(days) if key == "s" else max(days)) if days else None
    return row


def territory_figures_of(*, year: AcademicYear, municipality=None, region=None) -> dict:
    """What is kept of a municipality or a region (ids or instances): {"outcomes": ``outcome_figures``
    of every organisation of it, and the figures of ``hooks.territory_figures`` under their keys}."""
    from ..hooks import territory_figures

    if municipality is not None:
        organizations = Organization.objects.filter(municipality=municipality)
    else:
        organizations = Organization.objects.filter(municipality__region=region)
    figures = {"outcomes": outcome_figures(organizations, year)}
    for more in territory_figures.call(organizations, year):
        figures.update(more)
    return figures


def kept_territory_figures(
    *, year: AcademicYear, municipality_ids=(), region_ids=()
) -> tuple[dict[int, dict], dict[int, dict], datetime | None]:
    """The kept figures (``TerritoryFigures``) of the municipalities and regions: ({municipality id:
    figures}, {region id: figures}, the moment of the oldest). One query; a territory without a row, or
    with one older than ``TERRITORY_FIGURES_MAX_AGE_SECONDS`` (the refresh command did not run), is
    computed now and kept."""
    from ..outcome_services import territory_figures_keep

    municipality_ids, region_ids = set(municipality_ids), set(region_ids)
    if not municipality_ids and not region_ids:
        return {}, {}, None
    oldest_allowed = timezone.now() - timedelta(seconds=settings.TERRITORY_FIGURES_MAX_AGE_SECONDS)
    rows = TerritoryFigures.objects.filter(year=year, computed_at__gte=oldest_allowed).filter(
        Q(municipality_id__in=municipality_ids) | Q(region_id__in=region_ids)
    )
    found = {("m", r.municipality_id) if r.municipality_id else ("r", r.region_id): r for r in rows}
    for level, ids in (("m", municipality_ids), ("r", region_ids)):
        for pk in sorted(ids):
            if (level, pk) not in found:
                territory = {"municipality": pk} if level == "m" else {"region": pk}
                found[(level, pk)] = territory_figures_keep(year=year, **territory)
    by = {"m": {}, "r": {}}
    for (level, pk), row in found.items():
        by[level][pk] = row.figures
    oldest = min((row.computed_at for row in found.values()), default=None)
    return by["m"], by["r"], oldest


def kept_territory_outcomes(
    *, year: AcademicYear, municipality_ids=(), region_ids=()
) -> tuple[dict[int, dict], dict[int, dict], datetime | None]:
    """``kept_territory_figures``, the level-4 figures only."""
    by_municipality, by_region, oldest = kept_territory_figures(
        year=year, municipality_ids=municipality_ids, region_ids=region_ids
    )
    return (
        {k: v["outcomes"] for k, v in by_municipality.items()},
        {k: v["outcomes"] for k, v in by_region.items()},
        oldest,
    )


def outcome_overview(*, user, year: AcademicYear, organizations=None) -> dict:
    """For coordinators (aggregates, no names): the figures of each of ``organizations`` (ids: the page
    of the overview), one round trip; and of each municipality and (for the regional operator and the
    administrator) region of their scope, read from the kept figures (``kept_territory_outcomes``: a
    municipality's own organisations, whoever reads them) and kept a few minutes more
    (apps/core/cache.py) as a small list of names and figures."""
    scope = organizations_of(user)
    # The region's line only for those who see the whole region: for a municipal coordinator it would
    # be her municipality under the region's name.
    whole_region = is_admin(user) or any(m.role == Role.REGIONAL for m in user.active_memberships)
    territories = cached_aggregate(
        "outcome_territories",
        (scope.order_by().values("pk"), year.pk, whole_region),
        lambda: _territory_outcomes(user, scope, year, whole_region=whole_region),
        as_of=lambda value: value["as_of"],
    )
    by_org = outcome_figures_by(organizations, year, "organization") if organizations else {}
    return {"organizations": by_org, **territories}


def _territory_outcomes(user, scope, year: AcademicYear, *, whole_region: bool) -> dict:
    """The figures of each municipality and (``whole_region``) region of the user's scope, by name.
    The territories the user coordinates as a whole (all for the administrator) come from the kept
    figures; organisations reached otherwise (a coordinator's own school elsewhere) are computed over
    themselves alone, as a scope of their own."""
    memberships = user.active_memberships
    with_organizations = Exists(Organization.objects.filter(municipality=OuterRef("pk")))
    municipalities = Municipality.objects.filter(with_organizations)
    if not is_admin(user):
        municipalities = municipalities.filter(
            Q(pk__in={m.municipality_id for m in memberships if m.role == Role.MUNICIPAL})
            | Q(region_id__in={m.region_id for m in memberships if m.role == Role.REGIONAL})
        )
    municipalities = list(municipalities.select_related("region"))
    names = {m.pk: m.name for m in municipalities}
    regions = {m.region_id: m.region.name for m in municipalities} if whole_region else {}
    by_municipality, by_region, as_of = kept_territory_outcomes(
        year=year, municipality_ids=names, region_ids=regions
    )
    if not is_admin(user) and any(m.organization_id for m in memberships):
        rest = scope.exclude(municipality_id__in=list(names))
        more = outcome_figures_by(rest, year, "municipality")
        more_regions = outcome_figures_by(rest, year, "region") if whole_region else {}
        for m in Municipality.objects.filter(pk__in=list(more)).select_related("region"):
            names[m.pk] = m.name
            if m.region_id in more_regions:
                regions[m.region_id] = m.region.name
        by_municipality.update(more)
        by_region.update({k: v for k, v in more_regions.items() if k in regions})
    return {
        "municipalities": sorted(
            ((names[k], v) for k, v in by_municipality.items() if k in names), key=lambda row: row[0]
        ),
        "regions": sorted(
            ((regions[k], v) for k, v in by_region.items() if k in regions), key=lambda row: row[0]
        ),
        "as_of": as_of,
    }
