"""The banks' part of «Ждут вашего решения» (apps.accounts.inbox): candidates for mentors for the
director, mentees' questionnaires for the curator, mentees without a mentor for the council."""

from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role

from . import selectors


def _people(queryset):
    return queryset.select_related("person").order_by("created_at", "pk")


def provide(*, user, organization, roles, limit):
    if organization is None:
        return []
    groups = []
    if Role.DIRECTOR in roles:
        rows, total = first_with_total(_people(selectors.mentor_candidates(organization=organization)), limit)
        groups.append(
            InboxGroup(
                key="banks.mentor_candidates",
                title="Кандидаты в наставники на утверждение",
                count=total,
                items=[
                    InboxItem(e.person.short_name, reverse("banks:mentor-detail", args=[e.pk])) for e in rows
                ],
                noun="кандидат",
                all_url=reverse("banks:mentor-list") + "?status=candidate",
                icon="person-check",
                order=20,
            )
        )
    if Role.CURATOR in roles:
        rows, total = first_with_total(_people(selectors.mentee_candidates(organization=organization)), limit)
        groups.append(
            InboxGroup(
                key="banks.mentee_candidates",
                title="Анкеты «Хочу наставника» на рассмотрении",
                count=total,
                items=[
                    InboxItem(e.person.short_name, reverse("banks:mentee-detail", args=[e.pk])) for e in rows
                ],
                noun="анкета",
                all_url=reverse("banks:mentee-list") + "?status=candidate",
                icon="person-plus",
                order=25,
            )
        )
    if Role.COUNCIL in roles:
        rows, total = first_with_total(_people(selectors.mentees_waiting(organization=organization)), limit)
        groups.append(
            InboxGroup(
                key="banks.mentees_waiting",
                title="Наставляемые без наставника: помочь подобрать пару",
                count=total,
                items=[
                    InboxItem(e.person.short_name, reverse("banks:mentee-detail", args=[e.pk])) for e in rows
                ],
                noun="наставляемый",
                all_url=reverse("banks:mentee-list") + "?status=waiting",
                icon="people",
                order=40,
            )
        )
    return groups
