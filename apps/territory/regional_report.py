"""The rule «an organisation implements the target mentoring model in a year» and the territory's figures
of each organisation, written once, in SQL (issue 18): every organisation of a scope with its flags and
counts (``_ORGANIZATIONS_SQL``), and what reads them — the region's report and the kept indicator (summed
by municipality and for the whole scope, ``regional_report``, ``scope_totals``), the territory list's page
of rows (``page_figures``), its filter «целевая модель» (``implementing_ids``) and the statistical form's
row 2.1 (``implementing_flags``).

Each count is one grouped pass over the year's rows of the scope, joined to the organisations by hash, and
the rows come back as tuples (the region's report of every organisation paid 0.7 s of CPU at ten times
the region for eight correlated ORM lookups per row). tests/territory/test_regional_report_states.py
compares every flag and count with plain ORM counts made one organisation at a time.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from apps.core.db_router import read_alias
from apps.organizations.models import AcademicYear, Organization

from .selectors import INDICATOR_KINDS, figure_params

# The rule, each condition written once and read by both texts below. An organisation implements the
# target model in a year when (1) it has a signed order approving the Regulation (``r``) that no signed
# order cancels (``Order.cancels``: a draft of a cancelling order cancels nothing), (2) an active curator
# membership (``m``), and (3) at least one active group (``g``) of that year with an approved
# personalized program (``p``). The counts: approved mentors and waiting, paired or finished mentees
# (``e``) of the year's bank, approved and finished programs of the year's groups.
_REGULATION_IN_FORCE = """r.kind = %(regulation)s AND r.status = %(signed)s
    AND NOT EXISTS (SELECT 1 FROM orders_order c WHERE c.cancels_id = r.id AND c.status = %(signed)s)"""
_CURATOR = "m.role = %(curator)s AND m.is_active"
_PAIRED = "g.year_id = %(year)s AND g.status = %(group_active)s AND p.status = %(program_approved)s"
_MENTOR_COUNTED = "e.year_id = %(year)s AND e.status = ANY(%(mentor_counted)s)"
_MENTEE_COUNTED = "e.year_id = %(year)s AND e.status = ANY(%(mentee_counted)s)"
_PROGRAM_COUNTED = "g.year_id = %(year)s AND p.status = ANY(%(program_counted)s)"
# Of the columns of each text's organisations.
_IMPLEMENTS = "has_regulation AND has_curator AND active_pairs > 0"

# Every organisation of a scope: {scope}, the ids of the organisations (a compiled queryset); the CTEs
# read only the scope's rows, each count in one grouped pass joined to the organisations by hash.
_ORGANIZATIONS_SQL = f"""
WITH scope(id) AS MATERIALIZED ({{scope}}),
regulated AS (
  SELECT DISTINCT r.organization_id FROM orders_order r
  WHERE r.organization_id IN (SELECT id FROM scope) AND {_REGULATION_IN_FORCE}),
curated AS (
  SELECT DISTINCT m.organization_id FROM accounts_membership m
  WHERE m.organization_id IN (SELECT id FROM scope) AND {_CURATOR}),
progs AS (
  -- The year's programs read once for both counts; a program and its group name one organisation (the
  -- services make it so), but each count keeps its own column: the program's for the programs, the
  -- group's for the pairs.
  SELECT p.organization_id AS program_org, g.organization_id AS group_org,
    count(*) FILTER (WHERE {_PROGRAM_COUNTED}) AS counted,
    count(*) FILTER (WHERE {_PAIRED}) AS paired
  FROM programs_program p JOIN pairs_mentoringgroup g ON p.group_id = g.id
  WHERE g.year_id = %(year)s
    AND (p.organization_id IN (SELECT id FROM scope) OR g.organization_id IN (SELECT id FROM scope))
  GROUP BY p.organization_id, g.organization_id),
paired AS (SELECT group_org AS organization_id, sum(paired)::int AS n FROM progs GROUP BY group_org),
mentors AS (
  SELECT e.organization_id, count(*) AS n FROM banks_mentorentry e
  WHERE e.organization_id IN (SELECT id FROM scope) AND {_MENTOR_COUNTED}
  GROUP BY e.organization_id),
mentees AS (
  SELECT e.organization_id, count(*) AS n FROM banks_menteeentry e
  WHERE e.organization_id IN (SELECT id FROM scope) AND {_MENTEE_COUNTED}
  GROUP BY e.organization_id),
programs AS (SELECT program_org AS organization_id, sum(counted)::int AS n FROM progs GROUP BY program_org),
rows AS (
  SELECT *, {_IMPLEMENTS} AS implements FROM (
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
    WHERE o.id IN (SELECT id FROM scope)) figures)
