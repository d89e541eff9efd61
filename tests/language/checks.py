"""The checks of the language test: what a careful school clerk would not let through.

Independent of ``apps.core.russian`` on purpose: the test keeps its own table of noun forms, so a wrong
entry in the layer cannot hide a wrong text.
"""

import re
from html.parser import HTMLParser

CYR = "А-Яа-яЁё"

# (a) Slash forms of a word: «получил(а)», «вуза/колледжа», «ый/ая». Allowed, each with its reason:
SLASH_ALLOWED = {
    "п/п",  # «№ п/п», the number column of a table in Russian office documents
}
# Anything else is a choice the text should make (the person's sex is known) or a line for a blank form.
SLASH_RE = re.compile(rf"[{CYR}]+\s?/\s?[{CYR}]+")
BRACKET_ENDING_RE = re.compile(rf"[{CYR}]\([а-яё]{{1,3}}\)")

# (b) The nouns the portal counts: the forms after 1 (21, 31 …), after 2–4, after 5–20 and 0. The one-forms
# include the accusative of a feminine noun («за 1 минуту»).
NOUN_FORMS: list[tuple[set[str], str, str]] = [
    ({"год"}, "года", "лет"),
    ({"месяц"}, "месяца", "месяцев"),
    ({"неделя", "неделю"}, "недели", "недель"),
    ({"день"}, "дня", "дней"),
    ({"час"}, "часа", "часов"),
    ({"минута", "минуту"}, "минуты", "минут"),
    ({"анкета", "анкету"}, "анкеты", "анкет"),
    ({"ответ"}, "ответа", "ответов"),
    ({"наставник"}, "наставника", "наставников"),
    ({"наставляемый", "наставляемая", "наставляемого"}, "наставляемых", "наставляемых"),
    ({"пара", "пару"}, "пары", "пар"),
    ({"группа", "группу"}, "группы", "групп"),
    ({"программа", "программу"}, "программы", "программ"),
    ({"мероприятие"}, "мероприятия", "мероприятий"),
    ({"приказ"}, "приказа", "приказов"),
    ({"работник"}, "работника", "работников"),
    ({"педагог"}, "педагога", "педагогов"),
    ({"участник"}, "участника", "участников"),
    ({"организация", "организацию"}, "организации", "организаций"),
    ({"запись"}, "записи", "записей"),
    ({"файл"}, "файла", "файлов"),
    ({"балл"}, "балла", "баллов"),
    ({"вопрос"}, "вопроса", "вопросов"),
    ({"согласие"}, "согласия", "согласий"),
    ({"заявка", "заявку"}, "заявки", "заявок"),
    ({"кандидат"}, "кандидата", "кандидатов"),
    ({"событие"}, "события", "событий"),
    ({"попытка", "попытку"}, "попытки", "попыток"),
    ({"строка", "строку"}, "строки", "строк"),
    ({"пункт"}, "пункта", "пунктов"),
]
# A numeral after these words governs the genitive («от 3 месяцев», «не менее 2 лет», «из 5 анкет»).
GENITIVE_BEFORE = {
    "от",
    "до",
    "из",
    "с",
    "со",
    "более",
    "менее",
    "больше",
    "меньше",
    "около",
    "свыше",
    "течение",
    "для",
    "после",
    "без",
    "у",
    "кроме",
    "порядка",
    "старше",
    "младше",
}
_FORM_TO_NOUN = {}
for _i, (_ones, _few, _many) in enumerate(NOUN_FORMS):
    for _form in (*_ones, _few, _many):
        _FORM_TO_NOUN.setdefault(_form, []).append(_i)
NUMERAL_RE = re.compile(
    # On one line: a table's next cell (a new line of the text) is not the number's noun.
    rf"(?:([{CYR}]+)[ \xa0]+)?(?<![\d.,:/№-])(\d+)[ \xa0]{{1,2}}("
    + "|".join(sorted(map(re.escape, _FORM_TO_NOUN), key=len, reverse=True))
    + rf")(?![{CYR}])"
)


def _plural(n: int) -> int:
    """0: one, 1: few, 2: many."""
    n %= 100
    if 11 <= n <= 14:
        return 2
    n %= 10
    return 0 if n == 1 else 1 if 2 <= n <= 4 else 2


