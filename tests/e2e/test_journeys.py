"""The main journeys of the portal, clicked through in a real browser, each ending with a screenshot
under var/e2e/ (the demo school of seed_demo, see conftest)."""

import io
import re
import shutil
import subprocess
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from apps.banks.models import MentorEntry
from apps.core.demo import DEMO_PASSWORD
from apps.monitoring.models import SurveyAssignment
from apps.orders.models import Order
from apps.pairs.models import MentoringGroup
from apps.pairs.selectors import missing_consents
from apps.programs.models import ActivityLog
from apps.staff.imports.columns import COLUMNS as IMPORT_COLUMNS_OF_TEMPLATE
from apps.staff.imports.columns import DATA_SHEET
from apps.staff.imports.template import template_xlsx
from tests.e2e.conftest import PHONE, SCREENSHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCAN_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def choose(page, name: str, *texts: str) -> None:
    """Pick the options of a select whose texts contain ``texts`` (option texts add the position)."""
    select = page.locator(f"main select[name={name}]")
    values = [select.locator("option", has_text=text).first.get_attribute("value") for text in texts]
    select.select_option(values)


# The curator's journey of issue 14: from a file of eight teachers to an order sent for signature
# with one pair and one group, in at most CURATOR_BUDGET actions (clicks, checks, choices, fields
# filled; see Counter in conftest). The figures go to docs/performance.md.
CURATOR_BUDGET = 50
NEWCOMERS = [
    # (last, first, patronymic, sex, born, subjects, total and pedagogical experience)
    ("Белова", "Ирина", "Сергеевна", "ж", date(1979, 4, 12), "Математика", 24, 22),
    ("Кравцов", "Игорь", "Петрович", "м", date(1975, 9, 3), "Физика; Астрономия", 27, 26),
    ("Фомина", "Дарья", "Алексеевна", "ж", date(2002, 2, 17), "Математика", 1, 1),
    ("Зайцев", "Никита", "Андреевич", "м", date(2001, 6, 30), "Физика", 2, 1),
    ("Лукина", "Полина", "Игоревна", "ж", date(2002, 11, 5), "Информатика", 1, 1),
    ("Савельева", "Маргарита", "Олеговна", "ж", date(1988, 1, 23), "Русский язык; Литература", 14, 12),
    ("Ершов", "Глеб", "Викторович", "м", date(1992, 7, 8), "История; Обществознание", 9, 9),
    ("Панова", "Вера", "Николаевна", "ж", date(1985, 3, 29), "Биология; Химия", 16, 15),
]
PAIR_MENTOR, GROUP_MENTOR = "Белова Ирина Сергеевна", "Кравцов Игорь Петрович"
PAIR_MENTEE, GROUP_MENTEES = "Фомина Дарья Алексеевна", ["Зайцев Никита Андреевич", "Лукина Полина Игоревна"]


def newcomers_workbook() -> bytes:
    """The registry's import template (as «Скачать шаблон» gives it) with the eight teachers on its
    sheet «Педагоги», filled in with openpyxl as a curator fills it in Excel."""
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx().content))
    sheet = workbook[DATA_SHEET]
    for last, first, patronymic, sex, born, subjects, total, pedagogical in NEWCOMERS:
        values = {
            "last_name": last,
            "first_name": first,
            "patronymic": patronymic,
            "sex": sex,
            "birth_date": born,
            "position": "Учитель",
            "subjects": subjects,
            "total_experience_years": total,
            "pedagogical_experience_years": pedagogical,
            "education_level": "высшее",
            "education_pedagogical": "да",
            "hire_date": date(2026, 8, 25) if total < 3 else date(2015, 8, 28),
        }
        sheet.append([values.get(column.key) for column in IMPORT_COLUMNS_OF_TEMPLATE])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def nav(page, *names: str) -> None:
    """Follow the top menu: a section, or a drop-down and its item."""
    menu = page.get_by_role("navigation", name="Разделы")
    for name in names:
        menu.get_by_role("link", name=name, exact=True).or_(
            menu.get_by_role("button", name=name, exact=True)
        ).first.click()
    page.wait_for_load_state()


def scan(name: str = "soglasie.pdf") -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": SCAN_PDF}


