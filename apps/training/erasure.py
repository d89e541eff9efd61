"""Destruction after a withdrawal (152-ФЗ art. 21 p. 5) in the training app, registered on
``apps.staff.hooks.erasers``: the person's training records with their scans and the psychologist's
support records go."""

from apps.staff.hooks import Erasure

from .services import erase_person_data

WORDS = {
    "training": "сведения об обучении (курсы, семинары, «Школа наставника») со сканами документов",
    "support": "записи психологической поддержки",
}


def erase(*, person, user) -> Erasure:
    counts = erase_person_data(person=person)
    return Erasure.counted(WORDS, counts, files=counts["files"])
