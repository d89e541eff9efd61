"""The registry's part of «Ждут вашего решения» (apps.accounts.inbox): for the curator, people whose
consent to personal-data processing is not recorded."""

from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role

from .selectors import people_without_consent


def provide(*, user, organization, roles, limit):
    if organization is None or Role.CURATOR not in roles:
        return []
    people = people_without_consent(organization=organization).order_by("last_name", "first_name", "pk")
    rows, total = first_with_total(people, limit)
    return [
        InboxGroup(
            key="staff.without_consent",
            title="Нет согласия на обработку персональных данных",
            count=total,
            items=[InboxItem(p.short_name, reverse("staff:person-detail", args=[p.pk])) for p in rows],
            noun="человек",
            all_url=reverse("staff:person-list") + "?consent=missing",
            icon="shield-exclamation",
            order=20,
        )
    ]
