"""The attachment header of every download: the Russian name in ``filename*`` and an ASCII name for old
clients that keeps the file's own extension (a PDF is never offered as «export.xlsx»)."""

import pytest

from apps.core.xlsx import content_disposition


@pytest.mark.parametrize(
    ("filename", "ascii_name"),
    [
        ("Реестр 25.11.2026.xlsx", "Reestr_25.11.2026.xlsx"),
        ("Протокол № 1.pdf", "Protokol_1.pdf"),
        ("Справка.PDF", "Spravka.PDF"),
        ("данные.zip", "dannye.zip"),
        ("«».pdf", "export.pdf"),
        ("без расширения", "export.xlsx"),
    ],
)
def test_the_ascii_name_keeps_the_files_extension(filename, ascii_name):
    header = content_disposition(filename)
    assert header.startswith(f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''")
