"""The training where it is read outside the app: the annual report (PDF and .xlsx), the portfolio PDF and
the coordinators' overview (a share, no names)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.monitoring import documents
from tests.factories import pairs as f
from tests.monitoring.test_reports import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def untrained(cast, year):
    return f.mentor_entry(
        cast.school, year, last_name="Необученная", first_name="Анна", patronymic="Петровна", sex="f"
    )


def test_the_annual_report_has_the_training_of_the_mentors_and_the_share(cast, year, record, untrained):
    text = pdf_text(documents.annual_report_pdf(organization=cast.school, year=year))
    assert "Обучение наставников" in text
    assert "прошёл 1 из 2 наставников банка наставников — 50 %" in text
    assert "Методологические аспекты наставничества" in text
    assert "не обучена" in text


def test_the_annual_report_workbook_has_a_sheet_of_the_training(cast, year, record, untrained):
    wb = load_workbook(io.BytesIO(documents.annual_report_xlsx(organization=cast.school, year=year)))
    rows = list(wb["Обучение наставников"].iter_rows(values_only=True))
    trainings = dict(rows[1:])
    assert "Методологические аспекты наставничества (20.03.2025, 72 ч)" in trainings[record.person.full_name]
    assert trainings[untrained.person.full_name] == "не обучена"


def test_the_portfolio_lists_the_trainings_with_their_documents(client_for, record):
    response = client_for("curator").get(reverse("territory:portfolio-pdf", args=[record.person_id]))
    text = pdf_text(response.content)
    assert "8. Обучение наставничеству и повышение квалификации" in text
    # The narrow columns wrap: the cells' words come line by line.
    assert "удостоверение №" in text and "862400012345 от" in text


def test_the_coordinator_sees_the_share_of_the_municipality_without_names(
    client_for, cast, year, record, untrained
):
    f.mentor_entry(cast.far_school, year)  # another municipality: not in this coordinator's figure
    page = client_for("municipal").get(reverse("territory:overview")).content.decode()
    assert "50 %" in page
    assert "(1 из 2 в банках текущего учебного года)" in page
    assert record.person.last_name not in page
