"""The main journeys of the portal, clicked through in a real browser, each ending with a screenshot
under var/e2e/ (the demo school of seed_demo, see conftest)."""

import io
import re
import shutil
import subprocess
from datetime import date

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.banks.models import MentorEntry
from apps.core.demo import DEMO_PASSWORD
from apps.monitoring.models import SurveyAssignment
from apps.orders.models import Order
from apps.pairs.models import MentoringGroup
from apps.pairs.selectors import missing_consents
from apps.programs.models import ActivityLog, RoadmapEvent
from apps.staff.imports.columns import COLUMNS as IMPORT_COLUMNS_OF_TEMPLATE
from apps.staff.imports.columns import DATA_SHEET
from apps.staff.imports.template import template_xlsx
from tests.e2e.conftest import PHONE, SCREENSHOTS, controls_below

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
    # from the registry («Согласия списком»).
    signed = (PAIR_MENTOR, GROUP_MENTOR, PAIR_MENTEE, *GROUP_MENTEES)
    curator.step("Согласия на обработку ПДн списком")
    page.get_by_role("link", name="Согласия списком").click()
    for name in signed:
        page.locator("main").get_by_label(name).check()
    page.get_by_role("button", name="Внести согласия").click()
    expect(page.locator(".alert-success")).to_be_visible()

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
    # entry serves the pair and the mentees' came with the form: nothing is left to upload on the pages.
    for group in MentoringGroup.objects.filter(mentor__person__last_name__in=["Белова", "Кравцов"]):
        assert missing_consents(group) == [], group

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
    """Issue 14: the quick log on the dashboard's first screen; at most 5 taps (a click, a choice or
    the fill of a field each) from the dashboard to a saved entry, tied to the overdue event it marks
    done; no control lower than 44 px on the pages passed; the own entry corrected on the log page."""
    phone = portal.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    portal.sign_in("mentor", page=phone)
    overdue = (
        RoadmapEvent.objects.filter(
            program__title="Становление молодого учителя",
            status=RoadmapEvent.Status.PLANNED,
            start__lt=timezone.localdate(),
        )
        .order_by("start", "pk")
        .first()
    )
    assert overdue is not None, "the demo program has an overdue event"
    taps = 0

    quick = phone.get_by_role("region", name="Быстрая запись в журнал")
    save = quick.get_by_role("button", name="Записать в журнал")
    assert save.bounding_box()["y"] + save.bounding_box()["height"] <= PHONE["height"]
    assert controls_below(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The overdue event listed beside the form is chosen already, to be marked done.
    expect(quick.get_by_label("Мероприятие дорожной карты")).to_have_value(str(overdue.pk))
    expect(quick.get_by_label("Отметить мероприятие выполненным")).to_be_checked()

    quick.get_by_label("Что сделано").fill("Разобрали технологическую карту урока по теме «Дроби».")
    taps += 1
    quick.get_by_text("Дата, время, вид работы").click()
    taps += 1
    quick.get_by_label("Вид работы").select_option("consultation")
    taps += 1
    save.click()
    taps += 1
    expect(phone.locator(".alert-success")).to_be_visible()
    assert taps <= 5
    print(f"\nThe mentor's quick log from the dashboard: {taps} taps")  # README «Measured»
    assert controls_below(phone) == []
    phone.evaluate("window.scrollTo(0, 0)")
    portal.screenshot("c-mentor-phone-activity", page=phone, full_page=False)

    entry = ActivityLog.objects.get(notes__contains="технологическую карту урока")
    assert (entry.minutes, entry.kind, entry.format) == (45, "consultation", "in_person")
    assert entry.created_by.username == "mentor" and entry.event_id == overdue.pk
    overdue.refresh_from_db()
    assert overdue.status == RoadmapEvent.Status.DONE and "технологическую карту" in overdue.evidence

    # The program page and the log: the same size of controls; the own entry corrected.
    quick.get_by_role("link", name="Становление молодого учителя").click()
    expect(phone.get_by_role("heading", name="Дорожная карта")).to_be_visible()
    assert controls_below(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.get_by_role("link", name="Весь журнал").click()
    expect(phone.get_by_role("heading", name="Журнал проведённой работы")).to_be_visible()
    assert controls_below(phone) == []
    phone.get_by_role("link", name="Исправить или удалить").first.click()
    assert controls_below(phone) == []
    phone.get_by_label("Минут").fill("50")
    phone.get_by_role("button", name="Сохранить исправление").click()
    expect(phone.locator(".alert-success")).to_contain_text("Запись журнала исправлена")
    portal.screenshot("c-mentor-phone-log", page=phone, full_page=False)
    portal.assert_no_browser_errors()
    phone.context.close()
    entry.refresh_from_db()
    assert entry.minutes == 50 and entry.history_events.count() == 2


SURVEY = "Анкетирование через месяц после начала программы"
SURVEY_TAPS = 12  # the limit of issue 14: from the dashboard to a sent default level 1 survey


def test_mentee_answers_the_satisfaction_survey(portal):
    """On a 390×844 phone: one screen per section, large 1–5 buttons, a move on after the last answer
    of a section; at most SURVEY_TAPS taps and no control lower than 44 px on the way."""
    phone = portal.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    portal.sign_in("mentee", page=phone)
    taps = []

    def tap(locator, what: str) -> None:
        taps.append(what)
        locator.tap()

    assert controls_below(phone) == []
    tap(phone.locator("main").get_by_role("link", name=SURVEY), "the survey on the dashboard")
    form = phone.locator("main form[method=post]")
    counter = form.locator("[data-survey-counter]")
    expect(counter).to_have_text(re.compile(r"^Шаг 1 из \d+$"))
    screens = int(counter.inner_text().rsplit(" ", 1)[1])
    for screen in range(1, screens + 1):
        expect(counter).to_have_text(f"Шаг {screen} из {screens}")
        step = form.locator("[data-survey-step]:visible")
        # The counter is rendered by the server; the script hides the other sections a moment later.
        expect(step).to_have_count(1)
        assert controls_below(phone) == [], f"screen {screen}"
        if screen == 1:
            portal.screenshot("d-mentee-survey-phone", page=phone, full_page=False)
        questions = step.locator("[data-question]")
        for i in range(questions.count()):
            question = questions.nth(i)
            if question.get_attribute("data-required") is not None:
                tap(question.locator("label").last, f"an answer on screen {screen}")  # the best mark
        last = questions.last
        moves_on = (
            last.get_attribute("data-required") is not None and last.locator("input[type=radio]").count()
        )
        if screen < screens and not moves_on:
            tap(form.get_by_role("button", name="Далее"), f"«Далее» on screen {screen}")
    tap(form.get_by_role("button", name="Отправить ответы"), "the send button")
    expect(phone.locator(".alert-success")).to_contain_text("Ваши ответы записаны")
    assert len(taps) <= SURVEY_TAPS, "\n".join(taps)
    print(f"The mentee's level 1 survey: {len(taps)} taps")
    assert controls_below(phone) == []
    portal.screenshot("d-mentee-survey-sent", page=phone)
    portal.assert_no_browser_errors()

    assignment = SurveyAssignment.objects.get(campaign__title=SURVEY, person__user__username="mentee")
    assert assignment.answered_at is not None


def test_survey_opens_on_the_section_the_server_refused(portal):
    """«Назад» returns to the answered section; a required answer missing past the browser's check
    comes back from the server with the Russian message at the question, on its own screen."""
    page = portal.page
    portal.sign_in("mentee")
    page.locator("main").get_by_role("link", name=SURVEY).click()
    form = page.locator("main form[method=post]")
    counter = form.locator("[data-survey-counter]")
    # «Далее» does not leave a section with a required question unanswered.
    form.get_by_role("button", name="Далее").click()
    expect(form.locator("[data-survey-step]:visible .survey-error").first).to_have_text(
        "Выберите оценку от 1 до 5."
    )
    expect(counter).to_have_text(re.compile(r"^Шаг 1 из"))
    # Answer everything but the first question of the third screen, which loses its browser check.
    skipped = form.locator("[data-survey-step]").nth(2).locator("[data-question]").first
    skipped.evaluate("(el) => el.removeAttribute('data-required')")
    skipped_name = skipped.locator("input").first.get_attribute("name")
    for name in dict.fromkeys(
        form.locator("input[type=radio]").evaluate_all("(els) => els.map((e) => e.name)")
    ):
        if name != skipped_name:
            form.locator(f"input[type=radio][name='{name}']").last.evaluate("(el) => { el.checked = true; }")
    form.locator("[data-survey-submit]").evaluate("(el) => { el.hidden = false; }")
    form.get_by_role("button", name="Отправить ответы").click()
    expect(page.locator(".alert-danger")).to_contain_text("Ответьте на вопросы, отмеченные красным.")
    expect(counter).to_have_text(re.compile(r"^Шаг 3 из"))
    step = form.locator("[data-survey-step]:visible")
    expect(step.locator(".survey-error").first).to_have_text("Выберите оценку от 1 до 5.")
    # The other answers were kept; «Назад» shows them.
    form.get_by_role("button", name="Назад").click()
    expect(counter).to_have_text(re.compile(r"^Шаг 2 из"))
    expect(form.locator("[data-survey-step]:visible input[type=radio]:checked")).to_have_count(1)
    portal.assert_no_browser_errors()


def test_survey_without_javascript_is_one_page(portal):
    page = portal.new_page(java_script_enabled=False)
    portal.sign_in("mentee", page=page)
    page.locator("main").get_by_role("link", name=SURVEY).click()
    form = page.locator("main form[method=post]")
    expect(form.locator("[data-survey-step]:visible")).to_have_count(6)
    expect(form.get_by_role("button", name="Далее")).to_be_hidden()
    for name in dict.fromkeys(
        form.locator("input[type=radio]").evaluate_all("(els) => els.map((e) => e.name)")
    ):
        best = form.locator(f"input[type=radio][name='{name}']").last.get_attribute("id")
        form.locator(f"label[for='{best}']").click()
    form.get_by_role("button", name="Отправить ответы").click()
    expect(page.locator(".alert-success")).to_contain_text("Ваши ответы записаны")


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
