"""The mentor's allowance for a pair or group (ТК РФ ст. 351.8): a monthly sum or a percentage of the
salary, set by the director or the curator before the pair goes into the order; the words of it in
the order and the additional agreement."""

from django.db import transaction

from apps.core.exceptions import DomainError
from apps.core.russian import percent, rubles

from ..models import MentoringGroup

PERCENT_MAX = 100
AMOUNT_MAX = 1_000_000


def allowance_of(group: MentoringGroup) -> tuple[int | None, int | None]:
    """(sum, percent) in force for the group: its own, else the default of its employer's Regulation
    (the mentor's organisation pays: for a distance pair that is not the pair's own)."""
    if group.allowance_amount or group.allowance_percent:
        return group.allowance_amount, group.allowance_percent
    employer = group.mentor.organization
    return employer.mentor_allowance_amount, employer.mentor_allowance_percent


def allowance_words(group: MentoringGroup) -> str:
    """«доплата в размере 3 000 (трёх тысяч) рублей в месяц», «доплата в размере 10 (десяти)
    процентов должностного оклада в месяц»; with none set, the pair's payment terms."""
    amount, share = allowance_of(group)
    if amount:
        return f"доплата в размере {rubles(amount, 'genitive')} в месяц"
    if share:
        return f"доплата в размере {percent(share, 'genitive')} должностного оклада в месяц"
    return group.payment_terms


def allowance_short(group: MentoringGroup) -> str:
    """For a table cell: «3 000 руб. в месяц», «10 % оклада в месяц», or «по Положению»."""
    amount, share = allowance_of(group)
    if amount:
        return f"{amount:,} руб. в месяц".replace(",", "\u00a0")
    if share:
        return f"{share}\u00a0% оклада в месяц"
    return "по положению об оплате труда"


def check_allowance(*, amount: int | None, share: int | None) -> None:
    """Exactly one of the two; a sum above zero, a percentage from 1 to 100."""
    if amount is not None and share is not None:
        raise DomainError("Укажите либо сумму, либо процент оклада, но не то и другое.", field="amount")
    if amount is None and share is None:
        raise DomainError("Укажите сумму доплаты в рублях или процент оклада.", field="amount")
    if amount is not None and not 1 <= amount <= AMOUNT_MAX:
        raise DomainError("Сумма доплаты — целое число рублей больше нуля.", field="amount")
    if share is not None and not 1 <= share <= PERCENT_MAX:
        raise DomainError("Процент оклада — целое число от 1 до 100.", field="percent")


@transaction.atomic
def group_set_allowance(
    *, group: MentoringGroup, user, amount: int | None, share: int | None
) -> MentoringGroup:
    """Set the allowance of a draft pair or group: once the pair is in an order, the order and the
    agreement carry what was set, and a change needs the pair returned to a draft."""
    check_allowance(amount=amount, share=share)
    group = MentoringGroup.objects.select_for_update(of=("self",)).get(pk=group.pk)
    if group.status != MentoringGroup.Status.DRAFT:
        raise DomainError(
            "Доплата устанавливается, пока пара (группа) в статусе «проект»: "
            "после включения в приказ её размер закреплён приказом."
        )
    if (group.allowance_amount, group.allowance_percent) == (amount, share):
        return group
    group.allowance_amount, group.allowance_percent = amount, share
    group.save(update_fields=["allowance_amount", "allowance_percent", "updated_at"])
    return group
