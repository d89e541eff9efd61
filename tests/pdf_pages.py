"""Read a PDF back page by page (pdftotext) and check the print layout rules of templates/pdf/_base.css:
no page holds only one or two lines, and a signature stands on the page of the text it closes."""

import re
import subprocess

# Lines that are not the document's text: the page number in the top margin, the preparer's note
# at the bottom of the last page, the «ПРОЕКТ» mark of a draft and the single letters its diagonal
# watermark comes out as.
_FURNITURE = re.compile(r"^(\d+|ПРОЕКТ|[А-ЯЁ]|Исп\.:.*|тел\..*)$")


def pdf_pages(data: bytes) -> list[list[str]]:
    """The text lines of each page, furniture left out."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [
        [
            " ".join(line.split())
            for line in page.splitlines()
            if line.strip() and not _FURNITURE.match(line.strip())
        ]
        for page in pages
    ]


def page_text(lines: list[str]) -> str:
    """A page's lines as one string, a word hyphenated at a line end joined again (the print
    hyphenates with an ASCII hyphen: a lower-case letter, «-», the line end, a lower-case letter)."""
    return re.sub(r"(?<=[а-яё])[-\u2010] (?=[а-яё])", "", " ".join(lines)).replace("\u00a0", " ")


def layout_faults(data: bytes, *, last_point: str, signature: str, min_lines: int = 3) -> list[str]:
    """What breaks the rules: a page with fewer than ``min_lines`` lines of text, and the signature
    (a line containing ``signature``) on another page than the end of the last point
    (``last_point``: a phrase of its last line)."""
    pages = pdf_pages(data)
    faults = [
        f"страница {n}: только {len(lines)} строк: {lines}"
        for n, lines in enumerate(pages, start=1)
        if len(lines) < min_lines
    ]
    sign_pages = [n for n, lines in enumerate(pages, start=1) if signature in page_text(lines)]
    point_pages = [n for n, lines in enumerate(pages, start=1) if last_point in page_text(lines)]
    if not sign_pages or not point_pages:
        faults.append(f"не найдены подпись ({sign_pages}) или последний пункт ({point_pages})")
    elif sign_pages[0] != point_pages[-1]:
        faults.append(f"подпись на странице {sign_pages[0]}, последний пункт на странице {point_pages[-1]}")
    else:
        page = pages[sign_pages[0] - 1]
        if signature in page[0]:
            faults.append(f"страница {sign_pages[0]} начинается с подписи")
    return faults


def flat_text(text: str) -> str:
    """pdftotext's output (with or without -layout) as one line: whitespace collapsed, a word the
    print hyphenated at a line end joined again."""
    return page_text([" ".join(line.split()) for line in text.splitlines() if line.strip()])
