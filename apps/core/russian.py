"""The portal's Russian: one place for what agrees with a person or a number.

Every page, PDF and message writes Russian through these helpers (and their template filters in
``core/templatetags/ru.py``), never with a hand-written «(а)» or «анкет(ы)»:

* a person's name in any grammatical case, in full or with initials — :func:`full_name_in`,
  :func:`short_name_in` («Ёлкина П. Ф.»), :func:`initials_name_in` («П. Ф. Ёлкину»);
* words agreeing with a person's sex — :func:`by_sex` («получил» / «получила»);
* a noun agreeing with a numeral — :func:`count` («2 анкеты», «22 года», «1 наставляемый»).

A "person" is anything with ``last_name``, ``first_name`` and ``patronymic`` — a registry
:class:`~apps.staff.models.Person` (whose sex and corrected name forms are stored) or a
:class:`~apps.accounts.models.User` (whose sex comes from the person records linked to the account,
else from the patronymic). Core imports no app: everything is read by attribute.
"""

from __future__ import annotations

import contextlib

from pytrovich.enums import Gender, NamePart

from apps.core.names import CASES, _decline, decline_full_name, detect_gender

FEMALE = "f"
MALE = "m"

# The nouns the portal counts, as (one, few, many): «1 анкета, 2 анкеты, 5 анкет». A template names
# the noun by its first form: ``{{ n|ru_count:"анкета" }}``; a noun not listed here is written out:
# ``{{ n|ru_count:"неудачная попытка,неудачные попытки,неудачных попыток" }}``.
NOUNS: dict[str, tuple[str, str, str]] = {
    forms[0]: forms
    for forms in (
        ("год", "года", "лет"),
        ("месяц", "месяца", "месяцев"),
        ("неделя", "недели", "недель"),
        ("день", "дня", "дней"),
        ("рабочий день", "рабочих дня", "рабочих дней"),
        ("час", "часа", "часов"),
        ("минута", "минуты", "минут"),
        ("анкета", "анкеты", "анкет"),
        ("ответ", "ответа", "ответов"),
        ("наставник", "наставника", "наставников"),
        ("наставляемый", "наставляемых", "наставляемых"),
        ("пара", "пары", "пар"),
        ("группа", "группы", "групп"),
        ("программа", "программы", "программ"),
        ("мероприятие", "мероприятия", "мероприятий"),
        ("приказ", "приказа", "приказов"),
        ("работник", "работника", "работников"),
        ("педагог", "педагога", "педагогов"),
        ("человек", "человека", "человек"),
        ("участник", "участника", "участников"),
        ("организация", "организации", "организаций"),
        ("школа", "школы", "школ"),
        ("запись", "записи", "записей"),
        ("строка", "строки", "строк"),
        ("файл", "файла", "файлов"),
        ("балл", "балла", "баллов"),
        ("вопрос", "вопроса", "вопросов"),
        ("пункт", "пункта", "пунктов"),
        ("согласие", "согласия", "согласий"),
        ("заявка", "заявки", "заявок"),
        ("кандидат", "кандидата", "кандидатов"),
        ("событие", "события", "событий"),
        ("страница", "страницы", "страниц"),
        ("раз", "раза", "раз"),
        ("процент", "процента", "процентов"),
    )
}


def plural_form(number: int, one: str, few: str, many: str) -> str:
    """1 программа, 2 программы, 5 программ, 11 программ, 21 программа."""
    n = abs(int(number)) % 100
    if 11 <= n <= 14:
        return many
    n %= 10
    if n == 1:
        return one
    if 2 <= n <= 4:
        return few
    return many


def noun_forms(noun: str) -> tuple[str, str, str]:
    """``"анкета"`` (a noun of :data:`NOUNS`) or ``"one,few,many"`` written out → the three forms."""
    if "," in noun:
        one, few, many = (form.strip() for form in noun.split(","))
        return one, few, many
    try:
        return NOUNS[noun]
    except KeyError:
        message = f"«{noun}» is not in apps.core.russian.NOUNS: add it or write its three forms"
        raise ValueError(message) from None


def agree(number: int, noun: str) -> str:
    """The noun alone, agreeing with ``number``: agree(2, "анкета") → «анкеты»."""
    return plural_form(number, *noun_forms(noun))


