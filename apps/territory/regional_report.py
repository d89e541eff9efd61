"""The region's annual figures in grouped SQL (issue 18, «ten times the region»): every organisation of a
scope with its flags and counts, and the same summed by municipality and for the whole scope.

The territory list's figures (``selectors.with_territory_figures``) are eight correlated lookups per row,
built by the ORM into model instances: right for a page of 25, but the region's report of every
organisation paid them 5,000 times at ten times the region (0.7 s of CPU) for rows it only writes out.
Here each count is one grouped pass over the year's rows of the scope, joined to the organisations by
hash, and the rows come back as tuples. The rule is the same as ``with_territory_figures``:
tests/territory/test_regional_report.py compares the two on every flag and count.
"""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from apps.core.db_router import read_alias
from apps.organizations.models import AcademicYear, Organization

from .selectors import INDICATOR_KINDS, figure_params

# {scope}: the ids of the organisations (a compiled queryset); the CTEs read only the scope's rows.
_ORGANIZATIONS_SQL = """
WITH scope(id) AS MATERIALIZED ({scope}),
regulated AS (
  SELECT DISTINCT r.organization_id FROM orders_order r
  WHERE r.organization_id IN (SELECT id FROM scope) AND r.kind = %(regulation)s AND r.status = %(signed)s
    AND NOT EXISTS (SELECT 1 FROM orders_order c WHERE c.cancels_id = r.id AND c.status = %(signed)s)),
curated AS (
  SELECT DISTINCT m.organization_id FROM accounts_membership m
  WHERE m.organization_id IN (SELECT id FROM scope) AND m.role = %(curator)s AND m.is_active),
progs AS (
  -- The year's programs read once for both counts; a program and its group name one organisation (the
  -- services make it so), but each count keeps its own column, as with_territory_figures does.
  SELECT p.organization_id AS program_org, g.organization_id AS group_org,
    count(*) FILTER (WHERE p.status = ANY(%(program_counted)s)) AS counted,
    count(*) FILTER (WHERE g.status = %(group_active)s AND p.status = %(program_approved)s) AS paired
  FROM programs_program p JOIN pairs_mentoringgroup g ON p.group_id = g.id
  WHERE g.year_id = %(year)s
    AND (p.organization_id IN (SELECT id FROM scope) OR g.organization_id IN (SELECT id FROM scope))
  GROUP BY p.organization_id, g.organization_id),
paired AS (SELECT group_org AS organization_id, sum(paired)::int AS n FROM progs GROUP BY group_org),
mentors AS (
  SELECT e.organization_id, count(*) AS n FROM banks_mentorentry e
  WHERE e.organization_id IN (SELECT id FROM scope) AND e.year_id = %(year)s
    AND e.status = ANY(%(mentor_counted)s)
  GROUP BY e.organization_id),
mentees AS (
  SELECT e.organization_id, count(*) AS n FROM banks_menteeentry e
  WHERE e.organization_id IN (SELECT id FROM scope) AND e.year_id = %(year)s
    AND e.status = ANY(%(mentee_counted)s)
  GROUP BY e.organization_id),
programs AS (SELECT program_org AS organization_id, sum(counted)::int AS n FROM progs GROUP BY program_org),
rows AS (
  SELECT o.id, o.municipality_id, u.name AS municipality, o.short_name, o.kind,
    regulated.organization_id IS NOT NULL AS has_regulation,
    curated.organization_id IS NOT NULL AS has_curator,
    COALESCE(paired.n, 0) AS active_pairs,
    COALESCE(mentors.n, 0) AS n_mentors,
    COALESCE(mentees.n, 0) AS n_mentees,
    COALESCE(programs.n, 0) AS n_programs,
    roadmap.status AS roadmap_status
  FROM organizations_organization o
  JOIN organizations_municipality u ON u.id = o.municipality_id
  LEFT JOIN regulated ON regulated.organization_id = o.id
  LEFT JOIN curated ON curated.organization_id = o.id
  LEFT JOIN paired ON paired.organization_id = o.id
  LEFT JOIN mentors ON mentors.organization_id = o.id
  LEFT JOIN mentees ON mentees.organization_id = o.id
  LEFT JOIN programs ON programs.organization_id = o.id
  LEFT JOIN territory_roadmap roadmap ON roadmap.organization_id = o.id AND roadmap.year_id = %(year)s
  WHERE o.id IN (SELECT id FROM scope))
"""

