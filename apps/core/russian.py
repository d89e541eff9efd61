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
from types import SimpleNamespace

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
        ("анкетирование", "анкетирования", "анкетирований"),
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
        ("заявление", "заявления", "заявлений"),
        ("кандидат", "кандидата", "кандидатов"),
        ("событие", "события", "событий"),
        ("страница", "страницы", "страниц"),
        ("раз", "раза", "раз"),
        ("процент", "процента", "процентов"),
        ("основание", "основания", "оснований"),
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


def person_named(full_name: str) -> SimpleNamespace:
    """A "person" from a name kept as one string (the organisation's card: «Кузнецова Наталья
    Викторовна»), so that the helpers above decline it: initials_name_in(person_named(name))."""
    last, first, patronymic = ([*(full_name or "").split(maxsplit=2), "", "", ""])[:3]
    return SimpleNamespace(last_name=last, first_name=first, patronymic=patronymic)


def _wrapped_whole(text: str) -> bool:
    """«…» whose first quote closes at the very end (not «А» и «Б»)."""
    if len(text) < 2 or text[0] != "«" or text[-1] != "»":
        return False
    depth = 0
    for n, char in enumerate(text):
        depth += (char == "«") - (char == "»")
        if depth == 0:
            return n == len(text) - 1
    return False


def quoted(text: str) -> str:
    """A name in Russian quotation marks: «…», with quotes inside it turned into „…“ (the second
    level of Russian typography): quoted("Программа «Старт»") → «Программа „Старт“».

    Already quoted text is not wrapped twice."""
    text = (text or "").strip()
    if _wrapped_whole(text):
        text = text[1:-1]
    inner = []
    opened = False
    for char in text:
        if char == "«" or (char == '"' and not opened):
            inner.append("„")
            opened = True
        elif char == "»" or (char == '"' and opened):
            inner.append("“")
            opened = False
        else:
            inner.append(char)
    return "«" + "".join(inner) + "»"


# ---------------------------------------------------------------------------------------------------
# Organisations

# Case endings: (genitive, dative, accusative, instrumental, prepositional) after the stem.
_CASE_ORDER = ("genitive", "dative", "accusative", "instrumental", "prepositional")
# Adjectives by their nominative ending (the longest ending that matches wins); "*" marks the forms
# after г, к, х, ж, ш, ч, щ (where «ы» is spelt «и»: «городским», «детским»).
_ADJECTIVES: dict[str, tuple[str, ...]] = {
    "ое": ("ого", "ому", "ое", "ым*", "ом"),
    "ее": ("его", "ему", "ее", "им", "ем"),
    "ая": ("ой", "ой", "ую", "ой", "ой"),
    "яя": ("ей", "ей", "юю", "ей", "ей"),
    "ый": ("ого", "ому", "ый", "ым", "ом"),
    "ой": ("ого", "ому", "ой", "ым*", "ом"),
    "кий": ("кого", "кому", "кий", "ким", "ком"),
    "гий": ("гого", "гому", "гий", "гим", "гом"),
    "хий": ("хого", "хому", "хий", "хим", "хом"),
    "ний": ("него", "нему", "ний", "ним", "нем"),
    "ий": ("его", "ему", "ий", "им", "ем"),  # after ж, ч, ш, щ: «старший», «заведующий»
}
# The masculine nominative endings: an animate noun's accusative is its genitive («назначить старшего
# вожатого»), an inanimate one's is its nominative («в городской центр»).
_MASCULINE = ("ый", "ой", "ий")
# The head nouns of organisation names (inanimate): nominative ending → case endings.
_NOUNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # word: (stem, nominative ending, endings)
    "учреждение": ("учрежден", "ие", ("ия", "ию", "ие", "ием", "ии")),
    "организация": ("организац", "ия", ("ии", "ии", "ию", "ией", "ии")),
    "гимназия": ("гимназ", "ия", ("ии", "ии", "ию", "ией", "ии")),
    "академия": ("академ", "ия", ("ии", "ии", "ию", "ией", "ии")),
    "станция": ("станц", "ия", ("ии", "ии", "ию", "ией", "ии")),
    "школа": ("школ", "а", ("ы", "е", "у", "ой", "е")),
    "училище": ("училищ", "е", ("а", "у", "е", "ем", "е")),
    "лицей": ("лице", "й", ("я", "ю", "й", "ем", "е")),
    "колледж": ("колледж", "", ("а", "у", "", "ем", "е")),
    "техникум": ("техникум", "", ("а", "у", "", "ом", "е")),
    "центр": ("центр", "", ("а", "у", "", "ом", "е")),
    "сад": ("сад", "", ("а", "у", "", "ом", "у")),
    "интернат": ("интернат", "", ("а", "у", "", "ом", "е")),
    "комплекс": ("комплекс", "", ("а", "у", "", "ом", "е")),
    "институт": ("институт", "", ("а", "у", "", "ом", "е")),
    "университет": ("университет", "", ("а", "у", "", "ом", "е")),
    "дом": ("дом", "", ("а", "у", "", "ом", "е")),
    # The education authorities of municipalities («Управление образования администрации …»).
    "управление": ("управлен", "ие", ("ия", "ию", "ие", "ием", "ии")),
    "комитет": ("комитет", "", ("а", "у", "", "ом", "е")),
    "департамент": ("департамент", "", ("а", "у", "", "ом", "е")),
    "отдел": ("отдел", "", ("а", "у", "", "ом", "е")),
}
# Words of an organisation's type written in lower case inside a sentence («в муниципальном бюджетном
# … учреждении»); a first word made from a place name («Нефтеюганское городское …») keeps its capital.
_GENERIC_STEMS = (
    "муниципальн",
    "государственн",
    "негосударственн",
    "федеральн",
    "бюджетн",
    "автономн",
    "казённ",
    "казенн",
    "частн",
    "областн",
    "краев",
    "окружн",
    "республиканск",
    "районн",
    "городск",
    "общеобразовательн",
    "образовательн",
    "профессиональн",
    "дошкольн",
    "специальн",
    "коррекционн",
    "учрежден",
    "организац",
    "школ",
    "гимназ",
    "лице",
    "колледж",
    "техникум",
    "центр",
    "детск",
)
_QUOTES = '«"„“'


