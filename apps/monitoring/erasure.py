"""Destruction after a withdrawal (152-ФЗ art. 21 p. 5) in the monitoring, registered on
``apps.staff.hooks.erasers``: assessments, observation protocols and survey assignments
(``services.erase_person_data``), the level-4 records of a mentee and the activity of a mentor or a
mentee (``outcome_services.erase_person_outcomes``), with the act's words for each."""

from apps.staff.hooks import Erasure

from .outcome_services import erase_person_outcomes
from .services import erase_person_data

WORDS = {
    "assessments": "оценки (мониторинг)",
    "observations": "протоколы наблюдения уроков",
    "survey_assignments": "назначения анкет (сами ответы анонимны и сохранены)",
    "pupil_results": "результаты обучающихся наставляемого",
    "activities": "записи о профессиональной активности",
    "adaptation": "оценки адаптации",
}


def erase(*, person, user) -> Erasure:
    return Erasure.counted(
        WORDS, {**erase_person_data(person=person), **erase_person_outcomes(person=person)}
    )