def count(number: int, noun: str) -> str:
    """The number with its noun: count(22, "год") → «22 года», count(1, "наставляемый") → «1 наставляемый»."""
    return f"{number} {agree(number, noun)}"


# ---------------------------------------------------------------------------------------------------
# Persons


def sex_of(person) -> str:
    """ "f", "m" or "" (unknown): the registry's sex; for an account, the sex of its person records;
    otherwise guessed from the patronymic and the first name."""
    if person is None:
        return ""
    sex = getattr(person, "sex", "") or ""
    if sex in (FEMALE, MALE):
        return sex
    cached = getattr(person, "_ru_sex", None)
    if cached is not None:
        return cached
    sex = _sex_guessed(person)
    with contextlib.suppress(AttributeError):
        person._ru_sex = sex  # one look-up per object and request
    return sex


def _sex_guessed(person) -> str:
    linked = getattr(person, "people", None)  # User → staff.Person (reverse FK); core names no app
    if linked is not None and getattr(person, "pk", None):
        prefetched = getattr(person, "_prefetched_objects_cache", {}).get("people")
        try:
            values = (
                [p.sex for p in prefetched]
                if prefetched is not None
                else linked.all().values_list("sex", flat=True)  # a list of accounts prefetches «people»
            )
            for value in values:
                if value in (FEMALE, MALE):
                    return value
        except (AttributeError, TypeError, ValueError):
            pass
    gender = detect_gender(getattr(person, "first_name", "") or "", getattr(person, "patronymic", "") or "")
    return {Gender.FEMALE: FEMALE, Gender.MALE: MALE}.get(gender, "")


def by_sex(person, masculine: str, feminine: str) -> str:
    """The word that agrees with the person: by_sex(p, "ознакомлен", "ознакомлена").

    For a person whose sex cannot be told (no patronymic, an unknown first name) the masculine form,
    the form of Russian official writing for a post («работник ознакомлен»)."""
    return feminine if sex_of(person) == FEMALE else masculine


def _gender(person) -> Gender:
    return {FEMALE: Gender.FEMALE, MALE: Gender.MALE}.get(sex_of(person), Gender.ANDROGYNOUS)


def _parts(person) -> tuple[str, str, str]:
    return (
        getattr(person, "last_name", "") or "",
        getattr(person, "first_name", "") or "",
        getattr(person, "patronymic", "") or "",
    )


def full_name_in(person, case: str = "nominative") -> str:
    """«Ёлкин Пётр Фомич» in a case: full_name_in(p, "genitive") → «Ёлкина Петра Фомича».

    A registry person's stored form wins (the curator may have corrected it)."""
    if person is None:
        return ""
    last, first, patronymic = _parts(person)
    if case == "nominative":
        return " ".join(p for p in (last, first, patronymic) if p)
    stored = getattr(person, f"name_{case}", "") or ""
    if stored:
        return stored
    return decline_full_name(last, first, patronymic, case, sex_of(person))


def last_name_in(person, case: str = "nominative") -> str:
    """The surname alone in a case; from the stored full form when there is one."""
    last = _parts(person)[0]
    if case == "nominative" or not last:
        return last
    stored = getattr(person, f"name_{case}", "") or ""
    if stored:
        words = stored.split()
        width = len(last.split())
        if len(words) >= width:
            return " ".join(words[:width])
    return _decline(NamePart.LASTNAME, _gender(person), CASES[case], last)


def _initials(person) -> str:
    _, first, patronymic = _parts(person)
    return " ".join(f"{p[0]}." for p in (first, patronymic) if p)


def short_name_in(person, case: str = "nominative") -> str:
    """«Ёлкин П. Ф.» in a case: short_name_in(p, "genitive") → «Ёлкина П. Ф.»."""
    if person is None:
        return ""
    return f"{last_name_in(person, case)} {_initials(person)}".strip()


def initials_name_in(person, case: str = "nominative") -> str:
    """«П. Ф. Ёлкин» in a case, the form of a signature block and of an order's points:
    initials_name_in(p, "dative") → «П. Ф. Ёлкину»."""
    if person is None:
        return ""
    return f"{_initials(person)} {last_name_in(person, case)}".strip()


__all__ = [
    "FEMALE",
    "MALE",
    "NOUNS",
    "agree",
    "by_sex",
    "count",
    "full_name_in",
    "initials_name_in",
    "last_name_in",
    "noun_forms",
    "plural_form",
    "sex_of",
    "short_name_in",
]
