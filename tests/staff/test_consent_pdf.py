"""The printable consent form: pre-filled from the person and the organisation, every item of
152-ФЗ art. 9 p. 4, read back from the PDF as text."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from apps.staff import consent_texts
from tests.factories.staff import PersonFactory, give_consent
from tests.pdf_pages import flat_text

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
    ),
]


def pdf_text(response) -> str:
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return flat_text(result.stdout.decode())  # hyphenated words joined again


def test_blank_form_names_the_person_the_operator_and_every_item(client_for, cast):
    person = PersonFactory(
        organization=cast.school, last_name="Кузьмина-Караваева", first_name="Алёна", patronymic="Игоревна"
    )
    response = client_for("curator").get(reverse("staff:consent-pdf", args=[person.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "СОГЛАСИЕ" in text and "на обработку персональных данных" in text
    assert "Я, Кузьмина-Караваева Алёна Игоревна" in text
    assert "от Кузьминой-Караваевой Алёны Игоревны" in text
    assert cast.school.address in text
    for title in (
        "Цель обработки",
        "Перечень персональных данных",
        "Лица, осуществляющие обработку по поручению оператора",
        "Перечень действий и способы обработки",
        "Срок действия согласия",
        "Порядок отзыва согласия",
    ):
        assert title in text
    assert "152-ФЗ" in text
    assert "уничтожаются в срок, не превышающий 30 дней" in text
    assert f"Редакция текста согласия {consent_texts.VERSION}" in text
    assert "А. И. Кузьмина-Караваева" in text


def test_form_of_a_recorded_consent_carries_its_address_and_document(client_for, cast):
    person = PersonFactory(organization=cast.school, user=cast.mentor)
    give_consent(person)
    text = pdf_text(client_for("mentor").get(reverse("staff:consent-pdf", args=[person.pk])))
    assert "ул. Ленина, д. 1, кв. 2" in text
    assert "паспорт 67 10 123456" in text
