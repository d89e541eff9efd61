"""Helpers for the Excel tests: build a workbook in memory, read a response back with openpyxl."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.staff.imports import COLUMNS, DATA_SHEET

from .factories import PositionFactory, SubjectFactory

HEADERS = [c.title for c in COLUMNS]


def workbook_bytes(rows, *, headers=HEADERS, title=DATA_SHEET) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    if headers is not None:
        ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name: str = "Педагоги.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def person_row(**values) -> list:
    """A row of the import sheet in template order; keys are the column keys."""
    base = {
        "last_name": "Иванова",
        "first_name": "Мария",
        "patronymic": "Петровна",
        "sex": "ж",
        "birth_date": "14.03.1990",
        "position": "Учитель",
        "subjects": "Математика",
        "total_experience_years": 12,
        "pedagogical_experience_years": 10,
        "qualification_category": "первая",
        "category_date": "20.12.2023",
        "education_level": "высшее",
        "education_pedagogical": "да",
        "education_institution": "СурГПУ",
        "education_year": 2012,
        "hire_date": "01.09.2014",
        "personnel_number": "",
        "email": "ivanova@school7.ru",
        "phone": "+7 912 345-67-89",
        "is_external": "нет",
        "external_organization": "",
    }
    base.update(values)
    return [base[c.key] for c in COLUMNS]


def read_response(response) -> openpyxl.Workbook:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return openpyxl.load_workbook(io.BytesIO(content))


@pytest.fixture
def directory(db):
    """The names the sample rows use, whether or not the nomenclature fixture is loaded."""
    return {
        "teacher": PositionFactory(name="Учитель"),
        "psychologist": PositionFactory(name="Педагог-психолог"),
        "math": SubjectFactory(name="Математика"),
        "cs": SubjectFactory(name="Информатика"),
        "russian": SubjectFactory(name="Русский язык"),
    }
