"""Reads of the consolidated statistical form (seed 002 §VI): whose organisations a coordinator's form
covers, and its figures from the kept forms of the municipalities (``StatFormFigures``, issue 18).

A municipality's form has a column per organisation, shown page by page; a region's (or a coordinator's
several municipalities) a column per municipality, each the total of its organisations. Every figure of
one page comes from the same kept rows, so the columns always add up to the total, and the page states
the moment of their data. Figures only, no names of people."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KeyTransform
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import Role
from apps.organizations.models import AcademicYear, Municipality, Organization

from .. import statform
from ..models import StatFormFigures

ORGANIZATIONS_PER_PAGE = 25


@dataclass(frozen=True)
class Scope:
    """``municipality``: the one municipality whose organisations are the columns (picked, or the only
    one of a municipal coordinator); else ``municipalities`` are the columns. ``choices``: what the
    coordinator may pick (more than one municipality)."""

    title: str
    municipality: Municipality | None
    municipalities: list[Municipality]
    choices: list[Municipality]


@dataclass
class FormColumn:
    name: str
    values: dict[str, statform.Value]
    municipality: Municipality | None = None  # a region's column: a link to its own form


@dataclass
class ConsolidatedForm:
    """The columns (a page of them for a municipality), the totals of the whole scope, what lacks data:
    ``gaps`` (name, municipality name, codes) of the page's organisations, or of every organisation for
    the workbook; ``gap_counts`` (municipality, organisations without data, organisations) for a region."""

    columns: list[FormColumn]
    totals: dict[str, statform.Value]
    organizations: int
    as_of: datetime | None
    gaps: list[tuple[str, str, list[str]]] = field(default_factory=list)
    without_data: int = 0
    gap_counts: list[tuple[Municipality, int, int]] = field(default_factory=list)
    page: Page | None = None


def consolidated_scope(*, user, municipality: str | None) -> Scope:
    """A municipal coordinator's municipality (or one of hers, ``?municipality=``; all of them side by
    side when she has several); a regional operator's region, or one of its municipalities. A municipality
    outside the user's scope does not exist for them (404). Only municipalities with organisations."""
    memberships = getattr(user, "active_memberships", []) if user.is_authenticated else []
    muni_ids = {m.municipality_id for m in memberships if m.role == Role.MUNICIPAL}
    region_ids = {m.region_id for m in memberships if m.role == Role.REGIONAL}
    allowed = Municipality.objects.filter(pk__in=muni_ids) | Municipality.objects.filter(
        region_id__in=region_ids
    )
    allowed = list(
        allowed.filter(pk__in=Organization.objects.values("municipality_id"))
        .select_related("region")
        .order_by("name")
    )
    choices = allowed if len(allowed) > 1 else []
    if municipality:
        if not str(municipality).isdigit() or int(municipality) >= 2**31:
            raise Http404
        picked = next((m for m in allowed if m.pk == int(municipality)), None)
        if picked is None:
            raise Http404
        return Scope(picked.name, picked, [picked], choices)
    if len(allowed) == 1 and not region_ids:
        return Scope(allowed[0].name, allowed[0], allowed, choices)
    if region_ids:
        title = ", ".join(sorted({m.region.name for m in memberships if m.role == Role.REGIONAL}))
    else:
        title = ", ".join(m.name for m in allowed)
    return Scope(title, None, allowed, choices)


def _current(year: AcademicYear, ids) -> QuerySet[StatFormFigures]:
    """The kept rows still good to show: not older than ``TERRITORY_FIGURES_MAX_AGE_SECONDS``, kept by
    this version of the form (the same row codes)."""
    oldest_allowed = timezone.now() - timedelta(seconds=settings.TERRITORY_FIGURES_MAX_AGE_SECONDS)
    return StatFormFigures.objects.filter(
        year=year,
        municipality_id__in=ids,
        computed_at__gte=oldest_allowed,
        figures__codes=statform.computed_codes(),
    )


def kept_forms(
    *, year: AcademicYear, municipality_ids, parts=("totals", "summary")
) -> tuple[dict[int, dict], datetime | None]:
    """The kept forms of the municipalities: ({id: {part: its JSON}}, the moment of the oldest), in one
    query; ``parts``: the keys of the kept JSON to read, not the rest (a municipality of 250 schools keeps
    0.3 MB of their values: a page reads its own with ``kept_columns``). A municipality without a current
    row (none, too old, kept by another version of the form) is computed now and kept."""
    from ..outcome_services import statform_keep

    ids = set(municipality_ids)
    if not ids:
        return {}, None
    found: dict[int, tuple[dict, datetime]] = {}
    fields = [f"figures__{part}" for part in parts]
    for pk, at, *values in _current(year, ids).values_list("municipality_id", "computed_at", *fields):
        found[pk] = (dict(zip(parts, values, strict=True)), at)
    for pk in sorted(ids - set(found)):
        row = statform_keep(year=year, municipality=pk)
        found[pk] = ({part: row.figures[part] for part in parts}, row.computed_at)
    return {pk: figures for pk, (figures, _at) in found.items()}, min(at for _f, at in found.values())


