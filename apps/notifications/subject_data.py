"""The notifications' section of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: the notifications sent to the person's account."""

from apps.staff.subject_data import Section, table

from .models import Notification


def _notifications(person) -> Section:
    qs = Notification.objects.filter(user_id=person.user_id).order_by("created_at", "pk")
    return table(
        "Уведомления",
        "уведомления, направленные субъекту в портале",
        qs if person.user_id else Notification.objects.none(),
        [("Когда", "created_at"), ("Вид", "kind"), ("Текст", "text"), ("Прочитано", "read_at")],
        (18, 30, 70, 18),
    )


def sections(*, person) -> list[Section]:
    return [_notifications(person)]
