"""Destruction after a withdrawal (152-ФЗ art. 21 p. 5) in the notifications, registered on
``apps.staff.hooks.erasers``: what was addressed to the person's account, if they have one
(``services.erase_person_data``), with the act's words for each."""

from apps.staff.hooks import Erasure

from .services import erase_person_data

WORDS = {
    "notifications": "уведомления субъекту",
    "email_deliveries": "письма-уведомления субъекту",
    "messenger_deliveries": "сообщения-уведомления субъекту в мессенджерах",
    "messenger_links": "подключённые мессенджеры субъекта",
}


def erase(*, person, user) -> Erasure:
    if user is None:
        return Erasure()
    return Erasure.counted(WORDS, erase_person_data(user=user))