def _decline_adjective(word: str, case: str, *, animate: bool = False) -> str | None:
    """An adjective (or an adjective used as a noun) in a case, by its nominative ending; None for a
    word that is not one. ``animate``: a masculine accusative takes the genitive form."""
    if case == "nominative":
        return word
    lower = word.lower()
    prefix, _, last = lower.rpartition("-")  # «культурно-досуговое»: only the last part declines
    for ending in sorted(_ADJECTIVES, key=len, reverse=True):
        if last.endswith(ending) and len(last) > len(ending) + 1:
            wanted = "genitive" if animate and case == "accusative" and ending.endswith(_MASCULINE) else case
            form = _ADJECTIVES[ending][_CASE_ORDER.index(wanted)]
            stem = last[: -len(ending)]
            if form.endswith("*"):
                form = form[:-1]
                if stem[-1:] in "гкхжшчщ":
                    form = "и" + form[1:]
            declined = (prefix + "-" if prefix else "") + stem + form
            return _restore_capital(word, declined)
    return None


def _decline_noun(word: str, case: str) -> str | None:
    lower = word.lower()
    parts = lower.split("-")  # «школа-интернат»: both parts decline
    out = []
    for part in parts:
        known = _NOUNS.get(part)
        if known is None:
            return None
        stem, _, endings = known
        out.append(stem + endings[_CASE_ORDER.index(case)])
    return _restore_capital(word, "-".join(out))


def _restore_capital(word: str, declined: str) -> str:
    if word.isupper() and len(word) > 1:
        return declined.upper()
    if word[:1].isupper():
        return declined[:1].upper() + declined[1:]
    return declined


def organization_name_in(name: str, case: str = "nominative", *, in_sentence: bool = True) -> str:
    """An organisation's full name in a case: the type words before the proper name decline, the
    proper name in quotes and whatever follows the head noun («дополнительного образования») stay:

    organization_name_in("Муниципальное бюджетное общеобразовательное учреждение «Средняя
    общеобразовательная школа № 5»", "prepositional") → «муниципальном бюджетном общеобразовательном
    учреждении «Средняя общеобразовательная школа № 5»».

    ``in_sentence``: the first word is written in lower case when it is a generic word of the type
    (not a place name), as inside a sentence. A name whose head noun is not known, or that starts with
    an abbreviation («МБОУ …»), is returned unchanged."""
    name = " ".join((name or "").split())
    if not name or (case == "nominative" and not in_sentence):
        return name
    quote = min((i for i in (name.find(q) for q in _QUOTES) if i >= 0), default=len(name))
    head, tail = name[:quote], name[quote:]
    words = head.split()
    if not words:
        return name
    declined: list[str] = []
    for index, word in enumerate(words):
        if case == "nominative":
            declined.append(word)
            continue
        noun = _decline_noun(word, case)
        if noun is not None:
            declined.append(noun)
            declined.extend(words[index + 1 :])
            break
        adjective = _decline_adjective(word, case)
        if adjective is None:
            return name  # not an organisation's type we know («МБОУ …»): leave it as written
        declined.append(adjective)
    else:
        if case != "nominative":
            return name  # no head noun: nothing to agree with
    first = declined[0]
    if in_sentence and not first.isupper() and first.lower().startswith(_GENERIC_STEMS):
        declined[0] = first[:1].lower() + first[1:]
    return " ".join([*declined, tail] if tail else declined)


