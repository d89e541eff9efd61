"""The main journeys of the portal, clicked through in a real browser, each ending with a screenshot
under var/e2e/ (the demo school of seed_demo, see conftest)."""

import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.banks.models import MenteeEntry, MentorEntry
from apps.core.demo import DEMO_PASSWORD
from apps.monitoring.models import SurveyAssignment
from apps.orders.models import Order
from apps.pairs.models import MentoringGroup
from apps.programs.models import ActivityLog
from tests.e2e.conftest import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MENTOR = "Захарова Ксения Олеговна"
MENTEE = "Ахмедова Лейла Руслановна"
SCAN_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def choose(page, name: str, text: str) -> None:
    """Pick the option of a select whose text contains ``text`` (option texts add the position)."""
    select = page.locator(f"main select[name={name}]")
    value = select.locator("option", has_text=text).first.get_attribute("value")
    select.select_option(value)


def test_curator_builds_banks_pair_and_order_and_sends_it_for_signature(portal):
    page = portal.page
    today = timezone.localdate()
    portal.sign_in("curator")

    # The mentor bank: a candidate with her written consent and a strength.
    portal.open("/banks/mentors/new/")
    choose(page, "person", MENTOR)
    page.get_by_label("Наибольшее число наставляемых").fill("2")
    page.get_by_label("Мотивация (почему хочет быть наставником)").fill(
        "Хочу помочь коллегам войти в профессию."
    )
    page.get_by_label("«педагог – педагог»").check()
    page.get_by_label("Дата письменного согласия быть наставником").fill(today.isoformat())
    page.get_by_label("Внеурочная деятельность и воспитательная работа", exact=True).select_option("3")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".alert-success")).to_contain_text("банк наставников как кандидат")
    mentor_url = page.url

    # The mentee bank: a newcomer with a difficulty in working with parents.
    portal.open("/banks/mentees/new/")
    choose(page, "person", MENTEE)
    page.get_by_label("Категория наставляемого").select_option("new_staff")
    page.get_by_label("Запрос наставляемого (своими словами)").fill("Как выстроить работу с родителями.")
    page.get_by_label(
        "Психолого-педагогическая (работа с обучающимися и родителями)", exact=False
    ).first.select_option("3")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".alert-success")).to_contain_text("банк наставляемых")

    # The director approves the new mentor at her own browser.
    director = portal.new_page()
    portal.sign_in("director", page=director)
    director.goto(mentor_url)
    director.get_by_role("button", name="Утвердить наставником").click()
    expect(director.locator(".alert-success")).to_contain_text("утверждена наставником")
    director.context.close()

    # A pair of them, then the draft order that fixes it.
    portal.open("/pairs/new/")
    choose(page, "mentees", MENTEE)
    choose(page, "mentor", MENTOR)
    page.get_by_label("Форма наставничества").select_option("teacher_teacher")
    page.get_by_label("традиционное (один на один)").check()
    page.get_by_label("Направление работы").select_option("parents")
    page.get_by_label("Плановое начало").fill((today + timedelta(days=7)).isoformat())
    page.get_by_label("Плановое окончание").fill((today + timedelta(days=190)).isoformat())
    page.get_by_label("Цель и задачи").fill("Выстроить работу с родителями обучающихся с ОВЗ.")
    page.get_by_role("button", name="Сохранить проект").click()
    expect(page.locator(".alert-success")).to_be_visible()

    # The mentor's written consent (Labour Code art. 351.8) was entered with her bank entry and serves
    # the pair; only the mentee's paper consent is uploaded on the pair's page.
    for name in (MENTEE,):
        page.get_by_text("Загрузить скан бумажного согласия").click()
        choose(page, "person", name)
        # The upload form: a participant with a scan already has a replacement form of the same labels.
        upload = page.locator("form[action$='/consent/upload/']")
        upload.get_by_label("Дата согласия").fill(today.isoformat())
        upload.get_by_label("Скан подписанного согласия").set_input_files(
            files=[{"name": "soglasie.pdf", "mimeType": "application/pdf", "buffer": SCAN_PDF}]
        )
        upload.get_by_role("button", name="Загрузить", exact=True).click()
        expect(page.locator(".alert-success")).to_contain_text("Скан согласия загружен")

    portal.open("/pairs/?status=draft")
    row = page.locator("tr", has_text="Захарова К. О.")
    row.get_by_role("checkbox").check()
    page.get_by_role("button", name="Сформировать проект приказа").click()
    expect(page.locator(".alert-success")).to_contain_text("Подготовлен проект приказа")
    expect(page.locator("main")).to_contain_text("ПРИКАЗЫВАЮ")

    page.get_by_role("button", name="Направить на подпись").click()
    expect(page.locator(".alert-success")).to_contain_text("Приказ направлен на подпись")
    portal.screenshot("a-curator-order-sent")
    portal.assert_no_browser_errors()

    group = MentoringGroup.objects.get(mentor__person__last_name="Захарова")
    assert group.status == MentoringGroup.Status.AWAITING_ORDER
    assert group.members.get().mentee.person.last_name == "Ахмедова"
    assert MentorEntry.objects.get(person__last_name="Захарова").status == MentorEntry.Status.APPROVED
    assert MenteeEntry.objects.filter(person__last_name="Ахмедова").exists()
    order = Order.objects.get(pk=int(re.search(r"/orders/(\d+)/", page.url).group(1)))
    assert order.status == Order.Status.AWAITING_SIGNATURE


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
