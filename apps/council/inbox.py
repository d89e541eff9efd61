"""The council's part of «Ждут вашего решения» (apps.accounts.inbox): for a council member, the questions
of the coming meetings still without a decision, the conflicts between a mentor and a mentee awaiting the
council's arbitration, and the programs on approval that no meeting has on its agenda yet."""

from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role

from . import selectors


def _item_rows(rows) -> list[InboxItem]:
    return [
        InboxItem(
            item.question,
            reverse("council:meeting-detail", args=[item.meeting_id]) + f"#item-{item.pk}",
            note=f"заседание {item.meeting.date:%d.%m.%Y}",
        )
        for item in rows
    ]


def provide(*, user, organization, roles, limit):
    if organization is None or Role.COUNCIL not in roles:
        return []
    meetings_url = reverse("council:meeting-list")
    groups = []
    rows, total = first_with_total(selectors.open_items(organization=organization, conflicts=False), limit)
    groups.append(
        InboxGroup(
            key="council.open_items",
            title="Вопросы заседаний совета без решения",
            short_title="Вопросы совета",
            count=total,
            items=_item_rows(rows),
            noun="вопрос",
            all_url=meetings_url,
            icon="people",
            order=32,
        )
    )
    rows, total = first_with_total(selectors.open_items(organization=organization, conflicts=True), limit)
    groups.append(
        InboxGroup(
            key="council.conflicts",
            title="Конфликты наставников и наставляемых: ждут рассмотрения советом",
            short_title="Конфликты",
            count=total,
            items=_item_rows(rows),
            noun="вопрос",
            all_url=meetings_url,
            icon="exclamation-diamond",
            order=31,
        )
    )
    waiting = selectors.programs_awaiting_council(organization=organization)
    rows, total = first_with_total(waiting.order_by("updated_at", "pk"), limit)
    groups.append(
        InboxGroup(
            key="council.programs_awaiting",
            title="Программы на согласовании: не внесены в повестку совета",
            short_title="Программы для совета",
            count=total,
            items=[
                InboxItem(
                    p.title,
                    reverse("programs:program-detail", args=[p.pk]),
                    note=f"наставник {p.group.mentor.person.short_name}",
                )
                for p in rows
            ],
            noun="программа",
            all_url=meetings_url,
            icon="journal-check",
            order=36,
        )
    )
    return groups
