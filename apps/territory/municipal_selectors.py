"""Reads of the municipality's documents: the municipalities in a user's scope, the editions of the
municipal Regulation, and the figures of the справка (one query per level: the organisations with
their flags, the roadmap events counted per organisation)."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.rules import is_admin
from apps.accounts.selectors import organizations_of
from apps.organizations.models import Municipality

from .models import RoadmapEvent
from .municipal_models import MunicipalOrder, MunicipalRegulation
from .regional_report import indicator_of, regional_report
from .selectors import territory_scope


def municipalities_of(user) -> QuerySet[Municipality]:
    """The municipalities a coordinator works with: her own (municipal coordinator), those of her
    region (regional operator), every one for the administrator."""
    qs = Municipality.objects.select_related("region")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if is_admin(user):
        return qs
    memberships = user.active_memberships
    muni_ids = {m.municipality_id for m in memberships if m.role == Role.MUNICIPAL}
    region_ids = {m.region_id for m in memberships if m.role == Role.REGIONAL}
    return qs.filter(Q(pk__in=muni_ids) | Q(region_id__in=region_ids))


def municipality_for(*, user, pk: int) -> Municipality:
    """A municipality of the user's scope; any other does not exist (404)."""
    return get_object_or_404(municipalities_of(user), pk=pk)


def municipality_readable_for(*, user, pk: int) -> Municipality:
    """A municipality whose approved Regulation the user may read: of her scope, or the municipality
    of an organisation she works in."""
    own = organizations_of(user).filter(municipality_id=pk).exists()
    if own:
        return get_object_or_404(Municipality.objects.select_related("region"), pk=pk)
    return municipality_for(user=user, pk=pk)


def regional_region(user):
    """The region of the user's regional operator role (the first one), or None."""
    for m in getattr(user, "active_memberships", []) if getattr(user, "is_authenticated", False) else []:
        if m.role == Role.REGIONAL and m.region_id:
            return m.region
    return None


def editions(*, municipality) -> list[MunicipalRegulation]:
    return list(
        MunicipalRegulation.objects.filter(municipality=municipality)
        .select_related("order")
        .annotate(n_versions=Count("versions"))
        .order_by("-created_at", "-pk")
    )


def regulation_in_force(*, municipality) -> MunicipalRegulation | None:
    return (
        MunicipalRegulation.objects.filter(
            municipality=municipality, status=MunicipalRegulation.Status.APPROVED
        )
        .select_related("order", "municipality__region")
        .order_by("-approved_at", "-pk")
        .first()
    )


def municipal_regulation_for(*, user, pk: int) -> MunicipalRegulation:
    return get_object_or_404(
        MunicipalRegulation.objects.select_related("order", "municipality__region"),
        pk=pk,
        municipality__in=municipalities_of(user),
    )


def municipal_order_for(*, user, pk: int) -> MunicipalOrder:
    return get_object_or_404(
        MunicipalOrder.objects.select_related("municipality__region", "regulation"),
        pk=pk,
        municipality__in=municipalities_of(user),
    )


def version_of(regulation: MunicipalRegulation, number: int | None = None):
    """The given version, else the approved one of an approved edition, else the latest."""
    versions = regulation.versions.select_related("author")
    if number is not None:
        return get_object_or_404(versions, number=number)
    if regulation.approved_version:
        return versions.get(number=regulation.approved_version)
    return versions.order_by("-number").first()


def versions_of(regulation: MunicipalRegulation):
    return list(regulation.versions.select_related("author").order_by("-number"))


def certificate_rows(*, user, municipality, year) -> tuple[list[dict], dict]:
    """The figures of the справка for each organisation of the municipality: the flags and counts of
    the indicator and the municipality's indicator (``regional_report``, one query), and the roadmap
    events of the year done, overdue and in all (one query)."""
    today = timezone.localdate()
    report = regional_report(
        organizations=territory_scope(user=user).filter(municipality=municipality), year=year
    )
    events = {
        r["roadmap__organization_id"]: r
        for r in RoadmapEvent.objects.filter(
            roadmap__year=year, roadmap__organization__municipality=municipality
        )
        .exclude(status=RoadmapEvent.Status.CANCELLED)
        .values("roadmap__organization_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=RoadmapEvent.Status.DONE)),
            overdue=Count("pk", filter=Q(status=RoadmapEvent.Status.PLANNED, deadline__lt=today)),
        )
        .order_by()
    }
    from .models import Roadmap

    statuses = dict(Roadmap.Status.choices)
    rows = []
    for o in report.organizations:
        e = events.get(o.pk, {})
        rows.append(
            {
                "name": o.short_name,
                "roadmap_status": o.roadmap_status or "",
                "roadmap_label": statuses.get(o.roadmap_status, "нет"),
                "total": e.get("total", 0),
                "done": e.get("done", 0),
                "overdue": e.get("overdue", 0),
                "has_regulation": o.has_regulation,
                "has_curator": o.has_curator,
                "active_pairs": o.active_pairs,
                "n_mentors": o.n_mentors,
                "n_mentees": o.n_mentees,
                "implements": o.implements,
            }
        )
    return rows, indicator_of(report.whole)


def municipal_roadmap_of(*, municipality, year):
    """The municipality's own roadmap for the year, or None."""
    from .models import Roadmap

    if year is None:
        return None
    return Roadmap.objects.filter(municipality=municipality, year=year).select_related("year").first()


def municipal_roadmap_for(*, user, pk: int):
    """A municipality's own roadmap of the user's scope; any other (a school's too) does not exist."""
    from .models import Roadmap

    return get_object_or_404(
        Roadmap.objects.select_related("municipality__region", "year"),
        pk=pk,
        municipality__in=municipalities_of(user),
    )
