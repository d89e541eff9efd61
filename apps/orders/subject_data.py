"""The orders' section of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: the director's orders that name the person."""

from apps.staff.subject_data import Section, table

from .models import OrderParticipant


def _orders(person) -> Section:
    return table(
        "Приказы",
        "приказы руководителя, в которых назван субъект (номер, дата, заголовок)",
        OrderParticipant.objects.filter(person=person)
        .select_related("order")
        .order_by("order__date", "order__number", "pk"),
        [
            ("Номер", lambda p: p.order.number),
            ("Дата", lambda p: p.order.date),
            ("Заголовок", lambda p: p.order.title),
            ("Вид", lambda p: p.order.get_kind_display()),
            ("Статус", lambda p: p.order.get_status_display()),
            ("Роль в приказе", "role"),
            ("Дата ознакомления", "acknowledged_at"),
        ],
        (8, 12, 50, 30, 16, 16, 18),
    )


def sections(*, person) -> list[Section]:
    return [_orders(person)]
