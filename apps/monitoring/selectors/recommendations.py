"""Reads of the addressed recommendations."""

from django.db.models import Prefetch, QuerySet

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