# Every organisation, every municipality and the whole scope in one grouped pass (GROUPING SETS): the
# organisations first in the territory list's order, then the municipalities by name, then the total.
# {sets}, {having}: the municipalities' set and nothing for the report; for the whole scope alone, no
# municipality and only the total row comes back (the organisations' set stays: GROUPING needs it).
_REPORT_SQL = (
    _ORGANIZATIONS_SQL
    + """
SELECT GROUPING(municipality_id, id), municipality_id, id, min(municipality), min(short_name), min(kind),
  bool_or(has_regulation), bool_or(has_curator), bool_or(has_regulation AND has_curator AND active_pairs > 0),
  min(roadmap_status),
  count(*),
  count(*) FILTER (WHERE eligible),
  count(*) FILTER (WHERE eligible AND has_regulation AND has_curator AND active_pairs > 0),
  count(*) FILTER (WHERE eligible AND has_regulation),
  count(*) FILTER (WHERE eligible AND has_curator),
  count(*) FILTER (WHERE eligible AND active_pairs > 0),
  count(*) FILTER (WHERE eligible AND roadmap_status = %(agreed)s),
  COALESCE(sum(active_pairs), 0), COALESCE(sum(n_mentors), 0), COALESCE(sum(n_mentees), 0),
  COALESCE(sum(n_programs), 0)
FROM (SELECT rows.*, kind = ANY(%(indicator_kinds)s) AS eligible FROM rows) counted
GROUP BY GROUPING SETS ((municipality_id, id), {sets}())
{having}
ORDER BY GROUPING(municipality_id, id), min(municipality), municipality_id, min(short_name), id
"""
)


@dataclass(frozen=True)
class OrganizationRow:
    """One organisation of the report: the figures of ``with_territory_figures`` under the same names."""

    pk: int
    municipality: str
    short_name: str
    kind: str
    has_regulation: bool
    has_curator: bool
    active_pairs: int
    implements: bool
    n_mentors: int
    n_mentees: int
    n_programs: int
    roadmap_status: str | None


@dataclass(frozen=True)
class TotalsRow:
    """A municipality's organisations (or the whole scope's, ``municipality_id`` None) summed. The flags
    count the organisations the regional indicator counts (``INDICATOR_KINDS``), as ``selectors.indicator``
    does; the people and programs are those of every organisation."""

    municipality_id: int | None
    municipality: str
    organizations: int
    total: int
    implementing: int
    with_regulation: int
    with_curator: int
    with_pairs: int
    roadmaps_agreed: int
    active_pairs: int
    n_mentors: int
    n_mentees: int
    n_programs: int

    @property
    def share(self) -> float | None:
        """«Доля организаций, реализующих целевую модель», % to one decimal, as ``selectors.indicator``."""
        return round(100 * self.implementing / self.total, 1) if self.total else None


def _params(year: AcademicYear) -> dict:
    from .models import Roadmap

    return {
        **figure_params(year),
        "agreed": str(Roadmap.Status.AGREED),
        "indicator_kinds": [str(kind) for kind in INDICATOR_KINDS],
    }


_EVERY_ROW = {"{sets}": "(municipality_id), ", "{having}": ""}
_WHOLE_ONLY = {"{sets}": "", "{having}": "HAVING GROUPING(municipality_id, id) = 3"}


def _sql(parts: dict) -> str:
    sql = _REPORT_SQL
    for name, value in parts.items():
        sql = sql.replace(name, value)
    return sql


