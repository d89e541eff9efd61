"""Destruction after a withdrawal (152-ФЗ art. 21 p. 5) in the programs, registered on
``apps.staff.hooks.erasers``: the mentee's reflections, the comments and evidence files of the person's
account, the name in the free text of the work log (``services.erase_person_data``), with the act's
words for each."""

from apps.staff.hooks import Erasure

from .services import erase_person_data

WORDS = {
    "reflections": "рефлексия наставляемого в программах",
    "comments": "комментарии к программам, написанные субъектом",
    "evidence_files": "файлы-подтверждения, загруженные субъектом",
    "activity_notes": "записи журнала работы, где упомянуто ФИО (обезличены)",
}


def erase(*, person, user) -> Erasure:
    counts, files = erase_person_data(person=person, user=user)
    return Erasure.counted(WORDS, counts, files=files)
