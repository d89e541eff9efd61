"""Russian full names in grammatical cases, for orders and documents (pytrovich).

The forms are suggestions: callers store them so the curator can correct them before printing
(«Лев» as a surname is declined «Лева», some write «Льва»).
"""

from functools import lru_cache

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case, Gender, NamePart
from pytrovich.maker import PetrovichDeclinationMaker

CASES = {
    "genitive": Case.GENITIVE,
    "dative": Case.DATIVE,
    "accusative": Case.ACCUSATIVE,
    "instrumental": Case.INSTRUMENTAL,
    "prepositional": Case.PREPOSITIONAL,
}


@lru_cache(maxsize=1)
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@lru_cache(maxsize=1)
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


def detect_gender(first_name: str, patronymic: str = "", sex: str = "") -> Gender:
    """``sex`` is the registry's value ("f"/"m") when known; otherwise guess from the patronymic."""
    if sex == "f":
        return Gender.FEMALE
    if sex == "m":
        return Gender.MALE
    try:
        return _detector().detect(firstname=first_name or None, middlename=patronymic or None)
    except Exception:  # pytrovich raises on names it has no rule for
        return Gender.ANDROGYNOUS


def _decline(part: NamePart, gender: Gender, case: Case, value: str) -> str:
    if not value:
        return ""
    try:
        return _maker().make(part, gender, case, value)
    except Exception:
        return value


def decline_full_name(last_name: str, first_name: str, patronymic: str, case: str, sex: str = "") -> str:
    """«Морозова Татьяна Сергеевна» → «Морозовой Татьяне Сергеевне» for case="dative"."""
    gender = detect_gender(first_name, patronymic, sex)
    c = CASES[case]
    parts = [
        _decline(NamePart.LASTNAME, gender, c, last_name),
        _decline(NamePart.FIRSTNAME, gender, c, first_name),
        _decline(NamePart.MIDDLENAME, gender, c, patronymic),
    ]
    return " ".join(p for p in parts if p)


def initials_surname(last_name: str, first_name: str, patronymic: str = "") -> str:
    """«Т. С. Морозова»: the form of a signature block (ГОСТ Р 7.0.97)."""
    initials = " ".join(f"{p[0]}." for p in (first_name, patronymic) if p)
    return f"{initials} {last_name}".strip()
