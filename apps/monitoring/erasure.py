"""Destruction after a withdrawal (152-ФЗ art. 21 p. 5) in the monitoring, registered on
``apps.staff.hooks.erasers``: assessments, observation protocols and survey assignments
(``services.erase_person_data``), with the act's words for each."""

from apps.staff.hooks import Erasure

from .services import erase_person_data

WORDS = {
    "assessments": "оценки (мониторинг)",
    "observations": "протоколы наблюдения уроков",
    "survey_assignments": "назначения анкет (сами ответы анонимны и сохранены)",
}


def erase(*, person, user) -> Erasure:
    return Erasure.counted(WORDS, erase_person_data(person=person))
