"""The staff import pages: who may use them, the upload → preview → confirm flow, and bad files."""

import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.accounts.session import SESSION_KEY as ACTIVE_ORG_KEY
from apps.staff.imports import COLUMNS, DATA_SHEET
from apps.staff.models import Person
from apps.staff.views_import import SESSION_KEY, STORE_DIR
from tests.factories.accounts import membership_create

from .conftest import person_row, read_response, upload, workbook_bytes
from .factories import PersonFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"

ACCESS = [
    ("director", 200),
    ("curator", 200),
    ("council", 403),
    ("psychologist", 403),
    ("mentor", 403),
    ("mentee", 403),
    ("two_roles", 403),
    ("other_curator", 200),  # into their own school, never into ``school``
    ("other_director", 200),
    ("other_teacher", 403),
    ("far_curator", 200),
    ("municipal", 403),
    ("far_municipal", 403),
    ("regional", 403),
    ("admin", 403),
    ("nobody", 403),
]


def start(client) -> str:
    """Open the upload page; the token of the pending import is in the form."""
    response = client.get(reverse("staff_import:upload"))
    assert response.status_code == 200
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def send(client, data: bytes, name="Педагоги.xlsx"):
    token = start(client)
    return client.post(reverse("staff_import:upload"), {"token": token, "file": upload(data, name)})


@pytest.mark.parametrize(("name", "status"), ACCESS)
def test_upload_page_access_by_role(client_for, cast, name, status):
    assert client_for(name).get(reverse("staff_import:upload")).status_code == status


@pytest.mark.parametrize(("name", "status"), ACCESS)
def test_template_download_access_by_role(client_for, cast, name, status):
    assert client_for(name).get(reverse("staff_import:template")).status_code == status