# ---------------------------------------------------------------------------------------------------
# Positions


# Endings of the nomenclature's nouns (ПП РФ № 225) by case: a noun ending in a consonant
# («методист», «педагог») or in «ь» («учитель», «заместитель»); the adjectives before the noun and the
# substantivised ones («старший», «социальный», «заведующий», «вожатый») decline as an organisation's
# type words do (_decline_adjective), animate. Masculine forms: the
# position names a post, not its holder («Гусь Ольга Петровна, учитель»). The accusative of an
# animate masculine noun is the genitive («назначить учителя»).
_NOUN_ENDINGS = {
    "nominative": ("", "ь"),
    "genitive": ("а", "я"),
    "dative": ("у", "ю"),
    "accusative": ("а", "я"),
    "instrumental": ("ом", "ем"),
    "prepositional": ("е", "е"),
}
_HUSHING = "жчшщц"


def _is_adjective(word: str) -> bool:
    return len(word) > 3 and word[-2:] in ("ый", "ий")


# Adjectives that name the post themselves: the head of the title («заведующий кафедрой»).
_SUBSTANTIVES = {"заведующий", "вожатый", "дежурный"}


def _decline_position_noun(word: str, case: str) -> str | None:
    """A masculine noun of the second declension, or None for a word it cannot decline."""
    if word.endswith("ь"):
        return word[:-1] + _NOUN_ENDINGS[case][1]
    if word[-1:] in "бвгдзклмнпрстфх":
        return word + _NOUN_ENDINGS[case][0]
    if word[-1:] in _HUSHING:  # «врач»: врача, врачу, врачом
        ending = _NOUN_ENDINGS[case][0]
        return word + ("ем" if ending == "ом" and word[-1] == "ц" else ending)
    return None


def _decline_head_word(word: str, case: str) -> str | None:
    parts = word.split("-")  # «учитель-логопед», «педагог-психолог»: both parts decline
    out = [_decline_position_noun(part, case) for part in parts]
    if any(p is None for p in out):
        return None
    return "-".join(out)


def position_in(title: str, case: str = "nominative") -> str:
    """A position of the nomenclature in a case, first letter lower-cased for running text: the
    adjectives before the head noun and the head noun decline, the words after it («математики»,
    «по учебной работе», «дополнительного образования») stay.

    position_in("Учитель-логопед", "instrumental") → «учителем-логопедом»;
    position_in("Заместитель директора по УВР", "genitive") → «заместителя директора по УВР»;
    position_in("Старший вожатый", "dative") → «старшему вожатому».
    A title whose head word is not a declinable masculine noun stays in the nominative after
    «в должности»: «в должности „…“»."""
    title = " ".join((title or "").split())
    if not title:
        return ""
    words = title.split(" ")
    lowered = words[0][:1].lower() + words[0][1:] if not words[0][:2].isupper() else words[0]
    words[0] = lowered
    if case == "nominative":
        return " ".join(words)
    out = []
    for i, word in enumerate(words):
        bare = word.lower()
        if "(" in word:  # «Преподаватель (профессорско-преподавательский состав)»: the note stays
            out.extend(words[i:])
            break
        if _is_adjective(bare) and word == bare:
            out.append(_decline_adjective(word, case, animate=True) or word)
            if bare in _SUBSTANTIVES:
                out.extend(words[i + 1 :])
                break
            continue
        declined = _decline_head_word(word, case) if word == bare else None
        if declined is None:
            if i == 0:
                return f"в должности «{title[:1].lower() + title[1:]}»"
            out.extend(words[i:])
            break
        out.append(declined)
        out.extend(words[i + 1 :])
        break
    return " ".join(out)


