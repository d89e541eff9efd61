"""The pairs' part of «Ждут вашего решения» (apps.accounts.inbox): the pairs and groups being formed
that wait for the psychologist's compatibility conclusion."""

from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role

from .selectors import groups_awaiting_conclusion


def provide(*, user, organization, roles, limit):
    if organization is None or Role.PSYCHOLOGIST not in roles:
        return []
    # The mentees are not named here: the group's page shows them.
    waiting = groups_awaiting_conclusion(user=user, organization=organization).prefetch_related(None)
    rows, total = first_with_total(waiting, limit)
    return [
        InboxGroup(
            key="pairs.awaiting_conclusion",
            title="Ждут заключения о совместимости",
            count=total,
            items=[
                InboxItem(
                    f"{g.kind_label} № {g.pk}",
                    reverse("pairs:group-detail", args=[g.pk]) + "#compatibility",
                    note=f"наставник {g.mentor.person.short_name}; {g.get_status_display()}",
                )
                for g in rows
            ],
            noun="пара",
            all_url=reverse("pairs:group-list"),
            icon="chat-heart",
            order=10,
        )
    ]