def _run(template: str, organizations: QuerySet[Organization], year: AcademicYear) -> list[tuple]:
    alias = read_alias()
    try:
        scope_sql, scope_params = (
            organizations.order_by().values("pk").query.get_compiler(using=alias).as_sql()
        )
    except EmptyResultSet:  # ``.none()``: no organisation, the totals are zeros
        scope_sql, scope_params = "SELECT NULL::bigint WHERE false", ()
    # The scope's own «%s» placeholders become named ones: psycopg takes one style per statement.
    params = _params(year)
    pieces = scope_sql.split("%s")
    named = pieces[0]
    for i, piece in enumerate(pieces[1:]):
        named += f"%(scope_{i})s" + piece
        params[f"scope_{i}"] = scope_params[i]
    with connections[alias].cursor() as cursor:
        cursor.execute(template.replace("{scope}", named), params)
        return cursor.fetchall()


@dataclass(frozen=True)
class RegionalReport:
    organizations: list[OrganizationRow]
    municipalities: list[TotalsRow]
    whole: TotalsRow


def regional_report(*, organizations: QuerySet[Organization], year: AcademicYear) -> RegionalReport:
    """Every organisation of ``organizations`` with its flags and counts of ``year`` (in the order of the
    territory list: municipality, short name), each municipality's organisations summed (by name), and
    the whole scope summed, in one query."""
    return _report(_run(_sql(_EVERY_ROW), organizations, year))


def scope_totals(*, organizations: QuerySet[Organization], year: AcademicYear) -> TotalsRow:
    """The whole scope's row of ``regional_report`` alone (the organisations are summed in the database,
    none comes back): the regional indicator of a territory as its kept figures hold it."""
    return _report(_run(_sql(_WHOLE_ONLY), organizations, year)).whole


def indicator_of(totals: TotalsRow) -> dict:
    """The indicator of ``selectors.indicator`` (its keys) from a scope's summed row."""
    return {
        "total": totals.total,
        "implementing": totals.implementing,
        "with_regulation": totals.with_regulation,
        "with_curator": totals.with_curator,
        "with_pairs": totals.with_pairs,
        "roadmaps_agreed": totals.roadmaps_agreed,
        "share": totals.share,
    }


def _report(result: list[tuple]) -> RegionalReport:
    rows, municipalities, whole = [], [], None
    for grouping, municipality_id, pk, municipality, short_name, kind, *rest in result:
        regulation, curator, implements, roadmap, _count, _total, *counts = rest
        sums = counts[-4:]  # active pairs, mentors, mentees, programs
        if grouping == 0:
            rows.append(
                OrganizationRow(
                    pk,
                    municipality,
                    short_name,
                    kind,
                    regulation,
                    curator,
                    sums[0],
                    implements,
                    *sums[1:],
                    roadmap,
                )
            )
        else:
            totals = TotalsRow(
                municipality_id, municipality if grouping == 1 else "", _count, _total, *counts
            )
            if grouping == 1:
                municipalities.append(totals)
            else:
                whole = totals
    return RegionalReport(rows, municipalities, whole)


def kept_municipalities(*, region_id: int, year: AcademicYear) -> list[dict]:
    """Each municipality of the region by name with its indicator and counts as the territory page shows
    them for a whole municipality, read from the kept figures (``monitoring.TerritoryFigures``: two queries
    whatever the region's size, issue 18). A part kept by an earlier version is None until the refresh."""
    from apps.monitoring.selectors.outcomes import kept_territory_figures
    from apps.organizations.models import Municipality

    municipalities = list(
        Municipality.objects.filter(region_id=region_id).order_by("name").values_list("pk", "name")
    )
    if not municipalities:
        return []
    kept, _regions, _as_of = kept_territory_figures(
        year=year, municipality_ids=[pk for pk, _name in municipalities]
    )
    return [
        {
            "pk": pk,
            "name": name,
            "indicator": kept[pk].get("indicator"),
            "breakdown": kept[pk].get("breakdown"),
        }
        for pk, name in municipalities
    ]
