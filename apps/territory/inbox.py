"""The roadmap's part of «Ждут вашего решения» (apps.accounts.inbox): the director's roadmap to approve,
and one the municipal coordinator returned with remarks (for the director and the curator)."""

from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role

from .models import Roadmap
from .selectors import roadmaps_to_approve


def provide(*, user, organization, roles, limit):
    if organization is None or not roles & {Role.DIRECTOR, Role.CURATOR}:
        return []
    roadmaps = (
        roadmaps_to_approve(organization=organization).select_related("year").order_by("-year__start_year")
    )
    if Role.DIRECTOR not in roles:  # the curator answers the remarks; approving is the director's
        roadmaps = roadmaps.filter(status=Roadmap.Status.RETURNED)
    rows, total = first_with_total(roadmaps, limit)
    returned = [r for r in rows if r.status == Roadmap.Status.RETURNED]
    return [
        InboxGroup(
            key="territory.roadmaps",
            title=(
                "Дорожная карта: возвращена с замечаниями"
                if returned and len(returned) == len(rows)
                else "Дорожная карта на утверждение"
            ),
            count=total,
            items=[
                InboxItem(
                    f"Дорожная карта на {r.year.label}",
                    reverse("territory:roadmap-detail", args=[r.pk]),
                    note=(
                        "возвращена муниципальным координатором с замечаниями"
                        if r.status == Roadmap.Status.RETURNED
                        else "проект"
                    ),
                )
                for r in rows
            ],
            noun="дорожная карта,дорожные карты,дорожных карт",
            all_url=reverse("territory:roadmap-current"),
            icon="signpost-split",
            order=25,
        )
    ]
