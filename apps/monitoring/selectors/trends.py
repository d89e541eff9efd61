"""Trends over the academic years: satisfaction, participants, retention, indicators."""

from django.db.models import (
    Avg,
    Count,
    F,
    Q,
    QuerySet,
)

from apps.banks.models import MenteeEntry
from apps.pairs.models import GroupMember
from apps.programs.models import Program

from ..models import (
    Indicator,
    OrganizationIndicator,
)
from .batch import _fetch_each, _r
from .levels import _level1_answers


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