def kept_columns(
    *, year: AcademicYear, municipality_id: int, computed_at: datetime, organization_ids
) -> dict | None:
    """{"organizations": {id: values}, "missing": {id: codes}} of ``organization_ids`` from the kept form of
    the municipality, one query reading only theirs; None when the form was kept again after
    ``computed_at`` (the page then reads the new one: its columns must add up to its total)."""
    ids = [str(pk) for pk in organization_ids]
    if not ids:
        return {"organizations": {}, "missing": {}}
    expressions = {}
    for n, pk in enumerate(ids):
        expressions[f"v{n}"] = KeyTransform(pk, KeyTransform("organizations", "figures"))
        expressions[f"m{n}"] = KeyTransform(pk, KeyTransform("missing", "figures"))
    row = (
        StatFormFigures.objects.filter(year=year, municipality_id=municipality_id, computed_at=computed_at)
        .values(**expressions)
        .first()
    )
    if row is None:
        return None
    return {
        "organizations": {pk: row[f"v{n}"] or {} for n, pk in enumerate(ids)},
        "missing": {pk: row[f"m{n}"] for n, pk in enumerate(ids) if row[f"m{n}"]},
    }


def _decoded(values: dict) -> dict[str, statform.Value]:
    return {code: statform.decode(data) for code, data in values.items()}


def _sum(columns: list[dict[str, statform.Value]]) -> dict[str, statform.Value]:
    codes = {code for values in columns for code in values}
    return {code: statform.total([values.get(code) for values in columns]) for code in codes}


def consolidated_form(
    *, scope: Scope, year: AcademicYear, page: str | None = None, everything: bool = False
) -> ConsolidatedForm:
    """The form of ``scope``: a page of a municipality's organisations (``page``; every one for the
    workbook: ``everything``) or its municipalities side by side."""
    if scope.municipality is not None:
        return _by_organization(scope.municipality, year, page, everything)
    return _by_municipality(scope.municipalities, year, everything)


def _by_organization(municipality, year, page, everything, *, again: bool = True) -> ConsolidatedForm:
    parts = ("totals", "summary", "ids") + (("organizations", "missing") if everything else ())
    kept, as_of = kept_forms(year=year, municipality_ids=[municipality.pk], parts=parts)
    figures = kept[municipality.pk]
    organizations = Organization.objects.filter(
        municipality=municipality, pk__in=RawSQL("SELECT unnest(%s::bigint[])", (figures["ids"],))
    ).order_by("short_name", "pk")
    shown = None
    if not everything:
        shown = Paginator(organizations, ORGANIZATIONS_PER_PAGE).get_page(page)
        organizations = shown.object_list
    organizations = list(organizations)
    if not everything:
        columns = kept_columns(
            year=year,
            municipality_id=municipality.pk,
            computed_at=as_of,
            organization_ids=[o.pk for o in organizations],
        )
        if columns is None and again:  # kept again between the two reads
            return _by_organization(municipality, year, page, everything, again=False)
        figures = {**figures, **(columns or {"organizations": {}, "missing": {}})}
    missing = figures["missing"]
    return ConsolidatedForm(
        columns=[
            FormColumn(o.short_name, _decoded(figures["organizations"].get(str(o.pk), {})))
            for o in organizations
        ],
        totals=_decoded(figures["totals"]),
        organizations=figures["summary"]["organizations"],
        as_of=as_of,
        gaps=[
            (o.short_name, municipality.name, missing[str(o.pk)])
            for o in organizations
            if str(o.pk) in missing
        ],
        without_data=figures["summary"]["missing"],
        page=shown,
    )


def _by_municipality(municipalities, year, everything) -> ConsolidatedForm:
    parts = ("totals", "summary") + (("missing",) if everything else ())
    kept, as_of = kept_forms(year=year, municipality_ids=[m.pk for m in municipalities], parts=parts)
    columns = [FormColumn(m.name, _decoded(kept[m.pk]["totals"]), municipality=m) for m in municipalities]
    gaps = []
    if everything:  # the workbook names every organisation without data, by municipality
        names = dict(
            Organization.objects.filter(municipality__in=municipalities).values_list("pk", "short_name")
        )
        for m in municipalities:
            missing = kept[m.pk]["missing"]
            gaps += sorted(
                (names[int(pk)], m.name, codes) for pk, codes in missing.items() if int(pk) in names
            )
    return ConsolidatedForm(
        columns=columns,
        totals=_sum([column.values for column in columns]),
        organizations=sum(kept[m.pk]["summary"]["organizations"] for m in municipalities),
        as_of=as_of,
        gaps=gaps,
        without_data=sum(kept[m.pk]["summary"]["missing"] for m in municipalities),
        gap_counts=[
            (m, kept[m.pk]["summary"]["missing"], kept[m.pk]["summary"]["organizations"])
            for m in municipalities
        ],
    )
