"""Checking an uploaded workbook takes bounded memory whatever the file holds.

The issue's file: 52 KB, 10,000 rows each with one cell in column XFD; openpyxl padded every row to
16,384 cells and took 1.37 GB. The budget is 100 MB above the process's baseline, for that file and
for a valid 10,000-row file, measured as the peak RSS of a fresh process that checks the upload as the
upload page does (the C parser's memory counts there too).
"""

import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection

from apps.core.xlsx import Column, Sheet, write_workbook
from apps.staff.imports import COLUMNS, DATA_SHEET, MAX_ROWS

from .conftest import person_row
from .test_volume import names

BUDGET = 100 * 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def far_right_workbook(rows: int = 10_000) -> bytes:
    """The issue's file, its XML written by hand: each row holds one number in column XFD."""
    body = "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(1, rows + 1))
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name="{DATA_SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}"><sheetData>{body}</sheetData></worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + text)
    return buffer.getvalue()


def valid_workbook(rows: int = MAX_ROWS) -> bytes:
    people = [
        person_row(
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            birth_date=date(1960, 1, 1) + timedelta(days=i),
            email=f"t{i}@school7.ru",
            subjects="Математика; Информатика",
        )
        for i, (last, first, patronymic) in enumerate(names(rows))
    ]
    return write_workbook(Sheet(DATA_SHEET, [Column(c.title) for c in COLUMNS], people))


# The check runs in a fresh interpreter against the test database, as the upload page does it: the
# file is read and checked and the result serialised for the preview. Measured: its peak RSS minus the
# RSS it had with Django loaded, the organisation fetched and the file in memory.
CHECK = """
import json, resource, sys
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from apps.core.xlsx import check_xlsx_upload, read_xlsx_rows
from apps.organizations.models import Organization
from apps.staff.imports import DATA_SHEET, MAX_ROWS, READ_COLUMNS, people_import_check
organization = Organization.objects.get(pk=int(sys.argv[2]))
data = open(sys.argv[1], "rb").read()
upload = SimpleUploadedFile("Педагоги.xlsx", data)
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rows = read_xlsx_rows(check_xlsx_upload(upload), sheet=DATA_SHEET, max_rows=MAX_ROWS, max_cols=READ_COLUMNS)
check = people_import_check(organization=organization, rows=rows, file_name=upload.name)
stored = json.dumps(check.to_dict(), ensure_ascii=False).encode()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "rows": len(rows), "width": len(rows[0]) if rows else 0, "valid": len(check.rows) - len(check.invalid_rows),
    "file_errors": check.file_errors, "grown": (peak - baseline) * 1024,
}))
"""


def check_in_a_fresh_process(path: Path, organization) -> dict:
    database = connection.settings_dict
    login = database["USER"] + (f":{database['PASSWORD']}" if database.get("PASSWORD") else "")
    url = f"postgres://{login}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(path), str(organization.pk)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "mentoring_portal.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_far_right_file_is_the_issues_size():
    assert len(far_right_workbook()) < 60 * 1024


# The check in the other process must see the cast: the data is committed, and afterwards the database is
# flushed and its migration-made rows restored (as the other transactional tests do).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_checking_the_far_right_file_stays_within_the_budget(tmp_path, cast, directory):
    path = tmp_path / "far_right.xlsx"
    path.write_bytes(far_right_workbook())
    result = check_in_a_fresh_process(path, cast.school)
    assert result["rows"] == 0  # nothing inside the template's columns is read
    assert result["file_errors"] == ["Файл пустой: в нём нет даже заголовков."]
    assert result["grown"] < BUDGET, f"peak RSS grew by {result['grown'] / 2**20:.0f} MB"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_checking_a_valid_10000_row_file_stays_within_the_budget(tmp_path, cast, directory):
    path = tmp_path / "valid.xlsx"
    path.write_bytes(valid_workbook())
    result = check_in_a_fresh_process(path, cast.school)
    assert (result["rows"], result["width"]) == (MAX_ROWS + 1, len(COLUMNS))
    assert (result["valid"], result["file_errors"]) == (MAX_ROWS, [])
    assert result["grown"] < BUDGET, f"peak RSS grew by {result['grown'] / 2**20:.0f} MB"
