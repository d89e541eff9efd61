"""The update mode on the import pages: the choice on the upload form, the preview of the changes,
the confirmation, and the previews that must not be applied (stale, another organisation's, another
user's)."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.accounts.models import Role
from apps.accounts.session import SESSION_KEY as ACTIVE_ORG_KEY
from apps.staff.models import Person
from apps.staff.views_import import SESSION_KEY, STORE_DIR
from tests.factories.accounts import membership_create

from .conftest import person_row, upload, workbook_bytes
from .test_import_update import registered, sparse_row
from .test_import_views import start

pytestmark = pytest.mark.django_db


def send(client, rows, *, update=True):
    data = {"token": start(client), "file": upload(workbook_bytes(rows))}
    if update:
        data["update"] = "on"
    return client.post(reverse("staff_import:upload"), data)


def confirm(client):
    return client.post(reverse("staff_import:confirm"), {"token": client.session[SESSION_KEY]["token"]})


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_upload_form_offers_the_update_mode(client_for, cast):
    page = client_for("curator").get(reverse("staff_import:upload")).content.decode()
    assert "Обновить сведения о педагогах, которые уже есть в реестре" in page
    assert 'type="checkbox" name="update"' in page


def test_the_preview_shows_each_change_and_the_import_writes_them(client_for, cast, directory):
    person = registered(cast.school, directory)
    client = client_for("curator")
    rows = [
        sparse_row(qualification_category="высшая"),
        person_row(first_name="Анна", email="anna@school7.ru"),
    ]
    assert send(client, rows)["Location"] == reverse("staff_import:preview")

    page = client.get(reverse("staff_import:preview")).content.decode()
    assert "Пустая ячейка не меняет сведения" in page
    assert "Сведения изменятся у 1 педагога" in page
    assert re.search(
        r"Квалификационная категория:</span> <del[^>]*>первая</del>.*?<ins[^>]*>высшая</ins>", page
    )
    assert Person.objects.get(pk=person.pk).qualification_category == Person.Category.FIRST  # nothing yet
    all_rows = client.get(reverse("staff_import:preview") + "?show=all").content.decode()
    assert "нет в реестре — добавится" in all_rows
    assert re.search(r'<button class="btn btn-primary" type="submit"><i[^>]*></i> Сохранить изменения', page)

    response = confirm(client)
    assert response["Location"] == reverse("staff:person-list")
    assert said(response)[0].startswith("В реестр добавлен 1 педагог; обновлены сведения о 1 педагоге.")
    person.refresh_from_db()
    assert person.qualification_category == Person.Category.HIGHEST
    assert Person.objects.filter(organization=cast.school).count() == 2


def test_a_file_without_changes_cannot_be_confirmed(client_for, cast, directory):
    registered(cast.school, directory)
    client = client_for("curator")
    send(client, [person_row()])
    page = client.get(reverse("staff_import:preview") + "?show=all").content.decode()
    assert "Изменений нет: все педагоги из файла уже есть в реестре с теми же сведениями." in page
    assert "уже в реестре, без изменений" in page
    assert 'disabled aria-disabled="true"' in page


def test_without_the_mode_a_person_in_the_registry_is_still_refused(client_for, cast, directory):
    registered(cast.school, directory)
    client = client_for("curator")
    send(client, [person_row(phone="+7 900 000-00-00")], update=False)
    page = client.get(reverse("staff_import:preview")).content.decode()
    assert "Уже есть в реестре организации: Иванова Мария Петровна (14.03.1990 г. р.)." in page
    confirm(client)
    assert Person.objects.get().phone == "+7 912 345-67-89"


def test_a_preview_made_stale_by_an_edit_is_refused_and_saves_nothing(client_for, cast, directory):
    person = registered(cast.school, directory)
    client = client_for("curator")
    send(client, [sparse_row(phone="+7 900 000-00-00"), person_row(first_name="Анна")])
    Person.objects.filter(pk=person.pk).update(education_year=2011)
    response = confirm(client)
    assert response["Location"] == reverse("staff_import:preview")
    assert said(response)[0].startswith("Пока файл ждал подтверждения, сведения в реестре изменились.")
    page = client.get(reverse("staff_import:preview")).content.decode()
    assert "Сведения об этом педагоге в реестре изменились после проверки файла" in page
    assert Person.objects.count() == 1 and Person.objects.get().phone == "+7 912 345-67-89"


def test_a_preview_of_another_organisation_is_refused(client_for, cast, directory):
    registered(cast.school, directory)
    registered(cast.other_school, directory)
    membership_create(user=cast.curator, role=Role.CURATOR, scope=cast.other_school)
    client = client_for("curator")
    session = client.session
    session[ACTIVE_ORG_KEY] = cast.school.pk
    session.save()
    send(client, [sparse_row(phone="+7 900 000-00-00")])
    token = client.session[SESSION_KEY]["token"]
    session = client.session
    session[ACTIVE_ORG_KEY] = cast.other_school.pk
    session.save()
    response = client.post(reverse("staff_import:confirm"), {"token": token})
    assert response["Location"] == reverse("staff_import:upload")
    assert said(response) == [
        "Этот файл проверялся для другой организации: ничего не сохранено. Загрузите его заново в реестр "
        "этой организации."
    ]
    assert set(Person.objects.values_list("phone", flat=True)) == {"+7 912 345-67-89"}


def test_a_preview_of_another_user_is_refused(client_for, cast, directory, settings):
    """Even with the token in the session, a check made by someone else is not applied."""
    registered(cast.school, directory)
    client = client_for("curator")
    send(client, [sparse_row(phone="+7 900 000-00-00")])
    token = client.session[SESSION_KEY]["token"]
    stored = Path(settings.MEDIA_ROOT) / STORE_DIR / f"{token}.check.json"
    check = json.loads(stored.read_text())
    check["user_id"] = cast.director.pk
    stored.write_text(json.dumps(check, ensure_ascii=False))
    assert client.get(reverse("staff_import:preview"))["Location"] == reverse("staff_import:upload")
    response = confirm(client)
    assert response["Location"] == reverse("staff_import:upload")
    assert Person.objects.get().phone == "+7 912 345-67-89"


@pytest.mark.parametrize("name", ["council", "mentor", "psychologist", "municipal", "admin"])
def test_those_who_cannot_import_cannot_update_either(client_for, cast, directory, name):
    registered(cast.school, directory)
    client = client_for(name)
    response = client.post(reverse("staff_import:upload"), {"token": "x" * 43, "update": "on"})
    assert response.status_code == 403
    assert client.post(reverse("staff_import:confirm"), {"token": "x" * 43}).status_code == 403
    assert Person.objects.get().phone == "+7 912 345-67-89"
