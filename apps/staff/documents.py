"""The answer to a subject's request (152-ФЗ art. 14): a ZIP with the cover letter «Сведения о
персональных данных субъекта» (PDF, the operator's reply with the items of art. 14 p. 7) and the
data itself as an .xlsx workbook, one sheet per kind of data.

Why both: the letter is what the school signs and hands over (or sends) within 10 working days; the
workbook carries every value, which would not fit a letter and which the person may want to check
line by line. A ZIP keeps them together as one download.
"""

import io
import zipfile

from django.conf import settings
from django.utils import timezone

from apps.core.pdf import render_pdf
from apps.core.xlsx import Column, Sheet, write_workbook

from .subject_data import SubjectData, as_cell

WORKBOOK_NAME = "Персональные данные субъекта.xlsx"
LETTER_NAME = "Сведения о персональных данных субъекта.pdf"


def subject_workbook(data: SubjectData) -> bytes:
    sheets = []
    for section in data.sections:
        widths = list(section.widths) or [20] * len(section.columns)
        columns = [
            Column(
                title, widths[i] if i < len(widths) else 20, wrap=(widths[i] if i < len(widths) else 20) >= 30
            )
            for i, title in enumerate(section.columns)
        ]
        rows = ([as_cell(v) for v in row] for row in section.rows)
        sheets.append(Sheet(title=section.title, columns=columns, rows=rows))
    return write_workbook(*sheets)


def subject_letter(data: SubjectData) -> bytes:
    person = data.person
    organization = person.organization
    return render_pdf(
        "pdf/subject_data_letter.html",
        {
            "person": person,
            "addressee": person.name_in("dative"),
            "organization": organization,
            "consent": data.consent,
            "sections": data.sections,
            "generated_at": timezone.localtime(data.generated_at),
            "portal_name": settings.PORTAL_NAME,
            "workbook_name": WORKBOOK_NAME,
            "telegram_linked": _telegram_linked(data),
        },
    )


def _telegram_linked(data: SubjectData) -> bool:
    """Whether the person linked Telegram, whose servers are abroad (the letter tells of the cross-border
    transfer): read from the messengers' section the notifications app contributes (an app above)."""
    return any(
        section.title == "Мессенджеры" and any(row and row[0] == "Telegram" for row in section.rows)
        for section in data.sections
    )


def subject_archive(data: SubjectData) -> bytes:
    """The ZIP handed to the person: the letter and the workbook."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(LETTER_NAME, subject_letter(data))
        archive.writestr(WORKBOOK_NAME, subject_workbook(data))
    return buffer.getvalue()


def archive_filename(data: SubjectData) -> str:
    on = timezone.localtime(data.generated_at).date()
    return f"Сведения о ПДн — {data.person.short_name} {on:%d.%m.%Y}.zip"
