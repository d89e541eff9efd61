"""Reads of the addressed recommendations and of the consolidated form's scope."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from apps.accounts.models import Role
from apps.organizations.models import Municipality, Organization
from apps.pairs.models import GroupMember

from ..models import Recommendation


def recommendations_of(*, organization, year, dismissed: bool = False) -> QuerySet[Recommendation]:
    """The organisation's recommendations of the year (those for the organisation first, then by program),
    with the pair's mentor and mentees for the headings."""
    qs = Recommendation.objects.filter(organization=organization, year=year)
    if not dismissed:
        qs = qs.filter(dismissed=False)
    return (
        qs.select_related("program__group__mentor__person", "author")
        .prefetch_related(
            Prefetch(
                "program__group__members",
                queryset=GroupMember.objects.select_related("mentee_person").order_by(
                    "mentee_person__last_name"
                ),
            )
        )
        .order_by("program__title", "program_id", "dismissed", "pk")
    )


def by_addressee(recommendations) -> tuple[list[Recommendation], list[dict]]:
    """(the organisation's, [{"program": program, "items": [...]}] per pair or group in order)."""
    school, pairs = [], {}
    for r in recommendations:
        if r.program_id is None:
            school.append(r)
        else:
            pairs.setdefault(r.program_id, {"program": r.program, "items": []})["items"].append(r)
    return school, list(pairs.values())


def consolidated_scope(*, user, municipality: str | None) -> tuple[str, Municipality | None, QuerySet]:
    """The organisations of a consolidated form and its title: a municipal coordinator's municipality;
    a regional operator's region, or one of its municipalities (``?municipality=``). A municipality
    outside the user's scope does not exist for them (404)."""
    memberships = getattr(user, "active_memberships", []) if user.is_authenticated else []
    muni_ids = {m.municipality_id for m in memberships if m.role == Role.MUNICIPAL}
    region_ids = {m.region_id for m in memberships if m.role == Role.REGIONAL}
    allowed = Municipality.objects.filter(pk__in=muni_ids) | Municipality.objects.filter(
        region_id__in=region_ids
    )
    allowed = allowed.select_related("region").order_by("name")
    picked = None
    if municipality:
        if not str(municipality).isdigit() or int(municipality) >= 2**31:
            raise Http404
        picked = allowed.filter(pk=int(municipality)).first()
        if picked is None:
            raise Http404
    elif not region_ids and len(muni_ids) == 1:
        picked = allowed.first()
    organizations = Organization.objects.select_related("municipality").order_by("short_name")
    if picked is not None:
        return picked.name, picked, organizations.filter(municipality=picked)
    if region_ids:
        regions = {m.region for m in memberships if m.role == Role.REGIONAL}
        title = ", ".join(sorted(r.name for r in regions))
        return (
            title,
            None,
            organizations.filter(municipality__region_id__in=region_ids).order_by(
                "municipality__name", "short_name"
            ),
        )
    return ", ".join(m.name for m in allowed), None, organizations.filter(municipality_id__in=muni_ids)


def municipalities_for(*, user) -> list[Municipality]:
    memberships = getattr(user, "active_memberships", [])
    region_ids = {m.region_id for m in memberships if m.role == Role.REGIONAL}
    return list(Municipality.objects.filter(region_id__in=region_ids).order_by("name"))
