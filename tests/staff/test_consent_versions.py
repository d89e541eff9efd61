"""Versions of the consent text: 2026-2 adds the messenger chat and the cross-border transfer through
Telegram, and says that the personnel number and the allowance are processed without the consent (the
labour contract); a consent of 2026-1 stays valid in its own wording: its copy is printed in that
wording, and the person's page says which wording it is."""

import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from apps.staff import consent_texts
from apps.staff.models import PersonalDataConsent
from tests.factories.staff import PersonFactory, give_consent
from tests.pdf_pages import flat_text

pytestmark = pytest.mark.django_db

OLD = consent_texts.WORDINGS["2026-1"]


def _old_consent(person) -> PersonalDataConsent:
    """A consent recorded under 2026-1, as it was stored then."""
    return PersonalDataConsent.objects.create(
        person=person,
        subject_address="628400, г. Сургут, ул. Ленина, д. 1, кв. 2",
        subject_document="паспорт 67 10 123456",
        operator_name=person.organization.full_name,
        operator_address=person.organization.address,
        purpose=OLD.purpose,
        data_list=OLD.data_list,
        processors=OLD.processors,
        actions=OLD.actions,
        term=OLD.term,
        withdrawal_procedure=OLD.withdrawal,
        text_version="2026-1",
        text_snapshot="Согласие (редакция 2026-1)",
        form=PersonalDataConsent.Form.PAPER,
        paper_location="личное дело",
        signed_on=date(2026, 9, 1),
    )


def test_the_current_version_names_the_messenger_and_the_labour_basis():
    assert consent_texts.VERSION == "2026-2"
    assert sorted(consent_texts.OLDER_VERSIONS) == ["2026-1"]
    current = consent_texts.WORDINGS[consent_texts.VERSION]
    assert "идентификатор моего чата с ботом портала" in current.data_list
    assert "Табельный номер и сведения о доплате за наставничество" in current.data_list
    assert "пункты 2 и 5 части 1 статьи 6" in current.data_list
    assert "трансграничную передачу уведомлений" in current.actions
    assert "основаниях для начисления доплаты" in current.withdrawal
    assert current.purpose.startswith(OLD.purpose) and "мессенджер" in current.purpose
    # The earlier wording is kept as it was signed.
    assert "мессенджер" not in OLD.data_list + OLD.actions + OLD.purpose
    assert OLD.data_list.endswith("Сведения о состоянии здоровья не обрабатываются")


def test_a_new_consent_stores_the_current_version(cast):
    consent = give_consent(PersonFactory(organization=cast.school))
    assert consent.text_version == "2026-2"
    assert "(редакция 2026-2)" in consent.text_snapshot
    assert "идентификатор моего чата" in consent.text_snapshot


def test_the_person_with_an_older_consent_is_told_it_stays_valid_in_its_wording(client_for, cast):
    person = PersonFactory(organization=cast.school, user=cast.mentor)
    consent = _old_consent(person)
    page = client_for("mentor").get(reverse("staff:my-consent")).content.decode()
    assert "Согласие дано в редакции 2026-1 и действует в этой редакции" in page
    assert "Действующая редакция текста — 2026-2" in page

    consent.text_version = "2026-2"
    consent.save()
    page = client_for("mentor").get(reverse("staff:my-consent")).content.decode()
    assert "Согласие дано в редакции" not in page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_copy_of_an_older_consent_is_printed_in_its_own_wording(client_for, cast):
    def pdf_text(person) -> str:
        response = client_for("curator").get(reverse("staff:consent-pdf", args=[person.pk]))
        content = b"".join(response.streaming_content)
        result = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
        )
        return " ".join(flat_text(result.stdout.decode()).split())

    old = PersonFactory(organization=cast.school)
    _old_consent(old)
    text = pdf_text(old)
    assert "Редакция текста согласия 2026-1" in text and "01.09.2026" in text
    assert "мессенджер" not in text and "Табельный номер" not in text

    blank = pdf_text(PersonFactory(organization=cast.school))
    assert "Редакция текста согласия 2026-2" in blank
    assert "серверы Telegram находятся за пределами Российской Федерации" in blank
    assert "Табельный номер и сведения о доплате за наставничество" in blank
