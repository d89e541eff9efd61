"""The language layer: names in cases with the hard names of a real staff file, sex agreement, numerals."""

from types import SimpleNamespace

import pytest

from apps.core import russian
from apps.core.templatetags import ru
from tests.factories.accounts import UserFactory
from tests.factories.pairs import PersonFactory


def person(last, first, patronymic="", sex=""):
    return SimpleNamespace(last_name=last, first_name=first, patronymic=patronymic, sex=sex)


ELKIN = person("Ёлкин", "Пётр", "Фомич")
GUS = person("Гусь", "Ольга", "Петровна", "f")
CHERNYKH = person("Черных", "Анна", "Ивановна")
KUZMINA = person("Кузьмина-Караваева", "Елизавета", "Юрьевна", "f")
DUMAS = person("Дюма", "Александр", "", "m")
KIM = person("Ким", "Виктор", "Енгунович")


@pytest.mark.parametrize(
    ("who", "case", "short", "initials"),
    [
        (ELKIN, "genitive", "Ёлкина П. Ф.", "П. Ф. Ёлкина"),
        (ELKIN, "dative", "Ёлкину П. Ф.", "П. Ф. Ёлкину"),
        (GUS, "genitive", "Гусь О. П.", "О. П. Гусь"),
        (CHERNYKH, "dative", "Черных А. И.", "А. И. Черных"),
        (KUZMINA, "instrumental", "Кузьминой-Караваевой Е. Ю.", "Е. Ю. Кузьминой-Караваевой"),
        (DUMAS, "genitive", "Дюма А.", "А. Дюма"),
        (KIM, "genitive", "Кима В. Е.", "В. Е. Кима"),
        (KIM, "nominative", "Ким В. Е.", "В. Е. Ким"),
    ],
)
def test_a_name_in_a_case_with_initials(who, case, short, initials):
    assert russian.short_name_in(who, case) == short
    assert russian.initials_name_in(who, case) == initials


def test_the_full_name_declines_and_a_stored_correction_wins():
    assert russian.full_name_in(ELKIN, "genitive") == "Ёлкина Петра Фомича"
    assert russian.full_name_in(GUS, "instrumental") == "Гусь Ольгой Петровной"
    corrected = SimpleNamespace(
        **vars(person("Лев", "Игорь", "Олегович")), name_genitive="Льва Игоря Олеговича"
    )
    assert russian.full_name_in(corrected, "genitive") == "Льва Игоря Олеговича"
    assert russian.short_name_in(corrected, "genitive") == "Льва И. О."


def test_sex_comes_from_the_registry_then_from_the_patronymic():
    assert russian.sex_of(GUS) == "f"
    assert russian.sex_of(CHERNYKH) == "f"  # no sex recorded: «Ивановна»
    assert russian.sex_of(ELKIN) == "m"
    # The registry's value beats the patronymic (a data-entry slip is the curator's to fix, not ours to guess).
    assert russian.sex_of(person("Иванова", "Мария", "Ивановна", "m")) == "m"
    assert russian.by_sex(GUS, "ознакомлен", "ознакомлена") == "ознакомлена"
    assert russian.by_sex(KIM, "ознакомлен", "ознакомлена") == "ознакомлен"
    assert russian.sex_of(None) == ""


def test_an_account_takes_the_sex_of_its_registry_person(school):
    user = UserFactory(first_name="Саша", patronymic="", last_name="Гусь")
    PersonFactory(organization=school, user=user, last_name="Гусь", first_name="Саша", patronymic="", sex="f")
    assert russian.by_sex(user, "получил", "получила") == "получила"


@pytest.mark.parametrize(
    ("n", "noun", "text"),
    [
        (22, "год", "22 года"),
        (2, "год", "2 года"),
        (5, "год", "5 лет"),
        (11, "год", "11 лет"),
        (21, "анкета", "21 анкета"),
        (2, "анкета", "2 анкеты"),
        (1, "наставляемый", "1 наставляемый"),
        (3, "наставляемый", "3 наставляемых"),
        (112, "пара", "112 пар"),
        (0, "программа", "0 программ"),
    ],
)
def test_a_noun_agrees_with_its_numeral(n, noun, text):
    assert russian.count(n, noun) == text
    assert ru.ru_count(n, noun) == text