def test_curator_goes_from_a_file_of_eight_teachers_to_an_order_sent_for_signature(portal):
    page = portal.page
    today = timezone.localdate()
    workbook = newcomers_workbook()
    portal.sign_in("curator")
    curator = portal.counter()

    curator.step("Импорт 8 педагогов из Excel")
    nav(page, "Педагоги")
    page.get_by_role("link", name="Загрузить из Excel").click()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(
        files=[{"name": "novye-pedagogi.xlsx", "mimeType": XLSX, "buffer": workbook}]
    )
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.locator("main")).to_contain_text("Ошибок нет. Строк к загрузке в реестр: 8.")
    page.get_by_role("button", name="Загрузить", exact=True).click()
    expect(page.locator(".alert-success")).to_be_visible()

    # The paper consents to personal-data processing of the five who go into the banks, entered at once
    # from the registry («Согласия списком», branch h-consents).
    # TODO(integrator, issue 14): until h-consents is merged the registry has no such page; a stand-in
    # outside the budget enters them one by one in each card. Drop it after the merge.
    signed = (PAIR_MENTOR, GROUP_MENTOR, PAIR_MENTEE, *GROUP_MENTEES)
    bulk = page.get_by_role("link", name="Согласия списком")
    if bulk.count():
        curator.step("Согласия на обработку ПДн списком")
        bulk.click()
        for name in signed:
            page.locator("main").get_by_label(name).check()
        page.get_by_role("button", name="Внести согласия").click()
        expect(page.locator(".alert-success")).to_be_visible()
    else:
        for name in signed:
            curator.step(f"Согласие на обработку ПДн по одному: {name}", budget=False)
            record_personal_data_consent(page, name)

    # The mentor bank: two candidates with their written consent to be a mentor (ТК РФ ст. 351.8),
    # one after the other («Сохранить и внести ещё»).
    curator.step("Банк наставников: 2 кандидата")
    nav(page, "Банки", "Банк наставников")
    page.get_by_role("link", name="Внести наставника").click()
    for name, then in ((PAIR_MENTOR, "Сохранить и внести ещё"), (GROUP_MENTOR, "Сохранить")):
        choose(page, "person", name)
        page.get_by_label("Дата письменного согласия быть наставником").fill(today.isoformat())
        page.get_by_role("button", name=then, exact=True).click()
        expect(page.locator(".alert-success")).to_contain_text("банк наставников как кандидат")

    curator.step("Банк наставляемых: 3 педагога")
    nav(page, "Банки", "Банк наставляемых")
    page.get_by_role("link", name="Внести наставляемого").click()
    for name in (PAIR_MENTEE, *GROUP_MENTEES):
        choose(page, "person", name)
        last = name == GROUP_MENTEES[-1]
        page.get_by_role("button", name="Сохранить" if last else "Сохранить и внести ещё", exact=True).click()
        expect(page.locator(".alert-success")).to_contain_text("банк наставляемых")

    # The director approves both candidates at her own browser; her clicks are counted apart.
    director_page = portal.new_page()
    portal.sign_in("director", page=director_page)
    director = portal.counter(director_page)
    for name in (PAIR_MENTOR, GROUP_MENTOR):
        director.step(f"Утверждение наставника: {name}")
        nav(director_page, "Банки", "Банк наставников")
        director_page.locator("main").get_by_role("link", name=name).click()
        director_page.get_by_role("button", name="Утвердить наставником").click()
        expect(director_page.locator(".alert-success")).to_contain_text("наставником")

    curator.step("Пара и группа")
    nav(page, "Пары и группы")
    page.get_by_role("link", name="Сформировать пару").click()
    choose(page, "mentees", PAIR_MENTEE)
    choose(page, "mentor", PAIR_MENTOR)
    # The mentees' signed agreement to the pair goes with the form (the date defaults to today).
    page.get_by_label("Скан согласия наставляемых на участие").set_input_files(files=[scan()])
    page.get_by_role("button", name="Сохранить и сформировать ещё").click()
    expect(page.locator(".alert-success")).to_contain_text("Пара сформирована")
    # Two mentees make it a group: the form and the kind follow by themselves (static/js/pairs.js).
    choose(page, "mentees", *GROUP_MENTEES)
    expect(page.get_by_label("Форма наставничества")).to_have_value("teacher_group")
    expect(page.get_by_label("групповое")).to_be_checked()
    choose(page, "mentor", GROUP_MENTOR)
    page.get_by_label("Скан согласия наставляемых на участие").set_input_files(files=[scan()])
    page.get_by_role("button", name="Сохранить проект").click()
    expect(page.locator(".alert-success")).to_contain_text("Группа сформирована")

    # The consents to the additional duties (ТК РФ ст. 351.8): the mentor's written consent of the bank
    # entry serves the pair (branch h-consents) and the mentees' came with the form, so the curator has
    # nothing to do on the pairs' pages.
    # TODO(integrator, issue 14): until h-consents is merged, the mentors' scans are uploaded there by a
    # stand-in outside the budget; after it, anything still missing is uploaded within the budget.
    for group in MentoringGroup.objects.filter(mentor__person__last_name__in=["Белова", "Кравцов"]):
        upload_missing_duty_consents(portal, curator, group)

    curator.step("Проект приказа и «Направить на подпись»")
    nav(page, "Пары и группы")
    for mentor in ("Белова И. С.", "Кравцов И. П."):
        page.locator("tr", has_text=mentor).get_by_role("checkbox").check()
    page.get_by_role("button", name="Сформировать проект приказа").click()
    expect(page.locator(".alert-success")).to_contain_text("Подготовлен проект приказа")
    expect(page.locator("main")).to_contain_text("ПРИКАЗЫВАЮ")
    page.get_by_role("button", name="Направить на подпись").click()
    expect(page.locator(".alert-success")).to_contain_text("Приказ направлен на подпись")
    portal.screenshot("a-curator-order-sent")
    portal.assert_no_browser_errors()

    report = f"Куратор:\n{curator.report()}\n\nРуководитель:\n{director.report()}\n"
    print(report)
    (SCREENSHOTS / "a-curator-journey.txt").write_text(report, encoding="utf-8")
    order = Order.objects.get(pk=int(re.search(r"/orders/(\d+)/", page.url).group(1)))
    assert order.status == Order.Status.AWAITING_SIGNATURE
    groups = MentoringGroup.objects.filter(assigned_order=order)
    assert {g.mentor.person.last_name: g.members.count() for g in groups} == {"Белова": 1, "Кравцов": 2}
    assert MentorEntry.objects.filter(person__last_name__in=["Белова", "Кравцов"]).count() == 2
    assert curator.clicks <= CURATOR_BUDGET, report