@pytest.mark.parametrize("url_name", ["upload", "template", "preview", "progress"])
def test_anonymous_is_sent_to_sign_in(client_for, cast, url_name):
    response = client_for(None).get(reverse(f"staff_import:{url_name}"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", ["council", "mentor", "municipal", "other_teacher"])
def test_confirm_and_preview_are_refused_to_those_who_cannot_import(client_for, cast, name):
    client = client_for(name)
    assert client.post(reverse("staff_import:confirm"), {"token": "x" * 40}).status_code == 403
    assert client.get(reverse("staff_import:preview")).status_code == 403


def test_import_goes_into_the_active_organisation_only(client_for, cast, directory):
    """A curator of another school cannot point the import at ``school``, even by forging the session."""
    client = client_for("other_curator")
    session = client.session
    session[ACTIVE_ORG_KEY] = cast.school.pk
    session.save()
    assert send(client, workbook_bytes([person_row()])).status_code == 302
    client.post(reverse("staff_import:confirm"), {"token": client.session[SESSION_KEY]["token"]})
    assert Person.objects.filter(organization=cast.other_school, last_name="Иванова").exists()
    assert not Person.objects.filter(organization=cast.school).exists()


def test_a_curator_working_in_a_school_where_they_are_only_a_mentor_is_refused(client_for, cast):
    membership_create(user=cast.curator, role=Role.MENTOR, scope=cast.other_school)
    client = client_for("curator")
    session = client.session
    session[ACTIVE_ORG_KEY] = cast.other_school.pk
    session.save()
    assert client.get(reverse("staff_import:upload")).status_code == 403


def test_a_pending_import_of_one_organisation_is_not_confirmed_into_another(client_for, cast, directory):
    membership_create(user=cast.curator, role=Role.CURATOR, scope=cast.other_school)
    client = client_for("curator")
    session = client.session
    session[ACTIVE_ORG_KEY] = cast.school.pk
    session.save()
    send(client, workbook_bytes([person_row()]))
    token = client.session[SESSION_KEY]["token"]
    session = client.session
    session[ACTIVE_ORG_KEY] = cast.other_school.pk
    session.save()
    response = client.post(reverse("staff_import:confirm"), {"token": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_import:upload")
    assert not Person.objects.exists()


def test_upload_preview_and_confirm_save_every_row(client_for, cast, directory, settings):
    client = client_for("curator")
    rows = [
        person_row(),
        person_row(
            last_name="Васильев",
            first_name="Артём",
            patronymic="Дмитриевич",
            sex="м",
            birth_date="02.02.1998",
            subjects="Информатика; Математика",
            email="vasiliev@school7.ru",
        ),
    ]
    response = send(client, workbook_bytes(rows))
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_import:preview")
    token = client.session[SESSION_KEY]["token"]
    stored = Path(settings.MEDIA_ROOT) / STORE_DIR / f"{token}.check.json"
    assert stored.is_file()  # outside static, under a random name known to this session only

    page = client.get(reverse("staff_import:preview")).content.decode()
    assert "Ошибок нет" in page
    assert "Васильев Артём Дмитриевич" in page and "Иванова Мария Петровна" in page
    assert re.search(r'<button class="btn btn-primary" type="submit">', page)  # not disabled
    assert not Person.objects.exists()  # the preview saves nothing

    response = client.post(reverse("staff_import:confirm"), {"token": token})
    assert response.status_code == 302
    people = Person.objects.filter(organization=cast.school).order_by("last_name")
    assert [p.full_name for p in people] == ["Васильев Артём Дмитриевич", "Иванова Мария Петровна"]
    assert sorted(people[0].subjects.values_list("name", flat=True)) == ["Информатика", "Математика"]
    assert not stored.exists()  # the uploaded file does not outlive the import
    assert SESSION_KEY not in client.session


def test_one_bad_row_disables_the_button_and_nothing_is_saved(client_for, cast, directory):
    client = client_for("director")
    rows = [
        person_row(),
        person_row(first_name="Анна", birth_date="1990-02-30"),
        person_row(first_name="Ольга", position="Учитилька"),
    ]
    send(client, workbook_bytes(rows))
    page = client.get(reverse("staff_import:preview")).content.decode()
    assert "Ничего не будет сохранено" in page
    assert "disabled" in page
    assert "Дата рождения: «1990-02-30» — не дата" in page
    assert "Должность: «Учитилька» нет в справочнике (должности). Возможно, «Учитель»." in page
    assert "Иванова Мария Петровна" not in page  # only rows with errors are listed first
    assert (
        "Иванова Мария Петровна" in client.get(reverse("staff_import:preview") + "?show=all").content.decode()
    )

    response = client.post(reverse("staff_import:confirm"), {"token": client.session[SESSION_KEY]["token"]})
    assert response["Location"] == reverse("staff_import:preview")
    assert not Person.objects.exists()


def test_a_person_added_between_preview_and_confirm_stops_the_whole_import(client_for, cast, directory):
    client = client_for("curator")
    send(client, workbook_bytes([person_row(), person_row(first_name="Анна")]))
    PersonFactory(
        organization=cast.school,
        last_name="Иванова",
        first_name="Анна",
        patronymic="Петровна",
        birth_date=date(1990, 3, 14),
    )
    response = client.post(reverse("staff_import:confirm"), {"token": client.session[SESSION_KEY]["token"]})
    assert response["Location"] == reverse("staff_import:preview")
    assert Person.objects.count() == 1
    assert "Уже есть в реестре организации" in client.get(reverse("staff_import:preview")).content.decode()


def test_confirm_with_a_stale_token_saves_nothing(client_for, cast, directory):
    client = client_for("curator")
    send(client, workbook_bytes([person_row()]))
    response = client.post(reverse("staff_import:confirm"), {"token": "a" * 43})
    assert response["Location"] == reverse("staff_import:upload")
    assert not Person.objects.exists()


def test_preview_without_an_upload_sends_back_to_the_upload_page(client_for, cast):
    response = client_for("curator").get(reverse("staff_import:preview"))
    assert response["Location"] == reverse("staff_import:upload")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        ((DATA / "password_protected.xlsx").read_bytes(), "Педагоги.xlsx", "защищена паролем"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Педагоги.xlsx", "старого формата"),
        ("Фамилия;Имя\nИванова;Мария".encode(), "Педагоги.xlsx", "не является файлом Excel (.xlsx)"),
        (b"PK\x03\x04broken", "Педагоги.xlsx", "повреждён"),
        (b"", "Педагоги.xlsx", "пуст"),
        (b"%PDF-1.7", "Педагоги.pdf", ".xlsx"),
    ],
)
def test_bad_files_give_a_message_at_the_field_not_a_500(client_for, cast, data, name, message):
    response = send(client_for("curator"), data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.exists()


def test_too_big_a_file_is_refused_with_a_message(client_for, cast, settings):
    settings.UPLOAD_MAX_BYTES = 2000
    client = client_for("curator")
    response = send(client, workbook_bytes([person_row()] * 40))
    assert response.status_code in (200, 302)
    page = (
        client.get(reverse("staff_import:upload")).content.decode()
        if response.status_code == 302
        else response.content.decode()
    )
    assert "слишком большой" in page


def test_a_file_without_the_import_headers_shows_what_is_missing(client_for, cast):
    client = client_for("curator")
    send(client, workbook_bytes([["Иванова"]], headers=["ФИО"]))
    page = client.get(reverse("staff_import:preview")).content.decode()
    assert "В первой строке нет столбца «Фамилия»" in page
    assert "disabled" in page


def test_progress_reports_the_rows_checked(client_for, cast, directory):
    client = client_for("curator")
    send(client, workbook_bytes([person_row()]))
    token = client.session[SESSION_KEY]["token"]
    response = client.get(reverse("staff_import:progress"), {"token": token})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Файл проверен, строк: 1" in page
    assert 'hx-trigger="load delay:700ms"' in page
    other = client.get(reverse("staff_import:progress"), {"token": "b" * 43})
    assert other.status_code == 204 and not other.content  # nothing about another import


def test_progress_before_the_file_arrives_says_it_is_uploading(client_for, cast):
    client = client_for("curator")
    token = start(client)
    assert (
        "Файл передаётся на сервер"
        in client.get(reverse("staff_import:progress"), {"token": token}).content.decode()
    )


def test_template_explains_the_columns_and_lists_the_positions(client_for, cast, directory):
    response = client_for("curator").get(reverse("staff_import:template"))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    wb = read_response(response)
    assert wb.sheetnames[:3] == [DATA_SHEET, "Пояснения", "Пример строки"]
    assert "Должности" in wb.sheetnames and "Справочники" in wb.sheetnames
    headers = [c.value for c in wb[DATA_SHEET][1]]
    assert headers[:3] == ["Фамилия*", "Имя*", "Отчество"]
    assert len(headers) == len(COLUMNS)
    explained = {row[0]: row for row in wb["Пояснения"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert explained["Фамилия"][1] == "да"
    assert "ДД.ММ.ГГГГ" in explained["Дата рождения"][2]
    positions = [row[0] for row in wb["Должности"].iter_rows(min_row=2, values_only=True)]
    assert "Учитель" in positions and "Педагог-психолог" in positions
    assert any("Должности" in dv.formula1 for dv in wb[DATA_SHEET].data_validations.dataValidation)


def test_the_templates_example_row_imports_cleanly(client_for, cast, directory):
    """Fill the downloaded template with its own example: the check accepts it."""
    wb = read_response(client_for("curator").get(reverse("staff_import:template")))
    example = next(wb["Пример строки"].iter_rows(min_row=2, values_only=True))
    wb[DATA_SHEET].append(list(example))
    buffer = io.BytesIO()
    wb.save(buffer)
    client = client_for("curator")
    send(client, buffer.getvalue())
    assert "Ошибок нет" in client.get(reverse("staff_import:preview")).content.decode()


def test_the_registry_export_can_be_read_back_by_the_import(client_for, cast, directory):
    """Headers of the export are those of the import (extra columns are ignored with a notice)."""
    from apps.staff.exports import people_xlsx

    PersonFactory(
        organization=cast.other_school,
        last_name="Морозова",
        first_name="Татьяна",
        patronymic="Сергеевна",
        position=directory["teacher"],
        email="morozova@example.ru",
    )
    exported = people_xlsx(Person.objects.filter(organization=cast.other_school)).content
    wb = openpyxl.load_workbook(io.BytesIO(exported))
    wb.active.title = DATA_SHEET
    buffer = io.BytesIO()
    wb.save(buffer)
    client = client_for("curator")
    send(client, buffer.getvalue())
    page = client.get(reverse("staff_import:preview")).content.decode()
    assert "Ошибок нет" in page, page
    assert "Столбец «Согласие на обработку ПДн» не из шаблона" in page
