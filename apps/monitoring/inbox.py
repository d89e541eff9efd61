"""Monitoring's part of «Ждут вашего решения» (apps.accounts.inbox): the surveys the user must fill,
and for the curator the campaigns whose answers are late or due."""

from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role
from apps.core.russian import count

from .selectors import scope as selectors


def provide(*, user, organization, roles, limit):
    groups = []
    own = selectors.assignments_to_fill(user=user).select_related("campaign")
    rows, total = first_with_total(own, limit)
    groups.append(
        InboxGroup(
            key="monitoring.surveys",
            title="Анкеты, которые нужно заполнить",
            short_title="Анкеты",
            count=total,
            items=[
                InboxItem(
                    a.campaign.title,
                    reverse("monitoring:survey-fill", args=[a.token]),
                    note=f"до {a.due_on:%d.%m.%Y}",
                )
                for a in rows
            ],
            noun="анкета",
            icon="ui-checks",
            order=45,
        )
    )
    if organization is not None and Role.CURATOR in roles:
        campaigns = selectors.campaigns_due(organization=organization).order_by("due", "pk")
        rows, total = first_with_total(campaigns, limit)
        groups.append(
            InboxGroup(
                key="monitoring.campaigns_due",
                title="Анкетирования: ответы к сроку",
                count=total,
                items=[
                    InboxItem(
                        c.title,
                        reverse("monitoring:campaign-detail", args=[c.pk]),
                        note=f"без ответа: {count(c.unanswered, 'анкета')}, срок {c.due:%d.%m.%Y}",
                    )
                    for c in rows
                ],
                noun="анкетирование",
                all_url=reverse("monitoring:campaign-list"),
                icon="ui-checks",
                order=45,
            )
        )
    return groups
