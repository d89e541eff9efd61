"""Destruction after a withdrawal (152-ФЗ art. 21 p. 5) in the programs, registered on
``apps.staff.hooks.erasers``: the mentee's reflections, the comments and evidence files of the person's
account, the name in the free text of the work log (``services.erase_person_data``), with the act's
words for each."""

from django.apps import apps

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


def history(*, person) -> dict:
    """The change-history events of the work log that may name the person in their free text (every
    version of a corrected entry and the removed ones keep it): they go with the registry's."""
    if not person.last_name:
        return {}
    events = apps.get_model("programs", "ActivityLogEvent").objects.filter(
        program__organization_id=person.organization_id, notes__icontains=person.last_name
    )
    return {"activity_log": events}
