"""``check_upload``: the portal's one upload check as services use it, and the workbook reader on top."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.exceptions import DomainError
from apps.core.uploads import DOCUMENTS, SCAN, WORKBOOK, check_upload, validate_upload
from apps.core.xlsx import check_xlsx_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _workbook() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def test_an_accepted_file_gives_its_content_type():
    assert check_upload(SimpleUploadedFile("скан.pdf", PDF), kinds=SCAN, field="scan") == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [("скан.pdf", b"MZ\x90\x00 an executable"), ("скан.exe", PDF), ("пусто.pdf", b"")],
)
def test_a_refusal_is_the_validators_message_at_the_named_field(name, content):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as expected:
        validate_upload(upload, kinds=DOCUMENTS)
    with pytest.raises(DomainError) as refused:
        check_upload(upload, kinds=DOCUMENTS, field="files")
    assert refused.value.field == "files"
    assert refused.value.message == expected.value.messages[0]


def test_the_workbook_reader_refuses_what_the_upload_check_refuses():
    renamed = SimpleUploadedFile("staff.xlsx", "Фамилия;Имя\nИванова;Мария\n".encode())
    with pytest.raises(ValidationError) as expected:
        validate_upload(renamed, kinds=WORKBOOK)
    with pytest.raises(DomainError) as refused:
        check_xlsx_upload(renamed)
    assert (refused.value.field, refused.value.message) == ("file", expected.value.messages[0])


def test_the_workbook_reader_gives_the_bytes_of_an_accepted_workbook():
    data = _workbook()
    assert check_xlsx_upload(SimpleUploadedFile("staff.xlsx", data)) == data
