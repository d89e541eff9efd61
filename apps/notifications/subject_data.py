"""The notifications' section of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: the notifications sent to the person's account and the
messenger chats linked to it."""

from apps.staff.subject_data import Section, table

from .models import MessengerLink, Notification


def _notifications(person) -> Section:
    qs = Notification.objects.filter(user_id=person.user_id).order_by("created_at", "pk")
    return table(
        "Уведомления",
        "уведомления, направленные субъекту в портале",
        qs if person.user_id else Notification.objects.none(),
        [("Когда", "created_at"), ("Вид", "kind"), ("Текст", "text"), ("Прочитано", "read_at")],
        (18, 30, 70, 18),
    )


def _messengers(links) -> Section:
    return table(
        "Мессенджеры",
        "чаты мессенджеров, подключённые субъектом для уведомлений",
        links,
        [("Мессенджер", "messenger"), ("Номер чата", "chat_id"), ("Подключён", "linked_at")],
        (30, 40, 30),
    )


def sections(*, person) -> list[Section]:
    # The messengers are optional for a deployment and a person: their section only when she linked one.
    links = (
        list(MessengerLink.objects.filter(user_id=person.user_id).order_by("messenger"))
        if person.user_id
        else []
    )
    return [_notifications(person)] + ([_messengers(links)] if links else [])