def test_an_unknown_noun_is_refused_rather_than_misspelt():
    with pytest.raises(ValueError):
        russian.count(2, "крокодил")
    assert russian.count(2, "крокодил,крокодила,крокодилов") == "2 крокодила"


def test_template_filters():
    assert ru.sexed(GUS, "получил,получила") == "получила"
    assert ru.short_in(ELKIN, "genitive") == "Ёлкина П. Ф."
    assert ru.initials_in(ELKIN, "dative") == "П. Ф. Ёлкину"
    assert ru.name_in(ELKIN, "genitive") == "Ёлкина Петра Фомича"
    assert ru.ru_plural(5, "анкета") == "анкет"
    assert ru.ru_plural(2, "попытка,попытки,попыток") == "попытки"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Старт", "«Старт»"),
        ("Программа «Старт»", "«Программа „Старт“»"),
        ("«Программа «Старт»»", "«Программа „Старт“»"),
        ("«Старт»", "«Старт»"),
        ("«А» и «Б»", "«„А“ и „Б“»"),
        ('Школа "Успех"', "«Школа „Успех“»"),
    ],
)
def test_quoted_wraps_once_and_turns_inner_quotes_into_the_second_level(text, expected):
    assert russian.quoted(text) == expected
    assert ru.ru_quoted(text) == expected


def test_a_name_kept_as_one_string_declines_like_a_person():
    director = russian.person_named("Кузнецова Наталья Викторовна")
    assert russian.initials_name_in(director) == "Н. В. Кузнецова"
    assert russian.initials_name_in(russian.person_named("")) == ""


SCHOOL_5 = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»"


@pytest.mark.parametrize(
    ("name", "case", "declined"),
    [
        (
            SCHOOL_5,
            "prepositional",
            "муниципальном бюджетном общеобразовательном учреждении «Средняя общеобразовательная школа № 5»",
        ),
        (
            SCHOOL_5,
            "genitive",
            "муниципального бюджетного общеобразовательного учреждения «Средняя общеобразовательная школа № 5»",
        ),
        (
            SCHOOL_5,
            "instrumental",
            "муниципальным бюджетным общеобразовательным учреждением «Средняя общеобразовательная школа № 5»",
        ),
        (
            "Муниципальное автономное учреждение дополнительного образования «Центр детского творчества»",
            "prepositional",
            "муниципальном автономном учреждении дополнительного образования «Центр детского творчества»",
        ),
        (
            "Нефтеюганское городское муниципальное бюджетное общеобразовательное учреждение «Школа № 1»",
            "genitive",
            "Нефтеюганского городского муниципального бюджетного общеобразовательного учреждения «Школа № 1»",
        ),
        ("Муниципальный бюджетный лицей «Ступени»", "dative", "муниципальному бюджетному лицею «Ступени»"),
        ("Частная школа-интернат «Радуга»", "accusative", "частную школу-интернат «Радуга»"),
        ("Бюджетное учреждение «Колледж № 4»", "instrumental", "бюджетным учреждением «Колледж № 4»"),
        ("Средняя общеобразовательная школа № 12", "prepositional", "Средней общеобразовательной школе № 12"),
        (
            "МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ «ШКОЛА № 1»",
            "prepositional",
            "МУНИЦИПАЛЬНОМ БЮДЖЕТНОМ ОБЩЕОБРАЗОВАТЕЛЬНОМ УЧРЕЖДЕНИИ «ШКОЛА № 1»",
        ),
    ],
)
def test_an_organisations_name_declines_its_type_words_and_keeps_the_quoted_name(name, case, declined):
    assert russian.organization_name_in(name, case) == declined


def test_a_name_that_is_not_an_organisations_type_is_left_as_written():
    assert russian.organization_name_in("МБОУ СОШ № 7", "prepositional") == "МБОУ СОШ № 7"
    assert russian.organization_name_in("Кванториум «Сургут»", "genitive") == "Кванториум «Сургут»"
    assert russian.organization_name_in("", "genitive") == ""
    assert russian.organization_name_in(SCHOOL_5, "nominative", in_sentence=False) == SCHOOL_5


def test_every_line_of_a_printed_text_is_a_paragraph_of_its_own():
    assert (
        ru.paragraphs("1. Диагностика\n\n2. План <и> цели\n")
        == "<p>1. Диагностика</p><p>2. План &lt;и&gt; цели</p>"
    )
