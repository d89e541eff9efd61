"""The language test's own checks catch what issue 13 found and let correct Russian through."""

import pytest

from tests.language.checks import problems, short_pages, visible_text


@pytest.mark.parametrize(
    "text",
    [
        "Анкеты (2 анкет)",
        "Стаж 22 лет",
        "Возраст: 2 лет",
        "уже 1 наставляемых",
        "С приказом ознакомлен(а)",
        "Не был(а) в банке",
        "«педагог вуза/колледжа – молодой педагог»",
        "Стаж общий / педагогический",
        "Сортировка: Name",
        "Approved by: указано",
        "Вход заблокирован на PT15M",
    ],
)
def test_a_fault_of_the_issue_is_found(text):
    assert problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "2 анкеты, 5 анкет, 21 анкета, 11 анкет, за 1 минуту",
        "22 года, 2 года, 25 лет, 1 год, 1 наставляемый, 2 наставляемых",
        "не менее 2 лет, от 3 месяцев до 1 года, из 5 анкет",
        "на 2026 год, школа № 7 согласие есть, раздел IV",
        "Загрузите PDF или Excel (.xlsx), QR-код, адрес teacher1@school.example.ru, https://x.ru/a",
        "№ п/п",
    ],
)
def test_correct_russian_passes(text):
    assert problems(text) == []


def test_a_table_s_next_cell_is_not_the_number_s_noun():
    assert problems(visible_text("<table><tr><td>5</td><td>наставник</td></tr></table>")) == []


def test_visible_text_has_the_title_and_no_script_style_or_attributes():
    html = (
        '<html><head><title>Вход</title><style>.Name{}</style></head><body class="Hired">'
        "<script>var Added = 1;</script><p title='Position'>Текст</p></body></html>"
    )
    text = visible_text(html)
    assert "Вход" in text and "Текст" in text
    assert problems(text) == []


def test_a_pdf_page_of_one_or_two_lines_is_found_but_not_its_page_number():
    pages = ["Приказ\nПРИКАЗЫВАЮ:\n1. Закрепить\n", "Директор ____ Н. В. Кузнецова\n\n   2\n"]
    assert short_pages(pages) == ["page 2 of 2 holds only «Директор ____ Н. В. Кузнецова»"]
    assert short_pages(["Первая\nВторая\nТретья\n", "- 2 -\nа\nб\nв\n"]) == []