# ---------------------------------------------------------------------------------------------------
# Numbers in words: sums in roubles and percentages as a Russian agreement writes them


_UNITS = {
    "nominative": ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"],
    "genitive": ["", "одного", "двух", "трёх", "четырёх", "пяти", "шести", "семи", "восьми", "девяти"],
}
_UNITS_FEMININE = {
    "nominative": ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"],
    "genitive": ["", "одной", "двух", "трёх", "четырёх", "пяти", "шести", "семи", "восьми", "девяти"],
}
_TEENS = {
    "nominative": [
        "десять",
        "одиннадцать",
        "двенадцать",
        "тринадцать",
        "четырнадцать",
        "пятнадцать",
        "шестнадцать",
        "семнадцать",
        "восемнадцать",
        "девятнадцать",
    ],
    "genitive": [
        "десяти",
        "одиннадцати",
        "двенадцати",
        "тринадцати",
        "четырнадцати",
        "пятнадцати",
        "шестнадцати",
        "семнадцати",
        "восемнадцати",
        "девятнадцати",
    ],
}
_TENS = {
    "nominative": [
        "",
        "",
        "двадцать",
        "тридцать",
        "сорок",
        "пятьдесят",
        "шестьдесят",
        "семьдесят",
        "восемьдесят",
        "девяносто",
    ],
    "genitive": [
        "",
        "",
        "двадцати",
        "тридцати",
        "сорока",
        "пятидесяти",
        "шестидесяти",
        "семидесяти",
        "восьмидесяти",
        "девяноста",
    ],
}
_HUNDREDS = {
    "nominative": [
        "",
        "сто",
        "двести",
        "триста",
        "четыреста",
        "пятьсот",
        "шестьсот",
        "семьсот",
        "восемьсот",
        "девятьсот",
    ],
    "genitive": [
        "",
        "ста",
        "двухсот",
        "трёхсот",
        "четырёхсот",
        "пятисот",
        "шестисот",
        "семисот",
        "восьмисот",
        "девятисот",
    ],
}
# (one, few, many) in the nominative; in the genitive: (one, many, many)
_SCALES = [
    ("тысяча", "тысячи", "тысяч", True),
    ("миллион", "миллиона", "миллионов", False),
]
_SCALES_GENITIVE = [("тысячи", "тысяч", "тысяч"), ("миллиона", "миллионов", "миллионов")]


