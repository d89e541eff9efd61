"""Destruction after a withdrawal (152-ФЗ art. 21 p. 5) in the territory app, registered on
``apps.staff.hooks.erasers``: the individual routes go, the awards (registered documents signed by the
director) are kept (``services.erase_person_data``), with the act's words for each."""

from apps.staff.hooks import Erasure

from .services import erase_person_data

WORDS = {"routes": "индивидуальные образовательные маршруты (ИОМ) с записями и действиями"}
KEPT_WORDS = {
    "awards": "поощрения (благодарственные письма, грамоты): зарегистрированные документы организации, "
    "подписанные руководителем",
}


def erase(*, person, user) -> Erasure:
    destroyed, kept = erase_person_data(person=person)
    erasure = Erasure.counted(WORDS, destroyed)
    erasure.kept = [(text, kept.get(key, 0)) for key, text in KEPT_WORDS.items()]
    return erasure
