"""Import of trainings from .xlsx: the template, the preview with errors per row, all rows saved or none,
the people found in the school only, by name and date of birth; a forged or foreign confirmation saves
nothing."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.xlsx import Column, Sheet, write_workbook
from apps.core.xlsx_reader import read_sheet
from apps.training import imports
from apps.training.models import TrainingRecord
from tests.factories import pairs as f

pytestmark = pytest.mark.django_db

HEADER = [c[1] for c in imports.COLUMNS]


def _row(person, **overrides):
    values = {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "patronymic": person.patronymic,
        "birth_date": person.birth_date.strftime("%d.%m.%Y"),
        "kind": "курсы повышения квалификации",
        "title": "Методологические аспекты наставничества",
        "organiser": "АУ «Институт развития образования»",
        "start_date": "01.03.2025",
        "end_date": "20.03.2025",
        "hours": 72,
        "document_kind": "удостоверение",
        "document_number": "862400012345",
        "document_date": "20.03.2025",
    }
    values.update(overrides)
    return [values[key] for key in imports.KEYS]


def _file(*rows):
    data = write_workbook(
        Sheet(title=imports.DATA_SHEET, columns=[Column(t) for t in HEADER], rows=list(rows))
    )
    return SimpleUploadedFile("обучение.xlsx", data)


def _teacher(cast, school=None, **kwargs):
    return f.person(school or cast.school, birth_date=date(1985, 3, 14), **kwargs)


def test_the_template_has_the_columns_the_import_reads(client_for):
    response = client_for("curator").get(reverse("training:import-template"))
    assert response.status_code == 200
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        rows = read_sheet(archive, sheet=imports.DATA_SHEET, max_rows=5, max_cols=20)
    assert [str(c).rstrip("*") for c in rows[0]] == HEADER


def test_a_clean_file_is_previewed_then_saved_whole(client_for, cast):
    one, two = _teacher(cast), _teacher(cast, last_name="Ёлкина")
    client = client_for("curator")
    preview = client.post(reverse("training:import-upload"), {"file": _file(_row(one), _row(two, hours=16))})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Ошибок нет" in page and "2 строки готовы" in page
    assert not TrainingRecord.objects.exists()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    response = client.post(reverse("training:import-confirm"), {"payload": payload})
    assert response.status_code == 302
    assert sorted(TrainingRecord.objects.values_list("hours", flat=True)) == [16, 72]
    assert set(TrainingRecord.objects.values_list("entered_by", flat=True)) == {cast.curator.pk}


def test_a_file_with_one_bad_row_shows_its_errors_and_offers_no_saving(client_for, cast):
    one = _teacher(cast)
    response = client_for("curator").post(
        reverse("training:import-upload"),
        {"file": _file(_row(one), _row(one, end_date="01.02.2025", hours="много"))},
    )
    page = response.content.decode()
    assert "1 строка с ошибками" in page
    assert "<li>Дата окончания раньше даты начала.</li>" in page
    assert "01.03.2025 — 20.03.2025, 72 ч" in page
    assert "Часов: «много»: нужно целое число." in page
    assert 'name="payload"' not in page
    assert not TrainingRecord.objects.exists()


def test_a_namesake_of_another_school_or_another_birth_date_is_not_matched(client_for, cast):
    stranger = _teacher(cast, school=cast.other_school)
    here = _teacher(cast, last_name=stranger.last_name, first_name=stranger.first_name)
    here.birth_date = date(1990, 1, 1)
    here.save(update_fields=["birth_date"])
    page = (
        client_for("curator").post(reverse("training:import-upload"), {"file": _file(_row(stranger))}).content
    )
    assert "в реестре организации нет педагога с такой датой рождения" in page.decode()


def test_a_forged_or_foreign_confirmation_saves_nothing(client_for, cast):
    one = _teacher(cast)
    client = client_for("curator")
    page = client.post(reverse("training:import-upload"), {"file": _file(_row(one))}).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    assert client.post(reverse("training:import-confirm"), {"payload": payload + "x"}).status_code == 302
    # Another school's curator replays the signed rows: they were signed for another organisation and user.
    other = client_for("other_curator")
    assert other.post(reverse("training:import-confirm"), {"payload": payload}).status_code == 302
    assert not TrainingRecord.objects.exists()


def test_a_person_who_left_the_consent_between_preview_and_saving_stops_the_whole_file(client_for, cast):
    from .conftest import withdraw

    one, two = _teacher(cast), _teacher(cast, last_name="Ёлкина")
    client = client_for("curator")
    page = client.post(
        reverse("training:import-upload"), {"file": _file(_row(one), _row(two))}
    ).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    withdraw(two)
    response = client.post(reverse("training:import-confirm"), {"payload": payload}, follow=True)
    assert "Строка 3" in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_at_the_field(client_for):
    response = client_for("curator").post(
        reverse("training:import-upload"), {"file": SimpleUploadedFile("обучение.xlsx", b"not a zip at all")}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_the_same_file_confirmed_twice_saves_its_rows_once(client_for, cast):
    one = _teacher(cast)
    client = client_for("curator")
    page = client.post(reverse("training:import-upload"), {"file": _file(_row(one))}).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    client.post(reverse("training:import-confirm"), {"payload": payload})
    response = client.post(reverse("training:import-confirm"), {"payload": payload}, follow=True)
    assert "уже записано" in response.content.decode()
    assert TrainingRecord.objects.count() == 1
