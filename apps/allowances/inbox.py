"""The allowance's part of «Ждут вашего решения» (apps.accounts.inbox): for the director, the bases waiting
for approval; for the accountant, the approved bases whose month is still to be closed."""

from django.urls import reverse

from apps.accounts.inbox import InboxGroup, InboxItem, first_with_total
from apps.accounts.models import Role

from .models import AllowanceBasis

STEPS = (
    (
        Role.DIRECTOR,
        AllowanceBasis.Status.DRAFT,
        "allowances.to_approve",
        "Основания для начисления доплаты наставникам: утвердить",
        "Доплата: утвердить",
    ),
    (
        Role.ACCOUNTANT,
        AllowanceBasis.Status.APPROVED,
        "allowances.to_close",
        "Основания для начисления доплаты наставникам: начислить и закрыть месяц",
        "Доплата: закрыть месяц",
    ),
)


def provide(*, user, organization, roles, limit):
    if organization is None:
        return []
    groups = []
    for role, status, key, title, short_title in STEPS:
        if role not in roles:
            continue
        waiting = AllowanceBasis.objects.filter(organization=organization, status=status).order_by(
            "year", "month", "pk"
        )
        rows, total = first_with_total(waiting, limit)
        groups.append(
            InboxGroup(
                key=key,
                title=title,
                short_title=short_title,
                count=total,
                items=[
                    InboxItem(
                        f"{basis.month_title}{' (исправление)' if basis.corrects_id else ''}",
                        reverse("allowances:basis-detail", args=[basis.pk]),
                    )
                    for basis in rows
                ],
                noun="основание",
                all_url=reverse("allowances:basis-list"),
                icon="cash-coin",
                order=45,
            )
        )
    return groups