"""

# A page of the territory list: the same figures of organisations picked by id (the page's 25), as
# correlated lookups row by row: for a few organisations cheaper than the grouped passes of
# ``_ORGANIZATIONS_SQL``, which read the year's programs of the scope whatever its size. A flag is
# ``SELECT true … LIMIT 1``, not EXISTS: in the select list EXISTS becomes a hashed subplan that reads
# every order or curator of the region even for 25 rows (issue 18).
PAGE_FIGURES = (
    "has_regulation",
    "has_curator",
    "active_pairs",
    "implements",
    "n_mentors",
    "n_mentees",
    "n_programs",
    "roadmap_status",
    "roadmap_id",
)
_PAGE_SQL = f"""
SELECT id, {", ".join(PAGE_FIGURES)} FROM (
  SELECT *, {_IMPLEMENTS} AS implements FROM (
    SELECT o.id,
      COALESCE((SELECT true FROM orders_order r
        WHERE r.organization_id = o.id AND {_REGULATION_IN_FORCE} LIMIT 1), false) AS has_regulation,
      COALESCE((SELECT true FROM accounts_membership m
        WHERE m.organization_id = o.id AND {_CURATOR} LIMIT 1), false) AS has_curator,
      (SELECT count(*) FROM pairs_mentoringgroup g JOIN programs_program p ON p.group_id = g.id
        WHERE g.organization_id = o.id AND {_PAIRED}) AS active_pairs,
      (SELECT count(*) FROM banks_mentorentry e
        WHERE e.organization_id = o.id AND {_MENTOR_COUNTED}) AS n_mentors,
      (SELECT count(*) FROM banks_menteeentry e
        WHERE e.organization_id = o.id AND {_MENTEE_COUNTED}) AS n_mentees,
      (SELECT count(*) FROM programs_program p JOIN pairs_mentoringgroup g ON p.group_id = g.id
        WHERE p.organization_id = o.id AND {_PROGRAM_COUNTED}) AS n_programs,
      roadmap.status AS roadmap_status,
      roadmap.id AS roadmap_id
    FROM unnest(%(ids)s::bigint[]) AS o(id)
    LEFT JOIN territory_roadmap roadmap ON roadmap.organization_id = o.id AND roadmap.year_id = %(year)s
    OFFSET 0  -- not pulled up: each lookup once, not again for ``implements``
  ) figures
) page
"""

# Every organisation, every municipality and the whole scope in one grouped pass (GROUPING SETS): the
# organisations first in the territory list's order, then the municipalities by name, then the total.
# {sets}, {having}: the municipalities' set and nothing for the report; for the whole scope alone, no
# municipality and only the total row comes back (the organisations' set stays: GROUPING needs it).
_REPORT_SQL = (
    _ORGANIZATIONS_SQL
    + """
SELECT GROUPING(municipality_id, id), municipality_id, id, min(municipality), min(short_name), min(kind),
  bool_or(has_regulation), bool_or(has_curator), bool_or(implements),
  min(roadmap_status),
  count(*),
  count(*) FILTER (WHERE eligible),
  count(*) FILTER (WHERE eligible AND implements),
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
    """One organisation of the report: the figures of ``page_figures`` under the same names."""

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
    count the organisations the regional indicator counts (``INDICATOR_KINDS``); the people and programs
    are those of every organisation."""

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
        """«Доля организаций, реализующих целевую модель», % to one decimal."""
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


# Each organisation's flag alone, for the statistical form; the ids of the scope that implement the model
# (or not), for the territory list's filter (the CTEs of the counts it does not read are left out by the
# planner).
_FLAGS_SQL = _ORGANIZATIONS_SQL + "SELECT id, implements FROM rows"
_IMPLEMENTING_SQL = _ORGANIZATIONS_SQL + "SELECT id FROM rows WHERE implements = %(implements)s"
_NAMED = re.compile(r"%\((\w+)\)s")


def _positional(template: str, scope_sql: str, scope_params, named: dict) -> tuple[str, list]:
    """``template`` with the scope's compiled SQL in place of {scope}, every «%(name)s» of the template
    made a «%s» as the scope's own (psycopg takes one style per statement, Django compiles to «%s»): the
    SQL and its parameters in order."""
    head, tail = template.split("{scope}")
    params: list = []

    def take(match):
        params.append(named[match.group(1)])
        return "%s"

    sql = _NAMED.sub(take, head)
    params.extend(scope_params)
    sql += scope_sql
    sql += _NAMED.sub(take, tail)
    return sql, params


def _scope_sql(organizations: QuerySet[Organization], connection) -> tuple[str, tuple]:
    try:
        return organizations.order_by().values("pk").query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:  # ``.none()``: no organisation, the totals are zeros
        return "SELECT NULL::bigint WHERE false", ()


def _run(template: str, organizations: QuerySet[Organization], year: AcademicYear, **extra) -> list[tuple]:
    connection = connections[read_alias()]
    sql, params = _positional(template, *_scope_sql(organizations, connection), {**_params(year), **extra})
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
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
    """The indicator the territory page shows (``selectors.indicator``) from a scope's summed row."""
    return {
        "total": totals.total,
        "implementing": totals.implementing,
        "with_regulation": totals.with_regulation,
        "with_curator": totals.with_curator,
        "with_pairs": totals.with_pairs,
        "roadmaps_agreed": totals.roadmaps_agreed,
        "share": totals.share,
    }


def implementing_flags(*, ids: list[int], year: AcademicYear) -> dict[int, bool]:
    """{organisation id: implements the target model in ``year``} for organisations picked by id (the
    statistical form's row 2.1)."""
    return dict(_run(_FLAGS_SQL, Organization.objects.filter(pk__in=ids), year))


def page_figures(organizations: list[Organization], *, year: AcademicYear) -> None:
    """Set on each of ``organizations`` (instances: a page of the territory list) its figures of ``year``
    (``PAGE_FIGURES``), in one query over their ids."""
    if not organizations:
        return
    with connections[read_alias()].cursor() as cursor:
        cursor.execute(_PAGE_SQL, {"ids": [o.pk for o in organizations], **_params(year)})
        figures = {row[0]: row[1:] for row in cursor.fetchall()}
    for organization in organizations:
        for name, value in zip(PAGE_FIGURES, figures[organization.pk], strict=True):
            setattr(organization, name, value)


def implementing_ids(
    *, organizations: QuerySet[Organization], year: AcademicYear, implements: bool = True
) -> list[int]:
    """The ids of ``organizations`` that implement the target model in ``year`` (or, ``implements``
    False, do not), in one query: for the territory list's filter «целевая модель»."""
    return [pk for (pk,) in _run(_IMPLEMENTING_SQL, organizations, year, implements=implements)]


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
