"""The banks' part of «Ждут вашего решения» (apps.accounts.inbox): candidates for mentors for the
director, mentees' questionnaires and the applications (заявления) for the curator, mentees without a
mentor for the council."""

from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role

from . import selectors


def _people_group(queryset, *, detail: str, limit: int, **group) -> InboxGroup:
    """A group of bank entries, each item the person's short name linking to the entry's page."""
    rows, total = first_with_total(queryset.select_related("person").order_by("created_at", "pk"), limit)
    items = [InboxItem(e.person.short_name, reverse(detail, args=[e.pk])) for e in rows]
    return InboxGroup(count=total, items=items, **group)


def provide(*, user, organization, roles, limit):
    if organization is None:
        return []
    groups = []
    if Role.DIRECTOR in roles:
        groups.append(
            _people_group(
                selectors.mentor_candidates(organization=organization),
                detail="banks:mentor-detail",
                limit=limit,
                key="banks.mentor_candidates",
                title="Кандидаты в наставники на утверждение",
                noun="кандидат",
                all_url=reverse("banks:mentor-list") + "?status=candidate",
                icon="person-check",
                order=20,
            )
        )
    if Role.CURATOR in roles:
        groups.append(
            _people_group(
                selectors.mentee_candidates(organization=organization),
                detail="banks:mentee-detail",
                limit=limit,
                key="banks.mentee_candidates",
                title="Анкеты «Хочу наставника» на рассмотрении",
                noun="анкета",
                all_url=reverse("banks:mentee-list") + "?status=candidate",
                icon="person-plus",
                order=25,
            )
        )
    if Role.CURATOR in roles:
        groups.append(
            _people_group(
                selectors.petitions_waiting(organization=organization),
                detail="banks:petition-detail",
                limit=limit,
                key="banks.petitions",
                title="Заявления о наставнике и о включении в базу наставников",
                noun="заявление",
                all_url=reverse("banks:petition-list") + "?status=submitted",
                icon="file-earmark-text",
                order=24,
            )
        )
    if Role.COUNCIL in roles:
        groups.append(
            _people_group(
                selectors.mentees_waiting(organization=organization),
                detail="banks:mentee-detail",
                limit=limit,
                key="banks.mentees_waiting",
                title="Наставляемые без наставника: помочь подобрать пару",
                noun="наставляемый",
                all_url=reverse("banks:mentee-list") + "?status=waiting",
                icon="people",
                order=40,
            )
        )
    return groups
