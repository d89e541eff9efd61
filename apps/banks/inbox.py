"""The banks' part of «Ждут вашего решения» (apps.accounts.inbox): candidates for mentors for the
director, mentees' questionnaires and the applications (заявления) for the curator, mentees without a
mentor for the council."""

from types import SimpleNamespace

from django.db.models import Count, Value, Window
from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role
from apps.core.russian import short_name_in

from . import selectors


def _people_group(queryset, *, detail: str, limit: int, **group) -> InboxGroup:
    """A group of bank entries, each item the person's short name linking to the entry's page."""
    rows, total = first_with_total(queryset.select_related("person").order_by("created_at", "pk"), limit)
    items = [InboxItem(e.person.short_name, reverse(detail, args=[e.pk])) for e in rows]
    return InboxGroup(count=total, items=items, **group)


_FIELDS = ("pk", "person__last_name", "person__first_name", "person__patronymic", "created_at")


def _first_of(queryset, *, kind: str, limit: int):
    """The first ``limit`` rows of a kind with the number of all its rows (a window count before LIMIT)."""
    return (
        queryset.order_by("created_at", "pk")
        .annotate(inbox_kind=Value(kind), inbox_total=Window(Count("pk")))
        .values_list(*_FIELDS, "inbox_kind", "inbox_total")[:limit]
    )


def _curator_groups(*, organization, limit: int) -> list[InboxGroup]:
    """The teachers' questionnaires on review and their applications (заявления): the two doors into the
    banks, read in one query (a UNION of the two first pages) to keep the dashboard's query budget."""
    rows = list(
        _first_of(selectors.mentee_candidates(organization=organization), kind="entry", limit=limit).union(
            _first_of(selectors.petitions_waiting(organization=organization), kind="petition", limit=limit),
            all=True,
        )
    )
    found: dict[str, list] = {"entry": [], "petition": []}
    for row in rows:
        found[row[5]].append(row)
    # A UNION keeps no order: each page is put back in the order it was taken in.
    entries, petitions = (sorted(found[k], key=lambda r: (r[4], r[0])) for k in ("entry", "petition"))

    def items(rows, detail):
        return [
            InboxItem(
                short_name_in(SimpleNamespace(last_name=r[1], first_name=r[2], patronymic=r[3])),
                reverse(detail, args=[r[0]]),
            )
            for r in rows
        ]

    return [
        InboxGroup(
            count=entries[0][6] if entries else 0,
            items=items(entries, "banks:mentee-detail"),
            key="banks.mentee_candidates",
            title="Анкеты «Хочу наставника» на рассмотрении",
            noun="анкета",
            all_url=reverse("banks:mentee-list") + "?status=candidate",
            icon="person-plus",
            order=25,
        ),
        InboxGroup(
            count=petitions[0][6] if petitions else 0,
            items=items(petitions, "banks:petition-detail"),
            key="banks.petitions",
            title="Заявления о наставнике и о включении в базу наставников",
            noun="заявление",
            all_url=reverse("banks:petition-list") + "?status=submitted",
            icon="file-earmark-text",
            order=24,
        ),
    ]


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
        groups.extend(_curator_groups(organization=organization, limit=limit))
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