def open_person(page, name: str) -> None:
    """A teacher's card from the registry: on its first page, or on the next ones."""
    link = page.locator("main").get_by_role("link", name=name, exact=True)
    while not link.count():
        page.get_by_role("link", name="Следующая").click()
    link.click()


def record_personal_data_consent(page, name: str) -> None:
    """One consent to personal-data processing signed on paper, entered in the teacher's card."""
    nav(page, "Педагоги")
    open_person(page, name)
    page.get_by_role("link", name="Внести согласие").click()
    page.get_by_label("Адрес регистрации (места жительства)").fill("г. Нефтеюганск, мкр. 7, д. 12, кв. 4")
    page.get_by_label("Документ, удостоверяющий личность").fill("паспорт 67 10 123456")
    page.get_by_label("Скан подписанного согласия").set_input_files(files=[scan()])
    page.get_by_role("button", name="Внести согласие").click()
    expect(page.locator(".alert-success")).to_contain_text("Согласие на обработку")


def upload_missing_duty_consents(portal, curator, group) -> None:
    """The paper consents to the additional duties that the pair's page still asks for, uploaded there.
    While the mentor's consent of the bank entry does not serve the pair yet (h-consents not merged),
    outside the budget; once it does, whatever is still missing costs the curator's clicks."""
    page = portal.page
    missing = missing_consents(group)
    if not missing:
        return
    merged = group.mentor.person not in missing
    curator.step(f"Согласия на доп. обязанности на странице: {group}", budget=merged)
    portal.open(reverse("pairs:group-detail", args=[group.pk]))
    today = timezone.localdate()
    for person in missing:
        page.get_by_text("Загрузить скан бумажного согласия").click()
        choose(page, "person", person.full_name)
        upload = page.locator("form[action$='/consent/upload/']")
        upload.get_by_label("Дата согласия").fill(today.isoformat())
        upload.get_by_label("Скан подписанного согласия").set_input_files(files=[scan()])
        upload.get_by_role("button", name="Загрузить", exact=True).click()
        expect(page.locator(".alert-success")).to_contain_text("Скан согласия загружен")


