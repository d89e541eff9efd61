import subprocess

import pytest
from django.urls import reverse

from tests.factories import pairs as f
from tests.factories import territory as tf

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=response.content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def test_regulation_has_the_organisation_details_and_the_roadmap_annex(client_for, cast, year):
    tf.roadmap(cast.school, year, cast.curator)
    text = _text(client_for("curator").get(reverse("territory:regulation-pdf")))
    assert "ПОЛОЖЕНИЕ" in text and cast.school.short_name in text
    assert "Дорожная карта" in text and "Формирование банка наставников" in text


def test_letter_of_thanks_addresses_the_mentor_by_name_and_patronymic(client_for, cast, year):
    entry = f.mentor_entry(
        cast.school, year, last_name="Морозова", first_name="Татьяна", patronymic="Сергеевна", sex="f"
    )
    text = _text(client_for("director").get(reverse("territory:thanks-pdf", args=[entry.pk])))
    assert "БЛАГОДАРСТВЕННОЕ ПИСЬМО" in text and "Уважаемая Татьяна Сергеевна" in text


def test_documents_rights(client_for, cast, year):
    entry = f.mentor_entry(cast.school, year)
    url = reverse("territory:thanks-pdf", args=[entry.pk])
    assert client_for("mentor").get(url).status_code == 403
    assert client_for("other_curator").get(url).status_code == 404
    assert client_for("mentor").get(reverse("territory:regulation-pdf")).status_code == 403
    assert client_for("curator").get(reverse("territory:documents")).status_code == 200
