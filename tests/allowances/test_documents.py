"""The basis as a PDF for signature (read back with pdftotext) and as an .xlsx (read back cell by cell)."""

import io
import subprocess
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from apps.allowances import services
from apps.programs.models import ActivityKind, ActivityLog
from tests.factories import programs as pf

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def approved(cast, pair_factory):
    cast.school.director_position = "Директор"
    cast.school.save(update_fields=["director_position"])
    group = pair_factory(amount=3000, started=date(2026, 11, 10))
    program = pf.draft_program(group, cast.curator)
    ActivityLog.objects.create(
        program=program, date=date(2026, 11, 12), minutes=90, kind=ActivityKind.MEETING
    )
    pair_factory(share=10, started=date(2026, 10, 1), mentor_name="Ильина")
    basis = services.basis_prepare(organization=cast.school, year=2026, month=11, user=cast.curator)
    return services.basis_approve(basis=basis, director=cast.director)


def test_the_pdf_reads_as_the_month_s_basis_with_its_lines_and_signatures(client_for, cast, approved):
    response = client_for("accountant").get(reverse("allowances:basis-pdf", args=[approved.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for expected in (
        cast.school.full_name.split()[0],
        "УТВЕРЖДАЮ",
        "ОСНОВАНИЕ",
        "для начисления доплаты за наставничество за ноябрь 2026 г.",
        "в ноябре 2026 г. работу по наставничеству выполняли",
        "статьёй 351.8 Трудового кодекса",
        "Морозова Татьяна Сергеевна",
        "с 10.11 по 30.11: 21 день из 30",
        "весь месяц (30 дней)",
        "3 000,00 руб.",
        "2 100,00",
        "10 % оклада",
        "1,5",  # hours of the log
        "Итого доплат, установленных в рублях",
        "согласие наставника от 02.09.2026",
        "Куратор реализации программ наставничества",
        "Е. П. Соловьёва",
        "Н. В. Кузнецова",
        "Принято к начислению",
    ):
        assert expected in text, expected
    assert "ПРОЕКТ" not in text
    assert f"от {date.today():%d.%m.%Y} №" in text  # the order of the pairs, signed today in the fixture


def test_a_draft_pdf_is_marked_as_a_draft_and_a_correction_names_the_corrected_basis(cast, approved):
    from apps.allowances.documents import basis_pdf

    closed = services.basis_close(basis=approved, user=cast.accountant)
    correction = services.basis_correct(basis=closed, user=cast.curator, reason="Исправлена дата окончания")
    text = _pdf_text(basis_pdf(basis=correction, lines=list(correction.lines.all())))
    assert "ПРОЕКТ" in text
    assert f"Исправление основания за ноябрь 2026 г., утверждённого {closed.approved_at:%d.%m.%Y}" in text
    assert "Причина: Исправлена дата окончания" in text


def test_the_xlsx_holds_every_line_cell_by_cell(client_for, cast, approved):
    response = client_for("director").get(reverse("allowances:basis-xlsx", args=[approved.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "№ п/п",
        "Наставник",
        "Должность",
        "Наставляемые",
        "Приказ: номер",
        "Приказ: дата",
        "Дополнительное соглашение",
        "Доплата, руб. в месяц",
        "Доплата, % оклада",
        "Начало в месяце",
        "Окончание в месяце",
        "Дней работы",
        "Дней в месяце",
        "К начислению, руб.",
        "Часы по журналу (справочно)",
    )
    assert len(rows) == 3
    lines = {line.mentor_name: line for line in approved.lines.all()}
    percent_row = next(r for r in rows[1:] if r[1].startswith("Ильина"))
    sum_row = next(r for r in rows[1:] if r[1].startswith("Морозова"))
    line = lines[sum_row[1]]
    assert sum_row[0] == line.position
    assert sum_row[3] == line.mentees
    assert (sum_row[4], sum_row[5]) == (
        line.order_number,
        datetime.combine(line.order_date, datetime.min.time()),
    )
    assert sum_row[6] == "доп. соглашение к трудовому договору; согласие наставника от 02.09.2026"
    assert sum_row[7:9] == (3000, None)
    assert sum_row[9:11] == (datetime(2026, 11, 10), datetime(2026, 11, 30))
    assert sum_row[11:15] == (21, 30, 2100, 1.5)
    assert percent_row[7:9] == (None, 10)
    assert percent_row[11:15] == (30, 30, None, 0)
    about = dict(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert about["Месяц"] == "ноябрь 2026\u00a0г."
    assert about["Статус"] == "Утверждено"
    assert about["Утвердил"] == "Н. В. Кузнецова"
    assert Decimal(str(sum_row[13])) == Decimal("2100.00")


def test_the_1c_file_carries_the_lines_of_the_approved_basis_with_the_personnel_number(
    client_for, cast, pair_factory
):
    group = pair_factory(amount=3000, started=date(2026, 11, 10))
    person = group.mentor.person
    person.personnel_number = "0000-00012"
    person.save(update_fields=["personnel_number"])
    pair_factory(share=10, started=date(2026, 10, 1), mentor_name="Ильина")
    pair_factory(started=date(2026, 10, 1), mentor_name="Яковлева")  # no allowance at all
    basis = services.basis_prepare(organization=cast.school, year=2026, month=11, user=cast.curator)
    basis = services.basis_approve(basis=basis, director=cast.director)
    person.personnel_number = "999"  # a later change of the registry does not reach the approved basis
    person.save(update_fields=["personnel_number"])

    response = client_for("accountant").get(reverse("allowances:basis-onec", args=[basis.pk]))
    assert response.status_code == 200
    assert 'filename="nastavnichestvo-zup-2026-11.xlsx"' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    by_name = {row[0].split()[0]: row for row in rows}
    assert set(by_name) == {"Морозова", "Ильина"}  # the pair without an allowance has nothing to accrue
    line = basis.lines.get(mentor_name__startswith="Морозова")
    assert by_name["Морозова"][1:9] == [
        "0000-00012",
        "Доплата за наставничество",
        pytest.approx(float(line.amount_due)),
        None,
        datetime(2026, 11, 10),
        datetime(2026, 11, 30),
        21,
        30,
    ]
    assert line.amount_due == Decimal("2100.00")
    order = group.assigned_order
    assert by_name["Морозова"][9].startswith(
        f"приказ № {order.number} от {order.date:%d.%m.%Y}; доп. соглашение"
    )
    assert by_name["Ильина"][3:5] == [None, pytest.approx(10.0)]
    assert by_name["Ильина"][1] is None  # no personnel number in the registry
