"""The monthly basis of the mentors' allowance in a real browser (README «The monthly basis of the mentors'
allowance»): the curator prepares the month, the director approves it with her password, the accountant
finds it on her dashboard, downloads the PDF and the file for 1С:ЗУП and closes the month. Screenshots
under var/e2e/; the actions of each person are counted (see Counter in conftest)."""

import calendar
import io
import re
import shutil
import subprocess
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.allowances import onec
from apps.allowances.calculation import prorated
from apps.allowances.models import AllowanceBasis
from apps.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import AXE_JS, PHONE, SCREENSHOTS, controls_below
from tests.e2e.test_accessibility import AXE_RUN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCHOOL = "МБОУ СОШ № 7"
# Actions of each person from her dashboard (clicks, choices, fields filled).
CURATOR_BUDGET = 4  # the list, «Подготовить основание», the month, «Подготовить»
DIRECTOR_BUDGET = 5  # the list, the month, «Утвердить», the password, «Утвердить основание»
ACCOUNTANT_BUDGET = 4  # the month on the dashboard, the PDF, the file for 1С:ЗУП, «Закрыть месяц»


def test_curator_prepares_director_approves_accountant_downloads_and_closes_the_month(portal, tmp_path):
    page = portal.page
    today = timezone.localdate()
    # The demo prepares a draft of this month already: it goes, so that the curator prepares it herself.
    AllowanceBasis.objects.filter(organization__short_name=SCHOOL).delete()

    portal.sign_in("curator")
    curator = portal.counter().step("Куратор готовит основание за текущий месяц")
    page.locator("main").get_by_role("link", name="Доплата наставникам: основания за месяц").click()
    page.get_by_role("link", name="Подготовить основание").click()
    page.get_by_label("Месяц").select_option(f"{today:%Y-%m}")
    page.get_by_role("button", name="Подготовить", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("подготовлено")
    basis = AllowanceBasis.objects.get(organization__short_name=SCHOOL, year=today.year, month=today.month)
    lines = list(basis.lines.order_by("position"))
    assert lines, "a pair of the demo is active this month"
    expect(page.locator("main table")).to_contain_text(lines[0].mentor_name.split()[0])
    portal.screenshot("f-allowance-curator-draft")

    director_page = portal.new_page()
    portal.sign_in("director", page=director_page)
    director = portal.counter(director_page).step("Руководитель утверждает основание с паролем")
    director_page.locator("main").get_by_role("link", name="Доплата наставникам: основания за месяц").click()
    director_page.locator("main table").get_by_role("link", name=basis.month_title).click()
    director_page.get_by_role("link", name="Утвердить", exact=True).click()
    director_page.get_by_label("Ваш пароль").fill(DEMO_PASSWORD)
    director_page.get_by_role("button", name="Утвердить основание").click()
    expect(director_page.locator(".alert-success")).to_contain_text("Основание утверждено")
    basis.refresh_from_db()
    assert basis.status == AllowanceBasis.Status.APPROVED

    accountant_page = portal.new_page(accept_downloads=True)
    portal.sign_in("accountant", page=accountant_page)
    accountant = portal.counter(accountant_page)
    # Her menu: the allowance and nothing about people.
    menu = accountant_page.get_by_role("navigation", name="Разделы")
    expect(menu.get_by_role("link", name="Доплата наставникам")).to_be_visible()
    for section in ("Педагоги", "Банки", "Мои анкеты", "Пары и группы", "Программы", "Приказы", "Совет"):
        expect(menu.get_by_role("link", name=section, exact=True)).to_have_count(0)
    dashboard = accountant_page.get_by_role("region", name="Бухгалтер")
    expect(dashboard).to_contain_text(basis.month_title)
    expect(dashboard).to_contain_text(re.compile("утверждено", re.IGNORECASE))
    portal.screenshot("f-allowance-accountant-dashboard", page=accountant_page)

    accountant.step("Бухгалтер открывает основание с главной")
    dashboard.get_by_role("link", name=basis.month_title).click()
    expect(accountant_page.get_by_role("heading", level=1)).to_contain_text(f"за {basis.month_title.lower()}")

    accountant.step("PDF для подписи")
    with accountant_page.expect_download() as download_info:
        accountant_page.get_by_role("link", name="PDF для подписи").click()
    pdf = download_info.value
    assert pdf.suggested_filename == f"Основание доплаты наставникам {today:%m.%Y}.pdf"
    pdf_path = tmp_path / "basis.pdf"
    pdf.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "УТВЕРЖДАЮ" in text and "ПРОЕКТ" not in text
        assert lines[0].mentor_name.split()[0] in text

    accountant.step("Файл для 1С:ЗУП")
    with accountant_page.expect_download() as download_info:
        accountant_page.get_by_role("link", name="Файл для 1С:ЗУП").click()
    zup = download_info.value
    assert zup.suggested_filename == f"nastavnichestvo-zup-{today:%Y-%m}.xlsx"
    zup_path = tmp_path / zup.suggested_filename
    zup.save_as(zup_path)
    sheet = openpyxl.load_workbook(io.BytesIO(zup_path.read_bytes())).active
    assert [c.value for c in sheet[1]] == [title for title, _ in onec.COLUMNS]
    line = next(x for x in lines if x.amount_due is not None or x.allowance_percent)
    row = [c.value for c in sheet[2]]
    assert row[0] == " ".join(line.mentor_name.split())
    assert row[1] == (line.personnel_number or None)
    assert row[2] == "Доплата за наставничество"
    if line.allowance_amount:
        assert (
            Decimal(str(row[3]))
            == line.amount_due
            == prorated(line.allowance_amount, line.active_days, line.month_days)
        )
        assert row[4] is None
    else:
        assert row[3] is None and Decimal(str(row[4])) == line.allowance_percent
    assert row[5:9] == [
        datetime.combine(line.active_from, datetime.min.time()),
        datetime.combine(line.active_to, datetime.min.time()),
        line.active_days,
        line.month_days,
    ]
    assert row[8] == calendar.monthrange(today.year, today.month)[1]
    if line.order_number:
        assert row[9].startswith(f"приказ № {line.order_number} от {line.order_date:%d.%m.%Y}")
    assert line.agreement in row[9]
    if row[3] is not None:
        assert sheet.cell(row=2, column=4).number_format == onec.NUMBER_FORMAT

    accountant.step("Закрыть месяц")
    accountant_page.get_by_role("button", name="Закрыть месяц").click()
    expect(accountant_page.locator(".alert-success")).to_contain_text("Месяц закрыт")
    expect(accountant_page.get_by_role("button", name="Закрыть месяц")).to_have_count(0)
    portal.screenshot("f-allowance-accountant-closed", page=accountant_page)
    basis.refresh_from_db()
    assert basis.status == AllowanceBasis.Status.CLOSED and basis.closed_by.username == "accountant"
    portal.assert_no_browser_errors()

    report = (
        f"Куратор:\n{curator.report()}\n\nРуководитель:\n{director.report()}\n\n"
        f"Бухгалтер:\n{accountant.report()}\n"
    )
    print(report)
    (SCREENSHOTS / "f-allowance-journey.txt").write_text(report, encoding="utf-8")
    assert curator.clicks <= CURATOR_BUDGET, report
    assert director.clicks <= DIRECTOR_BUDGET, report
    assert accountant.clicks <= ACCOUNTANT_BUDGET, report


# Elements of the main part that scroll sideways (a wide table in .table-responsive), as «tag.class width>box».
_SIDEWAYS_JS = """() => [...document.querySelectorAll('main *')]
  .filter((e) => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
  .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth}>${e.clientWidth}`)"""


def test_the_basis_is_cards_on_a_phone_and_a_table_on_a_desktop(portal):
    basis = AllowanceBasis.objects.get(organization__short_name=SCHOOL)  # the demo's draft of this month
    lines = list(basis.lines.order_by("position"))
    assert len(lines) >= 2, "the demo's basis has several lines"
    detail, approve = f"/allowances/{basis.pk}/", f"/allowances/{basis.pk}/approve/"

    # axe (serious and critical violations) in both layouts: only these browsers ignore the portal's CSP.
    phone = portal.new_page(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    phone.context.add_init_script(path=str(AXE_JS))
    portal.sign_in("director", page=phone)
    for path in (detail, approve):
        portal.open(path, page=phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert phone.evaluate(_SIDEWAYS_JS) == [], path
        assert controls_below(phone) == [], path
        assert phone.evaluate(AXE_RUN) == [], path
        expect(phone.locator("main table")).to_be_hidden()
        cards = phone.get_by_role("list", name="Строки основания").get_by_role("listitem")
        expect(cards).to_have_count(len(lines))
        first = cards.nth(0)
        expect(first).to_contain_text(lines[0].mentor_name)
        expect(first).to_contain_text("к начислению")
        expect(first.get_by_text("Дни работы")).to_be_visible()
        expect(phone.locator("main p", has_text="Итого доплат, установленных в рублях")).to_be_visible()
    portal.open(detail, page=phone)
    portal.screenshot("f-allowance-basis-phone", page=phone)
    phone.context.close()

    desktop = portal.new_page(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    desktop.context.add_init_script(path=str(AXE_JS))
    portal.sign_in("director", page=desktop)
    for path in (detail, approve):
        portal.open(path, page=desktop)
        assert desktop.evaluate("document.documentElement.scrollWidth") <= 1280, path
        assert desktop.evaluate(AXE_RUN) == [], path
        # The whole table in view, the sums to approve included: nothing scrolls sideways beside the form.
        assert desktop.evaluate(_SIDEWAYS_JS) == [], path
        expect(desktop.get_by_role("list", name="Строки основания")).to_be_hidden()
        table = desktop.locator("main table")
        expect(table).to_be_visible()
        expect(table.get_by_role("row")).to_have_count(len(lines) + 2)  # the heading and the total
        expect(table.get_by_role("columnheader", name="К начислению, руб.")).to_be_in_viewport()
    portal.screenshot("f-allowance-basis-desktop", page=desktop)
    portal.assert_no_browser_errors()
    desktop.context.close()