def _numeral_wrong(number: int, form: str) -> bool:
    for i in _FORM_TO_NOUN[form]:
        ones, few, many = NOUN_FORMS[i]
        want = _plural(number)
        if (want == 0 and form in ones) or (want == 1 and form == few) or (want == 2 and form == many):
            return False
    return True


# (c) Latin words allowed in visible text: formats and terms a Russian office writes in Latin.
LATIN_ALLOWED = {
    # file formats and the programs that open them
    "PDF",
    "Excel",
    "Word",
    "PowerPoint",
    "OpenDocument",
    "JPEG",
    "PNG",
    "ZIP",
    "QR",
    # the words of the Internet and of a keyboard, and the calendars a feed is subscribed in
    "e-mail",
    "URL",
    "ID",
    "Ctrl",
    "iPhone",
    "Android",
    "Google",
    "Outlook",
    # the messengers a person may link, by their own names (the consent text of 2026-2 names them)
    "Telegram",
    "MAX",
}
ROMAN_RE = re.compile(r"^[IVXLC]+$")
# Data, not text: addresses, links and file names as the user typed them.
DATA_RE = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|(?:https?://|www\.)\S+"  # link
    r"|\b[\w-]+\.(?:ru|рф|com|org|example)(?:/\S*)?"  # domain
    r"|[\w.-]*\.(?:pdf|xlsx?|docx?|pptx?|od[tsp]|png|jpe?g|zip|ics|csv)\b"  # file name or extension
    r"|\b\w+(?:-\w+)*-\d+\b",  # an example of a code or an address: «ABCDE-23456», «mbou-sosh-7»
    re.IGNORECASE,
)
LATIN_RE = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]|\b[A-Za-z]\b")


class VisibleText(HTMLParser):
    """The text a reader sees: no script, style or attributes; the ``<title>`` included."""

    HIDDEN = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in ("br", "p", "div", "li", "tr", "td", "th", "option", "h1", "h2", "h3", "title", "label"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        elif tag in ("p", "div", "li", "td", "th", "option", "title", "label", "button", "a", "span"):
            self.parts.append("\n" if tag not in ("a", "span") else " ")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _context(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start)
    right = text.find("\n", end)
    line = text[left + 1 : right if right != -1 else len(text)]
    return " ".join(line.split())[:160]


def problems(text: str, *, data_words: frozenset[str] = frozenset()) -> list[str]:
    """Every offending fragment of ``text``, each as «kind: fragment — its line»."""
    found: list[str] = []
    for m in SLASH_RE.finditer(text):
        if m.group(0).replace(" ", "") not in SLASH_ALLOWED:
            found.append(f"slash «{m.group(0)}» — {_context(text, m.start(), m.end())}")
    for m in BRACKET_ENDING_RE.finditer(text):
        found.append(f"ending in brackets «{m.group(0)}» — {_context(text, m.start(), m.end())}")
    for m in NUMERAL_RE.finditer(text):
        before, number, form = m.group(1), int(m.group(2)), m.group(3)
        if before and before.lower() in GENITIVE_BEFORE:
            continue
        if text[max(m.start(2) - 3, 0) : m.start(2)].strip().endswith("№"):
            continue  # a number of something: «школа № 7 согласие есть»
        if 1900 <= number <= 2100 and form in ("год", "года", "году"):
            continue  # a year's number, not a count: «на 2026 год»
        if _numeral_wrong(number, form):
            found.append(f"numeral «{number} {form}» — {_context(text, m.start(2), m.end())}")
    cleaned = DATA_RE.sub(" ", text)
    for m in LATIN_RE.finditer(cleaned):
        word = m.group(0)
        if word in LATIN_ALLOWED or ROMAN_RE.match(word) or word in data_words:
            continue
        found.append(f"latin «{word}» — {_context(cleaned, m.start(), m.end())}")
    return found


PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–—]?\s*\d+\s*[-–—]?|(?:страница|стр\.)\s*\d+(?:\s*из\s*\d+)?)$", re.IGNORECASE
)


def short_pages(pages: list[str]) -> list[str]:
    """(d) Pages of a PDF holding only one or two lines of text (a page number not counted)."""
    found = []
    for number, page in enumerate(pages, start=1):
        lines = [" ".join(line.split()) for line in page.splitlines()]
        lines = [line for line in lines if line and not PAGE_NUMBER_RE.match(line)]
        if 0 < len(lines) <= 2:
            found.append(f"page {number} of {len(pages)} holds only «{' / '.join(lines)}»")
    return found
