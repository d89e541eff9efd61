"""Destruction after a withdrawal (152-ФЗ art. 21 p. 5) in the pairs, registered on
``apps.staff.hooks.erasers``: the duty consents of the person and their scans
(``services.erase_person_data``), with the act's words for each."""

from apps.staff.hooks import Erasure

from .services import erase_person_data

WORDS = {
    "duty_consents": "согласия на возложение дополнительных обязанностей",
    "duty_consent_scans": "сканы согласий на дополнительные обязанности (файлы)",
}


def erase(*, person, user) -> Erasure:
    counts, files = erase_person_data(person=person)
    return Erasure.counted(WORDS, counts, files=files)