def test_director_signs_the_order_with_her_password_and_downloads_the_pdf(portal, tmp_path):
    page = portal.page
    portal.sign_in("director")
    page.get_by_role("link", name="Приказы на подпись").first.click()
    page.locator("main").get_by_role("link", name=re.compile("О внесении изменений")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("О внесении изменений"))

    # A wrong password signs nothing: the message is at the field.
    page.get_by_label("Ваш пароль").fill("не тот пароль")
    page.get_by_role("button", name="Подписать приказ").click()
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    order = Order.objects.get(pk=int(re.search(r"/orders/(\d+)/", page.url).group(1)))
    assert order.status == Order.Status.AWAITING_SIGNATURE

    page.get_by_label("Ваш пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Подписать приказ").click()
    expect(page.locator(".alert-success")).to_contain_text("Приказ подписан")
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED and order.number

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Скачать PDF").first.click()
    download = download_info.value
    assert download.suggested_filename == f"prikaz-{order.date:%Y-%m-%d}-{order.number}.pdf"
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "ПРИКАЗЫВАЮ" in text
        assert f"№ {order.number}" in text
    portal.screenshot("b-director-signed")
    portal.assert_no_browser_errors()


def test_mentor_logs_an_activity_from_a_phone(portal):
    phone = portal.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    portal.sign_in("mentor", page=phone)
    phone.locator("main").get_by_role("link", name="Становление молодого учителя").first.click()
    # Nothing wider than the phone's screen: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The quick entry at the top of the program page, on the phone's screen.
    quick = phone.get_by_role("region", name="Быстрая запись в журнал")
    quick.get_by_label("Дата").fill(timezone.localdate().isoformat())
    quick.get_by_label("Минут").fill("45")
    quick.get_by_label("Вид работы").select_option("consultation")
    quick.get_by_label("онлайн").check()
    quick.get_by_text("Мероприятие, заметки, файлы").click()
    quick.get_by_label("Что сделано").fill("Разобрали технологическую карту урока по теме «Дроби».")
    quick.get_by_role("button", name="Записать", exact=True).click()
    expect(phone.locator(".alert-success")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.evaluate("window.scrollTo(0, 0)")
    portal.screenshot("c-mentor-phone-activity", page=phone, full_page=False)
    portal.assert_no_browser_errors()
    phone.context.close()

    entry = ActivityLog.objects.get(notes__contains="технологическую карту урока")
    assert entry.minutes == 45
    assert entry.kind == "consultation"
    assert entry.format == "online"
    assert entry.created_by.username == "mentor"


def test_mentee_answers_the_satisfaction_survey(portal):
    page = portal.page
    portal.sign_in("mentee")
    page.locator("main").get_by_role("link", name="Анкетирование через месяц после начала программы").click()
    form = page.locator("main form[method=post]")
    radios = form.locator("input[type=radio]")
    names = dict.fromkeys(radios.evaluate_all("(els) => els.map((e) => e.name)"))
    for name in names:
        options = form.locator(f"input[type=radio][name='{name}']")
        options.nth(options.count() - 1).check()  # the best mark of each scale
    form.locator("input[type=checkbox]").first.check()
    form.locator("textarea").first.fill("Наставник всегда на связи, разборы уроков очень полезны.")
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.locator(".alert-success")).to_contain_text("Ваши ответы записаны")
    portal.screenshot("d-mentee-survey-sent")
    portal.assert_no_browser_errors()

    assignment = SurveyAssignment.objects.get(
        campaign__title="Анкетирование через месяц после начала программы", person__user__username="mentee"
    )
    assert assignment.answered_at is not None


def test_municipal_coordinator_reads_the_indicator_of_the_territory(portal):
    page = portal.page
    portal.sign_in("municipal")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Территория").click()
    main = page.locator("main")
    expect(main).to_contain_text("Доля организаций, реализующих целевую модель наставничества")
    expect(main.locator("table")).to_contain_text("МБОУ СОШ № 7")
    # Figures only: no name of a school's teacher without a transfer consent reaches the coordinator.
    expect(main).not_to_contain_text("Соловьёва")
    portal.screenshot("e-coordinator-territory")
    portal.assert_no_browser_errors()