def _triad(n: int, case: str, feminine: bool) -> list[str]:
    words = [_HUNDREDS[case][n // 100]]
    rest = n % 100
    if 10 <= rest <= 19:
        words.append(_TEENS[case][rest - 10])
    else:
        words.append(_TENS[case][rest // 10])
        words.append((_UNITS_FEMININE if feminine else _UNITS)[case][rest % 10])
    return [w for w in words if w]


def _genitive_form(number: int, one: str, many: str) -> str:
    """In the genitive a noun after a numeral is singular only after «одного» (21, 101, but not 11)."""
    n = number % 100
    return one if n % 10 == 1 and n != 11 else many


def number_in_words(number: int, case: str = "nominative", *, feminine: bool = False) -> str:
    """A whole number 0 ≤ n < 10⁹ in words, in the nominative or the genitive:
    number_in_words(3000) → «три тысячи», number_in_words(3000, "genitive") → «трёх тысяч»."""
    if case not in ("nominative", "genitive"):
        raise ValueError(f"number_in_words: case {case!r} is not supported")
    number = int(number)
    if not 0 <= number < 10**9:
        raise ValueError("number_in_words: from 0 to 999 999 999")
    if number == 0:
        return "ноль" if case == "nominative" else "нуля"
    words: list[str] = []
    millions, thousands, units = number // 10**6, number // 1000 % 1000, number % 1000
    for value, scale in ((millions, 1), (thousands, 0)):
        if not value:
            continue
        fem = _SCALES[scale][3]
        words += _triad(value, case, fem)
        if case == "nominative":
            words.append(plural_form(value, *_SCALES[scale][:3]))
        else:
            one, many, _ = _SCALES_GENITIVE[scale]
            words.append(_genitive_form(value, one, many))
    words += _triad(units, case, feminine)
    return " ".join(words)


def grouped(number: int) -> str:
    """3000 → «3 000» (a no-break space between the thousands, as in a printed document)."""
    return f"{int(number):,}".replace(",", "\u00a0")


def rubles(amount: int, case: str = "nominative") -> str:
    """A sum as an agreement writes it: rubles(3000, "genitive") → «3 000 (трёх тысяч) рублей»
    («в размере … рублей»); rubles(21) → «21 (двадцать один) рубль»."""
    amount = int(amount)
    words = number_in_words(amount, case)
    if case == "genitive":
        noun = _genitive_form(amount, "рубля", "рублей")
    else:
        noun = plural_form(amount, "рубль", "рубля", "рублей")
    return f"{grouped(amount)} ({words}) {noun}"


def percent(value: int, case: str = "nominative") -> str:
    """percent(10, "genitive") → «10 (десяти) процентов», percent(1, "genitive") → «1 (одного) процента»."""
    value = int(value)
    words = number_in_words(value, case)
    if case == "genitive":
        noun = _genitive_form(value, "процента", "процентов")
    else:
        noun = plural_form(value, "процент", "процента", "процентов")
    return f"{value} ({words}) {noun}"


# ---------------------------------------------------------------------------------------------------
# Dates

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def day_month(day) -> str:
    """«5 декабря», «1 января»: a date (or a datetime, already in the wanted time zone) with the month in
    the genitive, whatever language is active."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]}"


__all__ = [
    "FEMALE",
    "MALE",
    "NOUNS",
    "agree",
    "by_sex",
    "count",
    "day_month",
    "full_name_in",
    "grouped",
    "initials_name_in",
    "last_name_in",
    "noun_forms",
    "number_in_words",
    "organization_name_in",
    "percent",
    "person_named",
    "plural_form",
    "position_in",
    "quoted",
    "rubles",
    "sex_of",
    "short_name_in",
]


# ---------------------------------------------------------------------------------------------------
# Municipalities

# The head words of a municipality's name: «город Сургут», «Сургутский район», «городской округ …».
_PLACE_NOUNS = {
    "город": ("город", ("а", "у", "", "ом", "е")),
    "район": ("район", ("а", "у", "", "ом", "е")),
    "округ": ("округ", ("а", "у", "", "ом", "е")),
    "поселение": ("поселен", ("ия", "ию", "ие", "ием", "ии")),
}
# A city's own name after «город» declines when it ends in a hard consonant («города Сургута»,
# «города Нефтеюганска», «города Ханты-Мансийска»); other names («города Сочи») stay.
_CITY_ENDINGS = ("а", "у", "", "ом", "е")


def municipality_name_in(name: str, case: str = "nominative") -> str:
    """A municipality's name in a case: «город Сургут» → «города Сургута», «Сургутский район» →
    «Сургутского района», «городской округ Славгород» → «городского округа Славгород» (the name of a
    «городской округ» stays in the nominative, as official documents write it). A name of another
    shape is returned unchanged (the municipality's card then keeps the declined form)."""
    name = " ".join((name or "").split())
    if case == "nominative" or not name:
        return name
    index = _CASE_ORDER.index(case)
    words = name.split()
    out: list[str] = []
    for position, word in enumerate(words):
        noun = _PLACE_NOUNS.get(word.lower())
        if noun is not None:
            out.append(_restore_capital(word, noun[0] + noun[1][index]))
            rest = words[position + 1 :]
            if word.lower() == "город" and len(rest) == 1:
                city = rest[0]
                if city[-1:].lower() in "бвгджзклмнпрстфхцчшщ":
                    rest = [city + _CITY_ENDINGS[index]]
            return " ".join([*out, *rest])
        adjective = _decline_adjective(word, case)
        if adjective is None:
            return name
        out.append(adjective)
    return name


# ---------------------------------------------------------------------------------------------------
# Months

# Nominative (= accusative: «за ноябрь»), genitive («1 ноября»), prepositional («в ноябре»).
_MONTHS = {
    "nominative": tuple(
        "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split()  # noqa: SIM905
    ),
    "genitive": tuple(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()  # noqa: SIM905
    ),
    "prepositional": tuple(
        "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре".split()  # noqa: SIM905
    ),
}


def month_name(month: int, case: str = "nominative") -> str:
    """month_name(11) → «ноябрь»; "genitive" → «ноября»; "prepositional" → «ноябре»; "accusative" as
    the nominative («за ноябрь»)."""
    case = "nominative" if case == "accusative" else case
    return _MONTHS[case][month - 1]
