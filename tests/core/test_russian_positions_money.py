"""The language layer for documents: positions in a case (apps.core.russian.position_in) and sums and
percentages in words (rubles, percent, number_in_words)."""

import pytest

from apps.core.russian import number_in_words, organization_name_in, percent, position_in, rubles


@pytest.mark.parametrize(
    ("title", "genitive", "instrumental"),
    [
        ("Учитель", "учителя", "учителем"),
        ("Учитель математики", "учителя математики", "учителем математики"),
        ("Учитель-логопед", "учителя-логопеда", "учителем-логопедом"),
        ("Педагог-психолог", "педагога-психолога", "педагогом-психологом"),
        ("Воспитатель", "воспитателя", "воспитателем"),
        ("Старший воспитатель", "старшего воспитателя", "старшим воспитателем"),
        ("Методист", "методиста", "методистом"),
        ("Социальный педагог", "социального педагога", "социальным педагогом"),
        (
            "Педагог дополнительного образования",
            "педагога дополнительного образования",
            "педагогом дополнительного образования",
        ),
        (
            "Заместитель директора по учебно-воспитательной работе",
            "заместителя директора по учебно-воспитательной работе",
            "заместителем директора по учебно-воспитательной работе",
        ),
        ("Заместитель директора по УВР", "заместителя директора по УВР", "заместителем директора по УВР"),
        ("Педагог-библиотекарь", "педагога-библиотекаря", "педагогом-библиотекарем"),
        ("Старший вожатый", "старшего вожатого", "старшим вожатым"),
        ("Заведующий кафедрой", "заведующего кафедрой", "заведующим кафедрой"),
        ("Музыкальный руководитель", "музыкального руководителя", "музыкальным руководителем"),
    ],
)
def test_position_in_declines_the_head_and_keeps_the_tail(title, genitive, instrumental):
    assert position_in(title, "genitive") == genitive
    assert position_in(title, "instrumental") == instrumental
    assert position_in(title, "accusative") == genitive  # an animate masculine noun
    assert position_in(title) == title[0].lower() + title[1:]


def test_position_in_dative_and_prepositional():
    assert position_in("Учитель-логопед", "dative") == "учителю-логопеду"
    assert position_in("Старший методист", "prepositional") == "старшем методисте"


def test_a_title_that_cannot_be_declined_stays_whole_after_в_должности():
    assert position_in("Няня", "genitive") == "в должности «няня»"
    assert position_in("", "genitive") == ""


@pytest.mark.parametrize(
    ("amount", "nominative", "genitive"),
    [
        (1, "1 (один) рубль", "1 (одного) рубля"),
        (2, "2 (два) рубля", "2 (двух) рублей"),
        (11, "11 (одиннадцать) рублей", "11 (одиннадцати) рублей"),
        (21, "21 (двадцать один) рубль", "21 (двадцати одного) рубля"),
        (1000, "1\u00a0000 (одна тысяча) рублей", "1\u00a0000 (одной тысячи) рублей"),
        (3000, "3\u00a0000 (три тысячи) рублей", "3\u00a0000 (трёх тысяч) рублей"),
        (3500, "3\u00a0500 (три тысячи пятьсот) рублей", "3\u00a0500 (трёх тысяч пятисот) рублей"),
        (21000, "21\u00a0000 (двадцать одна тысяча) рублей", "21\u00a0000 (двадцати одной тысячи) рублей"),
        (
            12345,
            "12\u00a0345 (двенадцать тысяч триста сорок пять) рублей",
            "12\u00a0345 (двенадцати тысяч трёхсот сорока пяти) рублей",
        ),
    ],
)
def test_rubles_in_figures_and_words(amount, nominative, genitive):
    assert rubles(amount) == nominative
    assert rubles(amount, "genitive") == genitive


def test_percent_in_words_agrees_with_its_noun():
    assert percent(1, "genitive") == "1 (одного) процента"
    assert percent(10, "genitive") == "10 (десяти) процентов"
    assert percent(25) == "25 (двадцать пять) процентов"
    assert percent(100, "genitive") == "100 (ста) процентов"


def test_number_in_words_edges():
    assert number_in_words(0) == "ноль"
    assert number_in_words(1_000_000) == "один миллион"
    assert number_in_words(2_001_000, "genitive") == "двух миллионов одной тысячи"
    with pytest.raises(ValueError):
        number_in_words(10**9)
    with pytest.raises(ValueError):
        number_in_words(5, "dative")


def test_one_adjective_engine_serves_positions_animate_and_organisations_inanimate():
    # The same masculine adjective: a post is a person (accusative = genitive), a centre is a thing.
    assert position_in("Старший методист", "accusative") == "старшего методиста"
    assert organization_name_in("Городской методический центр «Ресурс»", "accusative") == (
        "городской методический центр «Ресурс»"
    )
    assert organization_name_in("Городской методический центр «Ресурс»", "genitive") == (
        "городского методического центра «Ресурс»"
    )
    # A hushing stem declines as a soft one in both: «старшего», «высшего».
    assert position_in("Старший воспитатель", "dative") == "старшему воспитателю"
    assert organization_name_in("Высшее педагогическое училище «Знание»", "genitive") == (
        "Высшего педагогического училища «Знание»"  # a proper word keeps its capital
    )
